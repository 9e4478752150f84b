import { Pool } from 'pg';
import { EventStore, StreamVerification } from '../event-store/event-store.port';

export type StreamCheck = { streamId: string } & StreamVerification;

/**
 * Lists stream ids page by page from the PostgreSQL store's `streams` table (the port has no
 * stream listing), so `verify --all` never holds every id at once.
 */
export async function* postgresStreamIds(pool: Pool, pageSize = 1000): AsyncGenerator<string> {
  let after = '';
  for (;;) {
    const { rows } = await pool.query<{ stream_id: string }>(
      'SELECT DISTINCT stream_id FROM events WHERE stream_id > $1 ORDER BY stream_id LIMIT $2',
      [after, pageSize],
    );
    for (const row of rows) yield row.stream_id;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].stream_id;
  }
}

/** Checks every stream's hash chain, a few at a time; reports each result as it comes. */
export async function verifyStreams(
  store: EventStore,
  streamIds: AsyncIterable<string>,
  onChecked: (check: StreamCheck) => void,
  concurrency = 8,
): Promise<{ checked: number; broken: StreamCheck[] }> {
  const broken: StreamCheck[] = [];
  let checked = 0;
  const inFlight = new Set<Promise<void>>();
  for await (const streamId of streamIds) {
    const task: Promise<void> = store.verifyStream(streamId).then((result) => {
      const check: StreamCheck = { streamId, ...result };
      checked += 1;
      if (!check.ok) broken.push(check);
      onChecked(check);
    });
    const tracked = task.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return { checked, broken };
}

/** One line an auditor can act on. */
export function describeCheck(check: StreamCheck): string {
  return check.ok
    ? `${check.streamId}: ok (${check.eventsChecked} events)`
    : `${check.streamId}: BROKEN at revision ${check.brokenAtRevision} (event ${check.eventId}): ${check.reason}`;
}
