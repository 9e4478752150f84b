import { TimerHandlerRegistry } from '../../src/jobs/timers/timer-handlers';
import { TestApp } from './test-app';

/**
 * Waits for the step-deadline timer the saga schedules for a case stream, fires it as the worker
 * would, and returns the steps the stream records as missed (`DeadlineMissed.v1`).
 */
export async function fireStepDeadline(
  t: TestApp,
  stream: string,
): Promise<{ stepId: string; payload: Record<string, unknown> }[]> {
  let rows: { data: { timerId: string; dueAt: string; payload: Record<string, unknown> } }[] = [];
  for (let tries = 0; tries < 100 && rows.length === 0; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    ({ rows } = await t.db.pool.query(
      "SELECT data FROM events WHERE type = 'TimerScheduled.v1' AND data->>'kind' = 'step-deadline' AND data->>'target' = $1",
      [stream],
    ));
  }
  if (rows.length === 0) throw new Error(`no step deadline was scheduled for ${stream}`);
  const handler = t.app.get(TimerHandlerRegistry).get('step-deadline')!;
  const timer = {
    timerId: rows[0].data.timerId,
    kind: 'step-deadline',
    target: stream,
    dueAt: new Date(rows[0].data.dueAt),
    payload: rows[0].data.payload,
  };
  const metadata = {
    actorId: 'system:timer:step-deadline',
    correlationId: 'c',
    causationId: null,
    occurredAt: new Date().toISOString(),
  };
  await handler(timer, { idSeed: `timer:${timer.timerId}`, metadata, now: new Date() });
  const missed = await t.db.pool.query(
    "SELECT data FROM events WHERE stream_id = $1 AND type = 'DeadlineMissed.v1'",
    [stream],
  );
  return missed.rows.map((r) => ({ stepId: r.data.stepId, payload: rows[0].data.payload }));
}
