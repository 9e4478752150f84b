import { Pool } from 'pg';
import { EventStore, StoredEventRecord } from '../event-store/event-store.port';
import { parseStreamName } from './stream-name';

/**
 * A line of the audit history (`audit_history`, copied when the event was first appended) whose
 * hash is not the store's hash of that event now: one of the two copies was changed behind the
 * service. `storeHash` null: the store no longer holds the event.
 */
export interface HistoryDisagreement {
  code: 'history_disagrees';
  streamId: string;
  revision: number;
  eventId: string;
  historyHash: string;
  storeHash: string | null;
}

interface HistoryHashRow {
  event_id: string;
  stream_id: string;
  revision: string;
  hash: string;
}

const disagreement = (row: HistoryHashRow, storeHash: string | null): HistoryDisagreement => ({
  code: 'history_disagrees',
  streamId: row.stream_id,
  revision: Number(row.revision),
  eventId: row.event_id,
  historyHash: row.hash,
  storeHash,
});

/**
 * These stored events against their history lines. An event without a line is not yet projected
 * (the history follows the store a moment behind), not a disagreement.
 */
export async function compareWithHistory(
  pool: Pool,
  stored: readonly StoredEventRecord[],
): Promise<HistoryDisagreement[]> {
  if (stored.length === 0) return [];
  const { rows } = await pool.query<HistoryHashRow>(
    'SELECT event_id, stream_id, revision, hash FROM audit_history WHERE event_id = ANY ($1)',
    [stored.map((event) => event.id)],
  );
  const storeHashOf = new Map(stored.map((event) => [event.id, event.hash]));
  return rows
    .filter((row) => storeHashOf.get(row.event_id) !== row.hash)
    .map((row) => disagreement(row, storeHashOf.get(row.event_id) ?? null))
    .sort((a, b) => a.streamId.localeCompare(b.streamId) || a.revision - b.revision);
}

/**
 * One stream's history lines against the store, both ways: a line whose hash differs, and a line
 * whose event the store no longer holds. Only the verification reads this, never a history read.
 */
export async function streamHistoryDisagreements(
  pool: Pool,
  store: EventStore,
  streamId: string,
): Promise<HistoryDisagreement[]> {
  const stored = await store.readStreamStored(streamId);
  const { kind, id } = parseStreamName(streamId);
  const { rows } = await pool.query<HistoryHashRow>(
    `SELECT event_id, stream_id, revision, hash FROM audit_history
      WHERE stream_key = $1 AND stream_kind = $2 AND stream_id = $3 ORDER BY revision`,
    [id, kind, streamId],
  );
  const storeHashOf = new Map(stored.map((event) => [event.id, event.hash]));
  return rows
    .filter((row) => storeHashOf.get(row.event_id) !== row.hash)
    .map((row) => disagreement(row, storeHashOf.get(row.event_id) ?? null));
}

/** Every stored event against its history line, page by page in the store's order. */
export async function wholeStoreHistoryDisagreements(
  pool: Pool,
  store: EventStore,
  pageSize = 2000,
): Promise<HistoryDisagreement[]> {
  const found: HistoryDisagreement[] = [];
  let from = 'start';
  for (;;) {
    const page = await store.readAllStored(from, pageSize);
    found.push(...(await compareWithHistory(pool, page)));
    if (page.length < pageSize) return found;
    from = page[page.length - 1].position;
  }
}

/** One line an auditor can act on. */
export function describeDisagreement(found: HistoryDisagreement): string {
  return `${found.streamId}: HISTORY DISAGREES at revision ${found.revision} (event ${found.eventId}): audit history hash ${found.historyHash}, store hash ${found.storeHash ?? '(event gone from the store)'}`;
}
