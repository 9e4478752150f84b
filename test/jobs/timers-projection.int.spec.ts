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
  const superseding = (timerId: string, step: string, supersedes: string) => {
    const event = scheduled(timerId, step);
    return { ...event, data: { ...event.data, supersedes: [supersedes] } };
  };
  const cancelled = (timerId: string) =>
    timerEvent(timerId, 'TimerCancelled', { reason: 'step completed' });
  const fired = (timerId: string) =>
    timerEvent(timerId, 'TimerFired', { firedAt: new Date(clockMs).toISOString() });

  /**
   * What a case's steps leave in the log: each step cancels a timer and schedules the next, or (in
   * two cases of three) schedules the next superseding it.
   */
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
        if (c % 3 === 0)
          events.push(other(`appointment-${c}`), cancelled(ids[s - 1]), scheduled(ids[s], `s${s}`));
        else events.push(other(`appointment-${c}`), superseding(ids[s], `s${s}`, ids[s - 1]));
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

  it('a superseded timer is cancelled at the time of the timer that supersedes it, whichever batch each is in; a fired one stays fired', async () => {
    const [first, second, third, late] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const events = [
      scheduled(first, 'round-1'),
      superseding(second, 'round-2', first),
      superseding(third, 'round-3', second),
      fired(third),
      superseding(late, 'round-4', third),
    ];
    for (const split of [1, 2, events.length]) {
      const rows = await rowsAfter(async (tx) => {
        await timersProjection.handleBatch!(
          events.slice(0, split).map((event, index) => ({ event, sequence: index + 1 })),
          tx,
        );
        await timersProjection.handleBatch!(
          events.slice(split).map((event, index) => ({ event, sequence: split + index + 1 })),
          tx,
        );
      });
      const byId = new Map(rows.map((row) => [row.timer_id, row]));
      expect(byId.get(first)).toMatchObject({
        status: 'cancelled',
        cancelled_at: new Date(events[1].recordedAt),
      });
      expect(byId.get(second)).toMatchObject({
        status: 'cancelled',
        cancelled_at: new Date(events[2].recordedAt),
      });
      expect(byId.get(third)).toMatchObject({ status: 'fired', cancelled_at: null });
      expect(byId.get(late)).toMatchObject({ status: 'scheduled' });
    }
  });
});
