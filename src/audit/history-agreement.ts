import { Pool } from 'pg';
import { RecordedEvent } from '../event-store/event-envelope';
import { EventStore, StoredEventRecord } from '../event-store/event-store.port';
import { linkOfStoredContent } from '../event-store/stored-chain-verification';
import { readCheckpoint } from '../projections/checkpoint';
import { isAtOrBefore, postgresPositionOrder } from '../projections/position-order';
import { AuditRow } from './audit-entry';
import { auditHistoryProjection } from './audit-history.projection';
import { differingColumns, HISTORY_LINE_COLUMNS } from './history-line-comparison';
import { parseStreamName } from './stream-name';

/**
 * The audit history (`audit_history`, copied when the event was first appended) parting from the
 * store: `history_disagrees`, a line that is not the store's event now (`columns` names what
 * differs; `storeHash` null: the store holds no such event, the line was deleted from the store or
 * forged into the history), or `history_line_missing`, an event the history projection has passed
 * whose line is gone (`historyHash` null).
 */
export interface HistoryDisagreement {
  code: 'history_disagrees' | 'history_line_missing';
  streamId: string;
  revision: number;
  eventId: string;
  historyHash: string | null;
  storeHash: string | null;
  columns: string[];
  /**
   * The hash the store's content gives now, chained to the stored link before it
   * (`withContentHashes`; null: the store holds no such event). After an event's data is edited
   * in place its stored hash (`storeHash`) still equals the history's: this one shows the parting.
   */
  storeContentHash?: string | null;
}

/** Columns of a history line the hash chain does not cover: a change to either side of them is in no hash. */
const OUTSIDE_THE_CHAIN = ['recorded_at', 'global_position'];

type HistoryLine = AuditRow & { event_id: string; stream_id: string; hash: string };

const byPlace = (a: HistoryDisagreement, b: HistoryDisagreement) =>
  a.streamId.localeCompare(b.streamId) || a.revision - b.revision;

const lineWithoutEvent = (line: HistoryLine): HistoryDisagreement => ({
  code: 'history_disagrees',
  streamId: line.stream_id,
  revision: Number(line.revision),
  eventId: line.event_id,
  historyHash: line.hash,
  storeHash: null,
  columns: [],
});

/**
 * Whether the history projection has passed this event: its line must exist. Later events are
 * not yet projected (the history follows the store a moment behind). A position the PostgreSQL
 * order cannot read (another store's) counts as not yet projected.
 */
async function projectedUpTo(pool: Pool): Promise<(event: RecordedEvent) => boolean> {
  const checkpoint = (await readCheckpoint(pool, auditHistoryProjection.name))?.position ?? null;
  return (event) => {
    try {
      return isAtOrBefore(postgresPositionOrder, event.position, checkpoint);
    } catch {
      return false;
    }
  };
}

/** These store events against their lines: lines that differ, and lines missing below the checkpoint. */
function compareEvents(
  events: readonly RecordedEvent[],
  lines: readonly HistoryLine[],
  projected: (event: RecordedEvent) => boolean,
): HistoryDisagreement[] {
  const lineOf = new Map(lines.map((line) => [line.event_id, line]));
  const found: HistoryDisagreement[] = [];
  for (const event of events) {
    const line = lineOf.get(event.id);
    const at = { streamId: event.streamId, revision: event.revision, eventId: event.id };
    if (!line) {
      if (projected(event))
        found.push({
          code: 'history_line_missing',
          ...at,
          historyHash: null,
          storeHash: event.hash,
          columns: [],
        });
      continue;
    }
    const columns = differingColumns(event, line);
    if (columns.length > 0)
      found.push({
        code: 'history_disagrees',
        ...at,
        streamId: line.stream_id,
        revision: Number(line.revision),
        historyHash: line.hash,
        storeHash: event.hash,
        columns,
      });
  }
  return found;
}

/**
 * One stream's history lines against the store, both ways: a line that differs from its event, a
 * line whose event the store does not hold, an event past the projection without its line. Only
 * the verification reads this, never a history read.
 */
export async function streamHistoryDisagreements(
  pool: Pool,
  store: EventStore,
  streamId: string,
): Promise<HistoryDisagreement[]> {
  const events = await store.readStream(streamId);
  const { rows } = await pool.query<HistoryLine>(
    `SELECT ${HISTORY_LINE_COLUMNS} FROM audit_history
      WHERE stream_key = $1 AND stream_id = $2 ORDER BY revision`,
    [parseStreamName(streamId).id, streamId],
  );
  const inStore = new Set(events.map((event) => event.id));
  return [
    ...compareEvents(events, rows, await projectedUpTo(pool)),
    ...rows.filter((line) => !inStore.has(line.event_id)).map(lineWithoutEvent),
  ].sort(byPlace);
}

/**
 * Every stored event against its history line, page by page in the store's order, then the lines
 * no stored event matched (a line forged into the history, or left by an event deleted from the
 * store): each stream's lines are counted against those the walk matched, and a stream with more
 * is read whole to name them.
 */
export async function wholeStoreHistoryDisagreements(
  pool: Pool,
  store: EventStore,
  pageSize = 2000,
): Promise<HistoryDisagreement[]> {
  const projected = await projectedUpTo(pool);
  const found: HistoryDisagreement[] = [];
  const matchedPerStream = new Map<string, number>();
  for (let from = 'start'; ;) {
    const page = await store.readAll(from, { limit: pageSize });
    if (page.length > 0) {
      const { rows } = await pool.query<HistoryLine>(
        `SELECT ${HISTORY_LINE_COLUMNS} FROM audit_history WHERE event_id = ANY ($1)`,
        [page.map((event) => event.id)],
      );
      for (const line of rows)
        matchedPerStream.set(line.stream_id, (matchedPerStream.get(line.stream_id) ?? 0) + 1);
      found.push(...compareEvents(page, rows, projected));
    }
    if (page.length < pageSize) break;
    from = page[page.length - 1].position;
  }
  found.push(...(await linesWithoutEvents(pool, store, matchedPerStream)));
  const named = new Set<string>();
  return found.sort(byPlace).filter((one) => !named.has(one.eventId) && named.add(one.eventId));
}

/** The lines of every stream holding more lines than the walk matched whose event the store lacks. */
async function linesWithoutEvents(
  pool: Pool,
  store: EventStore,
  matchedPerStream: ReadonlyMap<string, number>,
): Promise<HistoryDisagreement[]> {
  const { rows: counts } = await pool.query<{ stream_id: string; lines: number }>(
    'SELECT stream_id, count(*)::int AS lines FROM audit_history GROUP BY stream_id',
  );
  const found: HistoryDisagreement[] = [];
  for (const { stream_id: streamId, lines } of counts) {
    if (lines <= (matchedPerStream.get(streamId) ?? 0)) continue;
    const inStore = new Set((await store.readStream(streamId)).map((event) => event.id));
    const { rows } = await pool.query<HistoryLine>(
      `SELECT ${HISTORY_LINE_COLUMNS} FROM audit_history WHERE stream_id = $1 ORDER BY revision`,
      [streamId],
    );
    found.push(...rows.filter((line) => !inStore.has(line.event_id)).map(lineWithoutEvent));
  }
  return found;
}

/**
 * The hash each disagreeing event gives now: its content as stored, chained to the stored link
 * before it (null where the store holds no such event). An event's data edited in place leaves
 * its stored hash as it was, the same as the history's: only this shows the content part from it.
 */
export async function storeContentHashes(
  store: EventStore,
  disagreements: readonly HistoryDisagreement[],
): Promise<(string | null)[]> {
  const streams = new Map<string, Promise<StoredEventRecord[]>>();
  const storedStream = (streamId: string) => {
    if (!streams.has(streamId)) streams.set(streamId, store.readStreamStored(streamId));
    return streams.get(streamId)!;
  };
  return Promise.all(
    disagreements.map(async (found) => {
      if (found.storeHash === null) return null;
      const records = await storedStream(found.streamId);
      const record = records.find((one) => one.id === found.eventId);
      if (!record) return null;
      const previous =
        record.revision === 0
          ? null
          : (records.find((one) => one.revision === record.revision - 1)?.hash ?? null);
      return linkOfStoredContent(record, previous);
    }),
  );
}

/** The disagreements, each with the hash the store's content gives now (`storeContentHash`). */
export async function withContentHashes(
  store: EventStore,
  disagreements: readonly HistoryDisagreement[],
): Promise<HistoryDisagreement[]> {
  const hashes = await storeContentHashes(store, disagreements);
  return disagreements.map((found, index) => ({ ...found, storeContentHash: hashes[index] }));
}

/**
 * One line an auditor can act on. With `storeContentHash` (`storeContentHashes`), the store's side
 * is the hash its content gives now, never two equal hashes offered as the difference: before, an
 * event's data edited in place printed its stored hash beside the history's, the same value.
 */
export function describeDisagreement(
  found: HistoryDisagreement & { storeContentHash?: string | null },
): string {
  const at = `${found.streamId}: HISTORY DISAGREES at revision ${found.revision} (event ${found.eventId})`;
  if (found.code === 'history_line_missing')
    return `${at}: the audit history's line is gone, though the history was projected past it; store hash ${found.storeHash}`;
  const what = found.columns.length > 0 ? ` (differs in ${found.columns.join(', ')})` : '';
  const history = `${at}${what}: audit history hash ${found.historyHash}`;
  const content = found.storeContentHash;
  if (found.storeHash === null || content === undefined || content === null)
    return `${history}, store hash ${found.storeHash ?? '(event gone from the store)'}`;
  if (content !== found.storeHash)
    return `${history}, store content now hashes to ${content} (its stored hash ${found.storeHash} no longer matches it)`;
  if (content === found.historyHash) return `${history}, ${sameHashParting(found.columns)}`;
  return `${history}, store hash ${content}`;
}

/**
 * Which side changed when the store's content still gives the history's hash: a hashed column
 * that differs was changed in the history's line; `recorded_at` and `global_position` are in no
 * hash, so of those it cannot be told (before: "the history's line was changed" for a
 * `recorded_at` moved in the store alone).
 */
function sameHashParting(columns: readonly string[]): string {
  const outside = columns.filter((column) => OUTSIDE_THE_CHAIN.includes(column));
  const names = outside.join(' and ');
  const untold = `the store's ${names} and the history's differ; ${names} ${outside.length > 1 ? 'are' : 'is'} outside the hash chain, so which was changed cannot be told`;
  if (outside.length === columns.length && outside.length > 0)
    return `which the store's content still gives: ${untold}`;
  const changed = "which the store's content still gives: the history's line was changed";
  return outside.length > 0 ? `${changed} (${untold})` : changed;
}
