import { Pool } from 'pg';
import { EventStore } from '../../src/event-store/event-store.port';

/**
 * Waits until the log's settled part — what `readAll` returns: the events before any transaction
 * of the cluster still running — holds every event the table holds. A reader of the log (a
 * backfill, the timers' reconcile, a rebuild) sees an append only then; on a busy machine a
 * transaction elsewhere in the cluster holds it back for a moment. For a test's own small store.
 */
export async function untilLogSettled(store: EventStore, pool: Pool, timeoutMs = 30_000) {
  const started = Date.now();
  for (;;) {
    const { rows } = await pool.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM events',
    );
    let settled = 0;
    for (let position: 'start' | string = 'start'; ;) {
      const events = await store.readAll(position, { limit: 1000 });
      settled += events.length;
      if (events.length < 1000) break;
      position = events[events.length - 1].position;
    }
    if (settled >= rows[0].count) return;
    if (Date.now() - started > timeoutMs)
      throw new Error(`the log settled ${settled} of ${rows[0].count} events in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
