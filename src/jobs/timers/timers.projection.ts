import { RecordedEvent } from '../../event-store/event-envelope';
import { Projection, ProjectionTx } from '../../projections/projection';
import { TIMER_STREAM_PREFIX, TimerEvent } from './timer.events';

export const TIMERS_PROJECTION_NAME = 'timers';

const PROJECTED_TYPES: ReadonlySet<string> = new Set<TimerEvent['type']>([
  'TimerScheduled',
  'TimerFired',
  'TimerCancelled',
]);

function handles(event: RecordedEvent): boolean {
  return event.streamId.startsWith(TIMER_STREAM_PREFIX) && PROJECTED_TYPES.has(event.type);
}

async function apply(event: RecordedEvent, tx: ProjectionTx): Promise<void> {
  if (!handles(event)) return;
  const typed = { type: event.type, data: event.data } as unknown as TimerEvent;
  switch (typed.type) {
    case 'TimerScheduled':
      await tx.query(
        `INSERT INTO timers (timer_id, kind, target, due_at, payload, status, scheduled_at)
         VALUES ($1, $2, $3, $4, $5, 'scheduled', $6) ON CONFLICT (timer_id) DO NOTHING`,
        [
          typed.data.timerId,
          typed.data.kind,
          typed.data.target,
          typed.data.dueAt,
          JSON.stringify(typed.data.payload),
          event.recordedAt,
        ],
      );
      return;
    case 'TimerFired':
      await tx.query(
        `UPDATE timers SET status = 'fired', fired_at = $2 WHERE timer_id = $1 AND status = 'scheduled'`,
        [typed.data.timerId, typed.data.firedAt],
      );
      return;
    case 'TimerCancelled':
      await tx.query(
        `UPDATE timers SET status = 'cancelled', cancelled_at = $2 WHERE timer_id = $1 AND status = 'scheduled'`,
        [typed.data.timerId, event.recordedAt],
      );
      return;
    default:
      return;
  }
}

/**
 * The `timers` read model: every timer with its status, for the reconciler (pending ones) and for
 * operators. Register it with the other projections so it is kept live and can be rebuilt.
 */
export const timersProjection: Projection = {
  name: TIMERS_PROJECTION_NAME,
  version: 1,
  tables: ['timers'],
  handles,
  handle: (event, tx) => apply(event, tx),
  async handleBatch(events, tx) {
    for (const { event } of events) await apply(event, tx);
  },
};
