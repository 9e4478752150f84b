import { RecordedEvent } from '../../event-store/event-envelope';
import { ProjectedEvent, Projection, ProjectionTx } from '../../projections/projection';
import { supersededTimers, TIMER_STREAM_PREFIX, TimerEvent } from './timer.events';

export const TIMERS_PROJECTION_NAME = 'timers';

const PROJECTED_TYPES: ReadonlySet<string> = new Set<TimerEvent['type']>([
  'TimerScheduled',
  'TimerFired',
  'TimerCancelled',
]);

function handles(event: RecordedEvent): boolean {
  return event.streamId.startsWith(TIMER_STREAM_PREFIX) && PROJECTED_TYPES.has(event.type);
}

/** A `timers` row as a batch leaves it: its TimerScheduled and what settled it, if anything. */
interface TimerRow {
  timer_id: string;
  kind: string;
  target: string;
  due_at: string;
  payload: Record<string, unknown>;
  status: 'scheduled' | 'fired' | 'cancelled';
  scheduled_at: string;
  fired_at: string | null;
  cancelled_at: string | null;
}

/** What settles a timer whose TimerScheduled came in an earlier batch. */
interface Settlement {
  timer_id: string;
  status: 'fired' | 'cancelled';
  fired_at: string | null;
  cancelled_at: string | null;
}

/**
 * A batch's timer events folded into the rows they leave, in event order: a timer is settled
 * once (the first TimerFired or TimerCancelled after its TimerScheduled wins, as in evolveTimer,
 * or the first TimerScheduled that supersedes it).
 */
function foldBatch(events: readonly RecordedEvent[]): {
  rows: TimerRow[];
  settlements: Settlement[];
} {
  const rows = new Map<string, TimerRow>();
  const settlements = new Map<string, Settlement>();
  for (const event of events) {
    if (!handles(event)) continue;
    const typed = { type: event.type, data: event.data } as unknown as TimerEvent;
    if (typed.type === 'TimerScheduled') {
      const { timerId, kind, target, dueAt, payload } = typed.data;
      if (!rows.has(timerId) && !settlements.has(timerId))
        rows.set(timerId, {
          timer_id: timerId,
          kind,
          target,
          due_at: dueAt,
          payload,
          status: 'scheduled',
          scheduled_at: event.recordedAt,
          fired_at: null,
          cancelled_at: null,
        });
      for (const superseded of supersededTimers(event)) settle(superseded, cancelledAt(event));
      continue;
    }
    if (typed.type === 'TimerFired')
      settle(typed.data.timerId, {
        status: 'fired',
        fired_at: typed.data.firedAt,
        cancelled_at: null,
      });
    else if (typed.type === 'TimerCancelled') settle(typed.data.timerId, cancelledAt(event));
  }
  return { rows: [...rows.values()], settlements: [...settlements.values()] };

  function settle(timerId: string, settled: Omit<Settlement, 'timer_id'>): void {
    const row = rows.get(timerId);
    if (row) {
      if (row.status === 'scheduled') Object.assign(row, settled);
    } else if (!settlements.has(timerId))
      settlements.set(timerId, { timer_id: timerId, ...settled });
  }
}

const cancelledAt = (event: RecordedEvent): Omit<Settlement, 'timer_id'> => ({
  status: 'cancelled',
  fired_at: null,
  cancelled_at: event.recordedAt,
});

/**
 * The timers a batch schedules are inserted as the batch leaves them; a row already there (an
 * event seen again) is only settled if it is still scheduled, as event-by-event application
 * would do. Timers scheduled earlier are settled by the UPDATE. The two touch distinct timers,
 * so one statement does both: one round trip per batch instead of one per timer event.
 */
const APPLY_BATCH = `
WITH scheduled AS (
  INSERT INTO timers (timer_id, kind, target, due_at, payload, status, scheduled_at, fired_at, cancelled_at)
  SELECT timer_id, kind, target, due_at, payload, status, scheduled_at, fired_at, cancelled_at
    FROM jsonb_to_recordset($1::jsonb) AS r(timer_id text, kind text, target text,
      due_at timestamptz, payload jsonb, status text, scheduled_at timestamptz,
      fired_at timestamptz, cancelled_at timestamptz)
  ON CONFLICT (timer_id) DO UPDATE
    SET status = EXCLUDED.status, fired_at = EXCLUDED.fired_at, cancelled_at = EXCLUDED.cancelled_at
    WHERE timers.status = 'scheduled' AND EXCLUDED.status <> 'scheduled'
)
UPDATE timers t
   SET status = s.status,
       fired_at = COALESCE(s.fired_at, t.fired_at),
       cancelled_at = COALESCE(s.cancelled_at, t.cancelled_at)
  FROM jsonb_to_recordset($2::jsonb) AS s(timer_id text, status text, fired_at timestamptz,
    cancelled_at timestamptz)
 WHERE t.timer_id = s.timer_id AND t.status = 'scheduled'`;

async function applyBatch(events: readonly RecordedEvent[], tx: ProjectionTx): Promise<void> {
  const { rows, settlements } = foldBatch(events);
  if (rows.length === 0 && settlements.length === 0) return;
  await tx.query({
    name: 'timers_apply_batch',
    text: APPLY_BATCH,
    values: [JSON.stringify(rows), JSON.stringify(settlements)],
  });
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
  handle: (event, tx) => applyBatch([event], tx),
  handleBatch: (events: readonly ProjectedEvent[], tx) =>
    applyBatch(
      events.map(({ event }) => event),
      tx,
    ),
};
