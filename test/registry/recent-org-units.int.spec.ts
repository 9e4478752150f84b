import { ORG_UNIT_FRESH_MS, RecentOrgUnits } from '../../src/cadres/recent-org-units';
import { countStatements } from '../support/statement-count';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * A unit's name and kind may change in the database (a reorganisation): a unit read is answered
 * from memory for a few seconds, then read again; a unit not registered is always asked for.
 */
describe('org units read in the last few seconds', () => {
  let db: TestDatabase;
  let now = 0;

  beforeAll(async () => {
    db = await createTestDatabase('recent-org-units');
    await db.pool.query(
      `INSERT INTO org_units (id, name, kind, parent_id, path)
       VALUES ('ou-town', 'Thị xã A', 'district', NULL, ARRAY['ou-town'])`,
    );
    jest.spyOn(performance, 'now').mockImplementation(() => now);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await db?.drop();
  });

  it('answers a unit from memory until it is ORG_UNIT_FRESH_MS old, then sees its new kind', async () => {
    const units = RecentOrgUnits.of(db.pool);
    now = 1_000;
    expect(await units.find('ou-town')).toMatchObject({ kind: 'district' });
    await db.pool.query(
      "UPDATE org_units SET kind = 'ward', name = 'Phường A' WHERE id = 'ou-town'",
    );

    now = 1_000 + ORG_UNIT_FRESH_MS - 1;
    const statements = countStatements(db.pool);
    const kept = await units.find('ou-town');
    statements.restore();
    now = 1_000 + ORG_UNIT_FRESH_MS;
    const fresh = await units.find('ou-town');

    expect([kept?.kind, statements.sent, fresh?.kind, fresh?.name]).toEqual([
      'district',
      0,
      'ward',
      'Phường A',
    ]);
  });

  it('asks again for a unit it did not find', async () => {
    const units = RecentOrgUnits.of(db.pool);
    expect(await units.find('ou-new')).toBeNull();
    await db.pool.query(
      `INSERT INTO org_units (id, name, kind, parent_id, path)
       VALUES ('ou-new', 'Xã B', 'commune', 'ou-town', ARRAY['ou-town', 'ou-new'])`,
    );
    expect(await units.find('ou-new')).toMatchObject({ id: 'ou-new', path: ['ou-town', 'ou-new'] });
  });
});
