import { Pool } from 'pg';
import { appendFilter } from '../event-store/postgres/postgres-event-rows';
import { parsePosition } from '../event-store/postgres/postgres-position';
import { ReadAllFilter } from '../event-store/event-store.port';
import { StoredEventNames } from '../event-store/stored-event-names';

/** A subscriber (a projection, a saga) as its shared checkpoint row stands; nulls: no row yet. */
export interface SubscriberCheckpoint {
  position: string | null;
  updatedAt: Date | string | null;
  /** The events it subscribes to (a saga); none: every event (a projection moves over all). */
  filter?: { filter: ReadAllFilter; names: StoredEventNames };
}

/** Enough of the pending events to find the oldest, without reading a far-behind backlog. */
const PENDING_SAMPLE = 100;

/**
 * Since when a subscriber with events waiting has not moved, once that is `afterMs` or longer;
 * else null. It is the later of its checkpoint's last move and the recording of the first event
 * after it (an idle projection's old checkpoint does not count: it had nothing to do), both read
 * from the database with its clock, so every instance — an API-only one, one just started —
 * answers the same, and a lag of a moment (a write being applied, a bulk write held for seconds)
 * never counts.
 */
export async function stalledSince(
  pool: Pool,
  checkpoint: SubscriberCheckpoint,
  afterMs: number,
): Promise<Date | null> {
  // A KurrentDB position: the log is not in this database, so no stall can be judged here.
  if (checkpoint.position !== null && !/^\d+\/\d+$/.test(checkpoint.position)) return null;
  const params: unknown[] = [];
  const where: string[] = [];
  if (checkpoint.position !== null) {
    const { tx, pos } = parsePosition(checkpoint.position);
    params.push(tx, pos);
    where.push('(transaction_id, global_position) > ($1::xid8, $2::bigint)');
  }
  if (checkpoint.filter)
    await appendFilter(pool, checkpoint.filter.filter, where, params, checkpoint.filter.names);
  params.push(PENDING_SAMPLE, checkpoint.updatedAt, afterMs);
  const [sample, movedAt, after] = [params.length - 2, params.length - 1, params.length];
  const { rows } = await pool.query<{ since: Date | null; stalled: boolean | null }>(
    `SELECT since, now() - since >= $${after}::int * interval '1 millisecond' AS stalled
       FROM (SELECT CASE WHEN min(recorded_at) IS NULL THEN NULL
                         ELSE greatest($${movedAt}::timestamptz, min(recorded_at)) END AS since
               FROM (SELECT recorded_at FROM events
                      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                      LIMIT $${sample}) AS pending) AS oldest`,
    params,
  );
  return rows[0].stalled ? rows[0].since : null;
}
