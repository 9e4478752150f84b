import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { StreamSnapshot } from '../../src/event-store/stream-snapshot';
import { openCaseSlotStream } from '../../src/procedures/case/open-case-slot';
import { OpenCaseSlotCoverage } from '../../src/procedures/case/open-case-slot-coverage';
import { PrefetchedOpenCaseSlots } from '../../src/procedures/case/prefetched-open-case-slots';
import { countStatements } from '../support/statement-count';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const metadata = {
  actorId: 'u-staff',
  correlationId: randomUUID(),
  causationId: null,
  occurredAt: new Date().toISOString(),
};

/**
 * A bulk job's claims are planned from its prefetch. An opening asks the case list for a case from
 * before slots side by side with its slot read; over a prefetch that must cost no statement, for a
 * slot claimed before (the answer is not needed) as for one never claimed (prefetched).
 */
describe("a bulk job's slot claims over its prefetch", () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const used = { procedure: 'rotation', personId: 'p-used', positionId: 'pos-1' };
  const fresh = { procedure: 'rotation', personId: 'p-fresh', positionId: 'pos-1' };

  beforeAll(async () => {
    db = await createTestDatabase('prefetched_slots');
    store = new PostgresEventStore(db.pool);
    // The slot held by an earlier case, since closed and released.
    await store.append(
      openCaseSlotStream(used),
      [
        { type: 'OpenCaseSlotClaimed', data: { caseId: 'c-old' } },
        { type: 'OpenCaseSlotReleased', data: { caseId: 'c-old', reason: 'decided' } },
      ].map((event) => ({ id: randomUUID(), ...event, metadata })),
      { expectedRevision: 'no_stream' },
    );
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('plans both claims without a statement', async () => {
    const slots = new PrefetchedOpenCaseSlots(
      new StreamSnapshot(store),
      db.pool,
      new OpenCaseSlotCoverage(store),
    );
    await slots.prefetch([used, fresh]);
    const statements = countStatements(db.pool);
    try {
      const again = await slots.planClaim(used, 'c-new', metadata);
      const first = await slots.planClaim(fresh, 'c-other', metadata);
      expect([again?.expectedRevision, first?.expectedRevision]).toEqual([1, 'no_stream']);
      expect(statements.sent).toBe(0);
    } finally {
      statements.restore();
    }
  });
});
