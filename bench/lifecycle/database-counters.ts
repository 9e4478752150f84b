import { Pool } from 'pg';

/** What the database did for a run: events appended and transactions committed. */
export interface DatabaseCounters {
  events: number;
  commits: number;
}

export async function readCounters(pool: Pool): Promise<DatabaseCounters> {
  const { rows } = await pool.query<{ events: string; commits: string }>(
    `SELECT (SELECT count(*) FROM events) AS events,
            (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) AS commits`,
  );
  return { events: Number(rows[0].events), commits: Number(rows[0].commits) };
}

/**
 * Waits until nothing is appended and no projection or saga checkpoint moves for `quietMs` (the
 * read models, sagas and timers a run set off have done their work), so the next run does not
 * pay for this one's tail. Returns how long it waited before the quiet began.
 */
export async function waitForQuiet(pool: Pool, quietMs = 1500, maxMs = 600_000): Promise<number> {
  const started = Date.now();
  let last = '';
  let stableSince = Date.now();
  while (Date.now() - started < maxMs) {
    const { rows } = await pool.query<{ top: string; behind: number }>(
      `SELECT concat_ws(' ', (SELECT max(global_position) FROM events),
                             (SELECT max(updated_at) FROM projection_checkpoints),
                             (SELECT max(updated_at) FROM saga_checkpoints)) AS top,
              (SELECT count(*)::int FROM projection_checkpoints WHERE position IS DISTINCT FROM (
                 SELECT transaction_id::text || '/' || global_position FROM events
                  ORDER BY transaction_id DESC, global_position DESC LIMIT 1)) AS behind`,
    );
    // A projection inside a long catch-up transaction moves no row for a while: count it too.
    const top = `${rows[0].top} ${rows[0].behind}`;
    if (top !== last || rows[0].behind > 0) {
      last = top;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= quietMs) {
      return Date.now() - started - quietMs;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the store was still growing after ${maxMs} ms`);
}

/**
 * Writes every dirty page to disk now (`CHECKPOINT`). Before a run, so that it does not pay for
 * what was written before it (a million-event base's long records: about a gigabyte of WAL the
 * checkpointer would otherwise write during the run); at the end of a run, inside its window, so
 * that it pays for its own. Needs a superuser or `pg_checkpoint`; without, runs go on unflushed.
 */
export async function flushDirtyPages(pool: Pool): Promise<boolean> {
  try {
    await pool.query('CHECKPOINT');
    return true;
  } catch {
    return false;
  }
}
