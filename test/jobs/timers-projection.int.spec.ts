import { randomUUID } from 'node:crypto';
import { RecordedEvent } from '../../src/event-store/event-envelope';
import { timerStreamId } from '../../src/jobs/timers/timer.events';
import { timersProjection } from '../../src/jobs/timers/timers.projection';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** The `timers` read model applied a batch at a time gives the rows event-by-event application gives. */
describe('timers projection, batch by batch', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('timers-projection');
  });
  afterAll(async () => {
    await db?.drop();
  });

  let clockMs = Date.parse('2026-03-02T01:00:00.000Z');
  function timerEvent(timerId: string, type: string, data: Record<string, unknown>): RecordedEvent {
    clockMs += 1000;
    const at = new Date(clockMs).toISOString();
    return {
      id: randomUUID(),
      streamId: timerStreamId(timerId),
      revision: type === 'TimerScheduled' ? 0 : 1,
      position: `1/${clockMs}`,
      type,
      schemaVersion: 1,
      data: { timerId, ...data },
      metadata: { actorId: 'system', correlationId: 'c', causationId: null, occurredAt: at },
      recordedAt: at,
      hash: '',
    };
  }
  const scheduled = (timerId: string, step: string) =>
    timerEvent(timerId, 'TimerScheduled', {
      dueAt: '2026-03-10T17:00:00.000Z',
      kind: 'step-deadline',
      target: 'appointment-c1',
      payload: { stepId: step },
    });
  const cancelled = (timerId: string) =>
    timerEvent(timerId, 'TimerCancelled', { reason: 'step completed' });
  const fired = (timerId: string) =>
    timerEvent(timerId, 'TimerFired', { firedAt: new Date(clockMs).toISOString() });

  /** What a case's steps leave in the log: each step cancels a timer and schedules the next. */
  function stepsOfCases(cases: number, steps: number): RecordedEvent[] {
    const events: RecordedEvent[] = [];
    const other = (streamId: string): RecordedEvent => ({
      ...scheduled(randomUUID(), 'x'),
      streamId,
      type: 'ProposalRecorded',
    });
    for (let c = 0; c < cases; c += 1) {
      const ids = Array.from({ length: steps }, () => randomUUID());
      events.push(scheduled(ids[0], 's0'));
      for (let s = 1; s < steps; s += 1)
        events.push(other(`appointment-${c}`), cancelled(ids[s - 1]), scheduled(ids[s], `s${s}`));
      events.push(c % 2 ? fired(ids[steps - 1]) : cancelled(ids[steps - 1]));
      // A stray settle for a timer the read model never had, and a second settle ignored.
      events.push(cancelled(randomUUID()), fired(ids[0]));
    }
    return events;
  }

  async function rowsAfter(apply: (tx: import('pg').PoolClient) => Promise<void>) {
    const tx = await db.pool.connect();
    try {
      await tx.query('BEGIN');
      await tx.query('TRUNCATE timers');
      await apply(tx);
      const { rows } = await tx.query(
        `SELECT timer_id, kind, target, due_at, payload, status, scheduled_at, fired_at, cancelled_at
           FROM timers ORDER BY timer_id`,
      );
      await tx.query('COMMIT');
      return rows;
    } finally {
      tx.release();
    }
  }

  it('any split into batches, and any batch applied twice, leaves the rows one event at a time leaves', async () => {
    const events = stepsOfCases(6, 5);
    const oneByOne = await rowsAfter(async (tx) => {
      for (const event of events) await timersProjection.handle(event, tx, { sequence: 0 });
    });
    expect(oneByOne.filter((row) => row.status === 'scheduled')).toHaveLength(0);
    expect(oneByOne.filter((row) => row.status === 'fired')).toHaveLength(3);
    expect(oneByOne.filter((row) => row.status === 'cancelled')).toHaveLength(27);

    for (const size of [1, 2, 3, 7, events.length]) {
      const batched = await rowsAfter(async (tx) => {
        for (let start = 0; start < events.length; start += size) {
          const batch = events
            .slice(start, start + size)
            .map((event, index) => ({ event, sequence: start + index + 1 }));
          await timersProjection.handleBatch!(batch, tx);
          await timersProjection.handleBatch!(batch, tx); // delivered again
        }
      });
      expect({ size, rows: batched }).toEqual({ size, rows: oneByOne });
    }
  });

  it('a timer scheduled and cancelled in one batch is recorded cancelled, with both times', async () => {
    const id = randomUUID();
    const events = [scheduled(id, 'vetting'), cancelled(id)];
    const rows = await rowsAfter((tx) =>
      timersProjection.handleBatch!(
        events.map((event, index) => ({ event, sequence: index + 1 })),
        tx,
      ),
    );
    expect(rows).toEqual([
      expect.objectContaining({
        timer_id: id,
        status: 'cancelled',
        payload: { stepId: 'vetting' },
        scheduled_at: new Date(events[0].recordedAt),
        cancelled_at: new Date(events[1].recordedAt),
        fired_at: null,
      }),
    ]);
  });
});
