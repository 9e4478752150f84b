import { randomUUID } from 'node:crypto';
import { EventMetadata } from '../../src/event-store/event-envelope';
import { ForwardingEventStore } from '../../src/event-store/forwarding-event-store';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { RecordOrigins } from '../../src/identity/record-origins';
import { CaseIdBackfill } from '../../src/procedures/case/case-id-backfill';
import {
  CaseIdCoverage,
  CASE_ID_COVERAGE_STREAM,
} from '../../src/procedures/case/case-id-coverage';
import { CaseIdReservations } from '../../src/procedures/case/case-id-reservations';
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
 * Cases opened before id reservations existed (a case stream, no `caseid-` stream) are reserved
 * once, after which a case id is looked up in its reservation alone, and such a case still holds
 * its id against every other procedure.
 */
describe('case id backfill', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeEach(async () => {
    db = await createTestDatabase(`case_id_backfill`);
    store = new PostgresEventStore(db.pool);
  });
  afterEach(async () => {
    await db.drop();
  });

  const openLegacy = (procedure: string, caseId: string) =>
    store.append(
      `${procedure}-${caseId}`,
      [{ id: randomUUID(), type: 'CaseOpened', data: { caseId, procedure }, metadata }],
      { expectedRevision: 'no_stream' },
    );
  const reservationsOf = async (caseId: string) =>
    (await store.readStream(`caseid-${caseId}`)).map((event) => [event.type, event.data]);

  it('reserves every case from before reservations, records it, and then looks ids up without probing', async () => {
    await openLegacy('appointment', 'old-1');
    await openLegacy('rotation', 'old-2');
    await openLegacy('discipline', 'old-3');
    const coverage = new CaseIdCoverage(store);
    const reservations = new CaseIdReservations(
      store,
      new RecordOrigins(store, coverage),
      coverage,
    );
    // A case opened since, with its reservation: left as it is.
    await reservations.reserve('new-1', 'appointment', metadata);
    await openLegacy('appointment', 'new-1');
    expect(await coverage.probesNeeded()).toBe(true);
    await untilLogSettled(store, db.pool);

    const report = await new CaseIdBackfill(store, coverage, clock).run();

    expect(report).toEqual({ alreadyComplete: false, cases: 4, reserved: 3, heldByAnother: [] });
    expect(await reservationsOf('old-2')).toEqual([
      ['CaseIdReserved', { caseId: 'old-2', procedure: 'rotation', backfilled: true }],
    ]);
    expect(await reservationsOf('new-1')).toEqual([
      ['CaseIdReserved', { caseId: 'new-1', procedure: 'appointment' }],
    ]);
    expect(await store.streamRevision(CASE_ID_COVERAGE_STREAM)).toBe(0);
    // Another process learns it from the store.
    const elsewhere = new CaseIdCoverage(store);
    expect(await elsewhere.probesNeeded()).toBe(false);
    // A case from before still holds its id, now by its reservation alone.
    const read = jest.spyOn(store, 'readStreams');
    await expect(
      new CaseIdReservations(store, new RecordOrigins(store, elsewhere), elsewhere).assertFree(
        'old-3',
        'appointment',
      ),
    ).rejects.toMatchObject({ rule: 'case.id_taken', details: { procedure: 'discipline' } });
    expect(read.mock.calls.map(([reads]) => reads.map((r) => r.streamId))).toEqual([
      ['caseid-old-3'],
    ]);
  });

  it('writes nothing on a second pass, and a pass cut short finishes on the next with each id reserved once', async () => {
    for (let n = 0; n < 2_500; n += 500)
      await store.appendMany(
        Array.from({ length: 500 }, (_, at) => ({
          streamId: `rotation-old-${n + at}`,
          expectedRevision: 'no_stream' as const,
          events: [
            { id: randomUUID(), type: 'CaseOpened', data: { caseId: `old-${n + at}` }, metadata },
          ],
        })),
      );
    await untilLogSettled(store, db.pool);
    const cut = new CaseIdBackfill(new FailingAfter(store, 1), new CaseIdCoverage(store), clock);
    await expect(cut.run()).rejects.toThrow('connection terminated');
    const count = async () =>
      Number((await db.pool.query('SELECT count(*) AS n FROM events')).rows[0].n);
    expect(await count()).toBe(2_500 + 1_000);
    expect(await store.streamRevision(CASE_ID_COVERAGE_STREAM)).toBeNull();
    await untilLogSettled(store, db.pool);

    const coverage = new CaseIdCoverage(store);
    const report = await new CaseIdBackfill(store, coverage, clock).run();
    expect(report).toMatchObject({ cases: 2_500, reserved: 1_500 });
    expect(await count()).toBe(2_500 + 2_500 + 1);
    const { rows } = await db.pool.query(
      `SELECT count(*) AS n FROM events WHERE stream_id LIKE 'caseid-%' AND revision > 0`,
    );
    expect(Number(rows[0].n)).toBe(0);

    const again = await new CaseIdBackfill(store, new CaseIdCoverage(store), clock).run();
    expect(again.alreadyComplete).toBe(true);
    expect(await count()).toBe(2_500 + 2_500 + 1);
  });

  it('leaves an id held by another procedure as it is, and counts it', async () => {
    await openLegacy('appointment', 'twice');
    await openLegacy('rotation', 'twice');
    await untilLogSettled(store, db.pool);
    const report = await new CaseIdBackfill(store, new CaseIdCoverage(store), clock).run();
    expect(report).toMatchObject({ cases: 2, reserved: 1, heldByAnother: ['twice'] });
    expect(await reservationsOf('twice')).toEqual([
      ['CaseIdReserved', { caseId: 'twice', procedure: 'appointment', backfilled: true }],
    ]);
  });

  it('reserves an id again when its case is written between the check and the release of a failed opening', async () => {
    let checks = 0;
    // The same case opened concurrently lands right after the releasing opener looked for it.
    const racing = new (class extends ForwardingEventStore {
      override async streamRevision(streamId: string) {
        const revision = await super.streamRevision(streamId);
        if (streamId === 'discipline-raced' && checks++ === 0)
          await openLegacy('discipline', 'raced');
        return revision;
      }
    })(store);
    const reservations = new CaseIdReservations(racing, new RecordOrigins(racing));
    const { undo } = await reservations.reserve('raced', 'discipline', metadata);
    await undo();
    expect((await reservationsOf('raced')).map(([type]) => type)).toEqual([
      'CaseIdReserved',
      'CaseIdReleased',
      'CaseIdReserved',
    ]);
    await expect(reservations.assertFree('raced', 'appointment')).rejects.toMatchObject({
      rule: 'case.id_taken',
    });
  });
});
