import { PrefetchedRegistry } from '../../src/cadres/prefetched-registry';
import { RegistryService } from '../../src/cadres/registry.service';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { Actor } from '../../src/identity/actor';
import { OrgScope } from '../../src/identity/org-scope';
import { PersonRegistrations } from '../../src/identity/person-registrations';
import { RecordOrigins } from '../../src/identity/record-origins';
import { countStatements } from '../support/statement-count';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * A transfer batch of 10,000 entries in a thousand communes asked the path of each commune alone
 * while deciding its openings: the units its prefetch read in one statement answer those checks.
 */
describe("the units a bulk job's prefetch read answer the scope checks that follow", () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const communes = Array.from({ length: 40 }, (_, i) => `ou-commune-${i}`);
  const actor: Actor = { userId: 'u-1', roles: ['organization_staff'], orgUnit: 'ou-province' };

  beforeAll(async () => {
    db = await createTestDatabase('kept_unit_paths');
    store = new PostgresEventStore(db.pool);
    await db.pool.query(
      `INSERT INTO org_units (id, name, kind, parent_id, path)
       SELECT 'ou-province', 'Tỉnh', 'province', NULL, ARRAY['ou-province']
       UNION ALL
       SELECT id, id, 'commune', 'ou-province', ARRAY['ou-province', id] FROM unnest($1::text[]) AS id`,
      [communes],
    );
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('without a statement each, and a unit not registered is still asked for', async () => {
    const registry = new RegistryService(db.pool, store);
    await new PrefetchedRegistry(registry, db.pool, store).prefetch({
      people: [],
      positions: [],
      units: [...communes, 'ou-not-yet'],
    });
    const scope = new OrgScope(db.pool, new RecordOrigins(store), new PersonRegistrations(store));
    const statements = countStatements(db.pool);
    try {
      for (const unit of communes) expect(await scope.reaches(actor, unit)).toBe(true);
      expect(statements.sent).toBe(0);
      // Registered after the prefetch missed it (by another instance, say): found.
      await statements.uncounted(
        `INSERT INTO org_units (id, name, kind, parent_id, path)
         VALUES ('ou-not-yet', 'Xã mới', 'commune', 'ou-province', ARRAY['ou-province', 'ou-not-yet'])`,
      );
      expect(await scope.reaches(actor, 'ou-not-yet')).toBe(true);
      expect(statements.sent).toBe(1);
    } finally {
      statements.restore();
    }
  });
});
