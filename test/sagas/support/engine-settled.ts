import { Pool } from 'pg';
import { caseRecordSaga } from '../../../src/procedures/case/record/case-record.saga';
import { stepDeadlineSaga } from '../../../src/procedures/case/deadlines/step-deadline.saga';
import { disciplineRecordSaga } from '../../../src/procedures/discipline/discipline-record.saga';

const DOMAIN_SAGAS = [caseRecordSaga, stepDeadlineSaga, disciplineRecordSaga];

/**
 * What is still to do for the engine's workers: events after each domain saga's checkpoint that
 * its filter selects, and timers due by the workers' clock that have neither fired nor been cancelled.
 */
export async function outstandingWork(
  pool: Pool,
  workersNow: Date,
): Promise<{ sagaEvents: number; dueTimers: number; head: string }> {
  let sagaEvents = 0;
  for (const saga of DOMAIN_SAGAS) {
    const prefixes = ([] as string[])
      .concat(saga.filter?.streamPrefix ?? [])
      .map((prefix) => `${prefix}%`);
    const { rows } = await pool.query<{ position: string | null }>(
      'SELECT position FROM saga_checkpoints WHERE name = $1',
      [saga.name],
    );
    const [transactionId, globalPosition] = (rows[0]?.position ?? '0/0').split('/');
    const pending = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events
        WHERE stream_id LIKE ANY($1) AND (transaction_id, global_position) > ($2::xid8, $3::bigint)`,
      [prefixes, transactionId, globalPosition],
    );
    sagaEvents += pending.rows[0].n;
  }
  const timers = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM events scheduled
      WHERE scheduled.type = 'TimerScheduled.v1' AND (scheduled.data->>'dueAt')::timestamptz <= $1
        AND NOT EXISTS (SELECT 1 FROM events settled WHERE settled.stream_id = scheduled.stream_id AND settled.type IN ('TimerFired.v1', 'TimerCancelled.v1'))`,
    [workersNow],
  );
  const head = await pool.query<{ head: string | null }>(
    'SELECT max(global_position)::text AS head FROM events',
  );
  return { sagaEvents, dueTimers: timers.rows[0].n, head: head.rows[0].head ?? '0' };
}

/** Waits until the workers have nothing left to do, twice in a row with no new event in between. */
export async function waitUntilSettled(
  pool: Pool,
  workersNow: () => Date,
  what: string,
  timeoutMs = 90_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let previousHead: string | null = null;
  let last = { sagaEvents: -1, dueTimers: -1, head: '' };
  while (Date.now() < deadline) {
    last = await outstandingWork(pool, workersNow());
    const idle = last.sagaEvents === 0 && last.dueTimers === 0;
    if (idle && previousHead === last.head) return;
    previousHead = idle ? last.head : null;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${what}: the workers did not settle in ${timeoutMs} ms (${last.sagaEvents} saga events, ${last.dueTimers} due timers outstanding)`,
  );
}
