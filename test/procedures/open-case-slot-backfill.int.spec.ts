import { randomUUID } from 'node:crypto';
import { EventMetadata } from '../../src/event-store/event-envelope';
import { ForwardingEventStore } from '../../src/event-store/forwarding-event-store';
import { StreamAppend } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { OpenCaseSlotKey, openCaseSlotStream } from '../../src/procedures/case/open-case-slot';
import { OpenCaseSlotBackfill } from '../../src/procedures/case/open-case-slot-backfill';
import {
  OpenCaseSlotCoverage,
  OPEN_CASE_SLOT_COVERAGE_STREAM,
} from '../../src/procedures/case/open-case-slot-coverage';
import { OpenCaseSlots } from '../../src/procedures/case/open-case-slots';
import { FailingAfter } from '../support/failing-after';
import { untilLogSettled } from '../support/settled-log';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const metadata: EventMetadata = {
  actorId: 'u-staff',
  correlationId: 'c',
  causationId: null,
  occurredAt: new Date().toISOString(),
};
const clock = { now: () => new Date() };

/**
 * Cases opened before open-case slots existed hold their slot without a claim (the case list
 * answers for them). The backfill claims the slot of each one still open, once, and records it;
 * after that an opening of a never-claimed slot asks nothing but the slot's stream.
 */
describe('open-case slot backfill', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeEach(async () => {
    db = await createTestDatabase(`open_case_slot_backfill`);
    store = new PostgresEventStore(db.pool);
  });
  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  const slotOf = (personId: string, positionId: string): OpenCaseSlotKey => ({
    procedure: 'appointment',
    personId,
    positionId,
  });
  /** A case as written before slots: its stream only, open or withdrawn. */
  const caseFromBefore = (caseId: string, slot: OpenCaseSlotKey, withdrawn = false) =>
    store.append(
      `${slot.procedure}-${caseId}`,
      [
        { type: 'CaseOpened', data: { caseId, ...slot, definitionId: 'appointment.internal' } },
        ...(withdrawn ? [{ type: 'CaseWithdrawn', data: { reason: 'x' } }] : []),
      ].map((event) => ({ id: randomUUID(), ...event, metadata })),
      { expectedRevision: 'no_stream' },
    );
  /** A pass as a process started now makes it. */
  const freshPass = () =>
    new OpenCaseSlotBackfill(store, new OpenCaseSlotCoverage(store), clock).run();
  /** Statements sent to the case list while `act` runs. */
  const caseListQueries = async (act: () => Promise<unknown>): Promise<number> => {
    const sent = jest.spyOn(db.pool, 'query');
    try {
      await act();
      return sent.mock.calls.filter(([query]) =>
        JSON.stringify(query).includes('FROM case_summaries'),
      ).length;
    } finally {
      sent.mockRestore();
    }
  };
  const slotEvents = async (slot: OpenCaseSlotKey) =>
    (await store.readStream(openCaseSlotStream(slot))).map((event) => [event.type, event.data]);

  it('claims the slot of each open case from before slots, once, and then asks no case list', async () => {
    await caseFromBefore('old-open', slotOf('p-1', 'pos-1'));
    await caseFromBefore('old-second', slotOf('p-1', 'pos-1'));
    await caseFromBefore('old-withdrawn', slotOf('p-2', 'pos-1'), true);
    // A case opened since slots, with its claim: left as it is.
    await store.append(
      openCaseSlotStream(slotOf('p-3', 'pos-1')),
      [{ id: randomUUID(), type: 'OpenCaseSlotClaimed', data: { caseId: 'new' }, metadata }],
      { expectedRevision: 'no_stream' },
    );
    await caseFromBefore('new', slotOf('p-3', 'pos-1'));
    const coverage = new OpenCaseSlotCoverage(store);
    const slots = new OpenCaseSlots(store, db.pool, coverage);
    const free = slotOf('p-9', 'pos-9');
    const askedBefore = await caseListQueries(() => slots.planClaim(free, 'c-free', metadata));

    // The backfill reads the log's settled part: wait until the cases above are in it.
    await untilLogSettled(store, db.pool);
    const report = await new OpenCaseSlotBackfill(store, coverage, clock).run();

    expect(report).toEqual({ alreadyComplete: false, cases: 4, claimed: 1 });
    // The first open case of the slot in the store's order holds it, as the case list said.
    expect(await slotEvents(slotOf('p-1', 'pos-1'))).toEqual([
      ['OpenCaseSlotClaimed', { caseId: 'old-open', backfilled: true }],
    ]);
    expect(await slotEvents(slotOf('p-2', 'pos-1'))).toEqual([]);
    expect(await slotEvents(slotOf('p-3', 'pos-1'))).toEqual([
      ['OpenCaseSlotClaimed', { caseId: 'new' }],
    ]);
    expect(await store.streamRevision(OPEN_CASE_SLOT_COVERAGE_STREAM)).toBe(0);

    // Another process learns it from the store; a free slot is then answered by its stream alone.
    const elsewhere = new OpenCaseSlots(store, db.pool, new OpenCaseSlotCoverage(store));
    const askedAfter = await caseListQueries(() => elsewhere.planClaim(free, 'c-free', metadata));
    expect([askedBefore, askedAfter]).toEqual([1, 0]);
    // The old case still holds its slot, now by its claim.
    await expect(
      elsewhere.planClaim(slotOf('p-1', 'pos-1'), 'c-another', metadata),
    ).rejects.toMatchObject({ rule: 'case.duplicate_open', details: { openCaseId: 'old-open' } });
  });

  it('writes nothing on a second pass, and a pass cut short finishes on the next with each slot claimed once', async () => {
    for (let n = 0; n < 2_500; n += 500)
      await store.appendMany(
        Array.from({ length: 500 }, (_, at) => ({
          streamId: `appointment-old-${n + at}`,
          expectedRevision: 'no_stream' as const,
          events: [
            {
              id: randomUUID(),
              type: 'CaseOpened',
              data: { caseId: `old-${n + at}`, ...slotOf(`p-${n + at}`, 'pos-1') },
              metadata,
            },
          ],
        })),
      );
    await untilLogSettled(store, db.pool);
    const cut = new OpenCaseSlotBackfill(
      new FailingAfter(store, 1),
      new OpenCaseSlotCoverage(store),
      clock,
    );
    await expect(cut.run()).rejects.toThrow('connection terminated');
    const count = async () =>
      Number((await db.pool.query('SELECT count(*) AS n FROM events')).rows[0].n);
    expect(await count()).toBe(2_500 + 1_000);
    expect(await store.streamRevision(OPEN_CASE_SLOT_COVERAGE_STREAM)).toBeNull();

    const report = await freshPass();
    expect(report).toMatchObject({ cases: 2_500, claimed: 1_500 });
    expect(await count()).toBe(2_500 + 2_500 + 1);

    const again = await freshPass();
    expect(again.alreadyComplete).toBe(true);
    expect(await count()).toBe(2_500 + 2_500 + 1);
  });

  it('fails and leaves the record unwritten when an opener claims a slot it is claiming', async () => {
    await caseFromBefore('old-open', slotOf('p-1', 'pos-1'));
    const racing = new (class extends ForwardingEventStore {
      override async appendMany(appends: StreamAppend[]) {
        // An opener's claim lands between the pass's read of the slot and its write.
        await store.append(
          appends[0].streamId,
          [{ id: randomUUID(), type: 'OpenCaseSlotClaimed', data: { caseId: 'c-x' }, metadata }],
          { expectedRevision: 'no_stream' },
        );
        return super.appendMany(appends);
      }
    })(store);
    await untilLogSettled(store, db.pool);
    await expect(
      new OpenCaseSlotBackfill(racing, new OpenCaseSlotCoverage(store), clock).run(),
    ).rejects.toMatchObject({ name: expect.stringMatching(/WrongExpectedRevision/) });
    expect(await store.streamRevision(OPEN_CASE_SLOT_COVERAGE_STREAM)).toBeNull();
    const report = await freshPass();
    expect(report).toEqual({ alreadyComplete: false, cases: 1, claimed: 0 });
    expect(await slotEvents(slotOf('p-1', 'pos-1'))).toEqual([
      ['OpenCaseSlotClaimed', { caseId: 'c-x' }],
    ]);
  });
});
