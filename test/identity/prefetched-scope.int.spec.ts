import { randomUUID } from 'node:crypto';
import { PrefetchedRegistry } from '../../src/cadres/prefetched-registry';
import { CreateOrgUnitDto } from '../../src/cadres/dto/create-org-unit.dto';
import { RegistryService } from '../../src/cadres/registry.service';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { Actor } from '../../src/identity/actor';
import { OrgScope } from '../../src/identity/org-scope';
import { PrefetchedScope } from '../../src/identity/prefetched-scope';
import { PersonRegistrations } from '../../src/identity/person-registrations';
import { RecordOrigins } from '../../src/identity/record-origins';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * A bulk job judges its entries' ids on a prefetched copy of the registry: every answer and every
 * refusal must be OrgScope's own, word for word, for ids prefetched and ids it never read.
 */
describe('PrefetchedScope answers as OrgScope does', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let scope: OrgScope;
  let registry: RegistryService;
  const actor: Actor = { userId: 'u-1', roles: ['organization_staff'], orgUnit: 'ou-district' };

  beforeAll(async () => {
    db = await createTestDatabase('prefetched_scope');
    store = new PostgresEventStore(db.pool);
    scope = new OrgScope(db.pool, new RecordOrigins(store), new PersonRegistrations(store));
    registry = new RegistryService(db.pool, store);
    const units: CreateOrgUnitDto[] = [
      { id: 'ou-province', name: 'Tỉnh', kind: 'province' },
      { id: 'ou-district', name: 'Huyện', parentId: 'ou-province', kind: 'district' },
      { id: 'ou-commune', name: 'Xã', parentId: 'ou-district', kind: 'commune' },
      { id: 'ou-sibling', name: 'Huyện khác', parentId: 'ou-province', kind: 'district' },
    ];
    for (const unit of units) await registry.createOrgUnit(unit);
    for (const [id, orgUnitId] of [
      ['pos-commune', 'ou-commune'],
      ['pos-sibling', 'ou-sibling'],
    ])
      await registry.createPosition({ id, title: id, orgUnitId, appointingAuthority: orgUnitId });
    const metadata = { actorId: 'u', correlationId: 'c', causationId: null, occurredAt: '' };
    const post = (personId: string, positionId: string, from: string) => ({
      id: randomUUID(),
      type: 'PostAssigned',
      data: { personId, positionId, from, termEnd: null, decisionRef: '1/NQ-HĐND' },
      metadata,
    });
    // p-holder: registered in the sibling district, holding the commune's post (seen there too);
    // p-later: the same, from a day to come (not held yet: not seen).
    for (const [id, orgUnitId, held] of [
      ['p-inside', 'ou-commune', null],
      ['p-outside', 'ou-sibling', null],
      ['p-holder', 'ou-sibling', '2021-06-25'],
      ['p-later', 'ou-sibling', '2999-01-01'],
    ])
      await store.append(
        `cadre-${id}`,
        [
          {
            id: randomUUID(),
            type: 'PersonRegistered',
            data: { personId: id, fullName: id, orgUnitId },
            metadata,
          },
          ...(held ? [post(id!, 'pos-commune', held)] : []),
        ],
        { expectedRevision: 'no_stream' },
      );
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  /** The outcome of a check: passed, or the refusal's rule, category, field and message. */
  const outcome = (check: Promise<void>) =>
    check.then(
      () => 'passed',
      (error: { rule: string; category: string; field?: string; message: string }) => ({
        rule: error.rule,
        category: error.category,
        field: error.field,
        message: error.message,
      }),
    );

  it.each([
    ['prefetched', true],
    ['never read', false],
  ])('gives the same answer for units, posts and people (%s)', async (_, prefetch) => {
    const prefetched = new PrefetchedRegistry(registry, db.pool, store);
    const units = ['ou-commune', 'ou-sibling', 'ou-nowhere'];
    const positions = ['pos-commune', 'pos-sibling', 'pos-nowhere'];
    const people = ['p-inside', 'p-outside', 'p-holder', 'p-later', 'p-nobody'];
    if (prefetch) await prefetched.prefetch({ people, positions, units });
    const copy = new PrefetchedScope(prefetched);
    for (const unit of units) {
      const field = 'orgUnitId';
      expect(await outcome(copy.assertUnitInScope(actor, unit, field))).toEqual(
        await outcome(scope.assertUnitInScope(actor, unit, field)),
      );
      expect(await copy.reaches(actor, unit)).toBe(await scope.reaches(actor, unit));
      expect(await copy.unitExists(unit)).toBe(await scope.unitExists(unit));
    }
    for (const position of positions)
      expect(await outcome(copy.assertPositionInScope(actor, position, 'positionId'))).toEqual(
        await outcome(scope.assertPositionInScope(actor, position, 'positionId')),
      );
    for (const person of people) {
      expect(await outcome(copy.assertPersonInScope(actor, person, 'personId'))).toEqual(
        await outcome(scope.assertPersonInScope(actor, person, 'personId')),
      );
      expect(await copy.personUnit(person)).toBe(await scope.personUnit(person));
      expect(await outcome(copy.assertManagesPersonRecord(actor, person, 'id'))).toEqual(
        await outcome(scope.assertManagesPersonRecord(actor, person, 'id')),
      );
    }
    expect(await outcome(copy.assertPersonInScope(actor, 'p-holder', 'personId'))).toBe('passed');
    expect(await outcome(copy.assertPersonInScope(actor, 'p-later', 'personId'))).not.toBe(
      'passed',
    );
    expect(await outcome(copy.assertManagesPersonRecord(actor, 'p-holder', 'id'))).not.toBe(
      'passed',
    );
    expect(await outcome(copy.assertUnitInScope(actor, 'ou-commune', 'orgUnitId'))).toBe('passed');
    expect(await outcome(copy.assertPersonInScope(actor, 'p-outside', 'personId'))).toMatchObject({
      rule: 'scope.out_of_scope',
      category: 'forbidden',
    });
  });
});
