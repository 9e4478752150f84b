import { Pool, PoolClient, QueryConfig } from 'pg';
import { EventMetadata, RecordedEvent } from '../event-envelope';
import {
  AllFrom,
  ReadAllFilter,
  ReadStreamOptions,
  StoredEventRecord,
  StreamHead,
  StreamRead,
} from '../event-store.port';
import { parsePosition } from './postgres-position';
import { preparedRead } from './prepared-read';
import { prefixRangesCondition, streamIdsOrderBytewise } from '../../database/stream-prefix-ranges';
import { parseStoredEventName, StoredEventNames } from '../stored-event-names';

/** An `events` row as selected by EVENT_COLUMNS. */
export interface EventRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  hash: Buffer;
  recorded_at: Date;
}

export const EVENT_COLUMNS =
  'global_position, transaction_id::text AS transaction_id, stream_id, revision, event_id, type, schema_version, data, metadata, hash, recorded_at';

/** Rows below the oldest transaction still running, strictly after `from`'s (transaction, sequence). */
export const SAFE_ORDER_CONDITION = 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

/**
 * Positions first (an index-only scan in log order), then the rows: asked in one go, the planner
 * prefers sorting every event after the position, which grows with the log (640 ms vs 16 ms per
 * 5000 events at a million events). The positions come as an array, not `IN (subquery)`: once
 * the table has statistics the planner may hash a sequential scan of every event against the
 * subquery's positions, even in a plan of its own for a page of 1,000 (6 ms at 15,000 events,
 * growing with the log), where an array always takes the rows by the primary key; so the read can
 * be a named statement whose generic plan is safe. The outer ORDER BY names the table: the bare
 * name would be the selected `transaction_id::text` and sort "100000" before "99999".
 */
export const safeOrderSelect = (where: string[], limitParam: number) =>
  `SELECT ${EVENT_COLUMNS} FROM events
      WHERE global_position = ANY(ARRAY(SELECT global_position FROM events WHERE ${where.join(' AND ')}
                                         ORDER BY transaction_id, global_position LIMIT $${limitParam}))
      ORDER BY events.transaction_id, events.global_position`;

/**
 * A read in safe order as a named statement, planned once per connection: its plan is the same
 * whatever the position (the subscriptions' shared tail read, several a case). A filter's stream
 * ranges and event types change the best plan, so a filtered read stays unnamed.
 */
export const safeOrderRead = (
  where: string[],
  params: unknown[],
  filter?: ReadAllFilter,
): QueryConfig => {
  const text = safeOrderSelect(where, params.length);
  return filter ? { text, values: params } : preparedRead(text, params);
};

/** The conditions of a read in safe order after `from`; its parameters go onto `params`. */
export function safeWhereAfter(from: AllFrom, params: unknown[]): string[] {
  const where = [SAFE_ORDER_CONDITION];
  if (from !== 'start') {
    const position = parsePosition(from);
    params.push(position.tx, position.pos);
    where.push(
      `(transaction_id, global_position) > ($${params.length - 1}::xid8, $${params.length})`,
    );
  }
  return where;
}

/** The last position below the oldest transaction still running (an index scan backwards). */
export async function safeHeadPosition(client: Pool | PoolClient): Promise<string | null> {
  const { rows } = await client.query<{ tx: string; pos: string }>(
    `SELECT transaction_id::text AS tx, global_position::text AS pos FROM events
      WHERE ${SAFE_ORDER_CONDITION}
      ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
  );
  return rows.length === 0 ? null : `${rows[0].tx}/${rows[0].pos}`;
}

/** A row as the rest of cadreflow reads it: upcast to the current version of its type. */
export function toRecorded(row: EventRow, names: StoredEventNames): RecordedEvent {
  const { type, schemaVersion, data } = names.read(row.type, row.schema_version, row.data);
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: `${row.transaction_id}/${row.global_position}`,
    type,
    schemaVersion,
    data,
    metadata: row.metadata,
    recordedAt: row.recorded_at.toISOString(),
    hash: row.hash.toString('hex'),
  };
}

/** A row exactly as stored (not upcast), for checkpoints and proofs. */
export function toStoredRecord(row: EventRow): StoredEventRecord {
  return {
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: `${row.transaction_id}/${row.global_position}`,
    id: row.event_id,
    type: parseStoredEventName(row.type).type,
    storedType: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    hash: row.hash.toString('hex'),
    recordedAt: row.recorded_at.toISOString(),
  };
}

/**
 * Adds a read-all filter's conditions (stream prefixes, event types under any stored name). Where
 * stream ids order bytewise (`streamIdsOrderBytewise`, asked of `pool` once) the prefixes are also
 * given as ranges of the stream index, so a subscriber whose streams are rare (the discipline
 * saga) catching up or counted from far behind reads its streams' rows, not every event since.
 */
export async function appendFilter(
  pool: Pool,
  filter: ReadAllFilter | undefined,
  where: string[],
  params: unknown[],
  names: StoredEventNames,
): Promise<void> {
  if (!filter) return;
  if (filter.streamPrefix !== undefined) {
    const prefixes = Array.isArray(filter.streamPrefix)
      ? filter.streamPrefix
      : [filter.streamPrefix];
    params.push(prefixes.map((prefix) => prefix.replace(/[\\%_]/g, '\\$&') + '%'));
    where.push(`stream_id LIKE ANY ($${params.length}::text[])`);
    const ranges = (await streamIdsOrderBytewise(pool))
      ? prefixRangesCondition('stream_id', prefixes, params.length + 1)
      : null;
    if (ranges) {
      params.push(...ranges.params);
      where.push(ranges.sql);
    }
  }
  if (filter.eventTypes !== undefined) {
    params.push(filter.eventTypes.flatMap((type) => names.storedNamesOf(type)));
    where.push(`type = ANY ($${params.length}::text[])`);
  }
}

/** The statement reading one stream: forwards or backwards, from a revision, until a time or position. */
export function streamReadQuery(
  streamId: string,
  options: ReadStreamOptions,
): { sql: string; params: unknown[] } {
  const backwards = options.direction === 'backwards';
  const params: unknown[] = [streamId];
  const where = ['stream_id = $1'];
  if (options.from !== undefined) {
    params.push(options.from);
    where.push(`revision ${backwards ? '<=' : '>='} $${params.length}`);
  }
  if (options.until instanceof Date) {
    params.push(options.until);
    // recorded_at keeps microseconds, a Date only milliseconds: the whole millisecond counts.
    where.push(`recorded_at < $${params.length}::timestamptz + interval '1 millisecond'`);
  } else if (typeof options.until === 'string') {
    const until = parsePosition(options.until);
    params.push(until.tx, until.pos);
    where.push(
      `(transaction_id, global_position) <= ($${params.length - 1}::xid8, $${params.length})`,
    );
  }
  let sql = `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY revision ${
    backwards ? 'DESC' : 'ASC'
  }`;
  if (options.limit !== undefined) {
    params.push(options.limit);
    sql += ` LIMIT $${params.length}`;
  }
  return { sql, params };
}

/** Each stream's last revision, event id and chain link, by ordinal of `$1` (a backwards index scan each). */
export const STREAM_HEADS = `SELECT r.ord, e.revision, e.event_id, e.hash
    FROM unnest($1::text[]) WITH ORDINALITY AS r(stream_id, ord)
    CROSS JOIN LATERAL (SELECT revision, event_id, hash FROM events WHERE events.stream_id = r.stream_id
                         ORDER BY revision DESC LIMIT 1) e`;

/** A row of STREAM_HEADS. */
export interface HeadRow {
  ord: string;
  revision: string;
  event_id: string;
  hash: Buffer;
}

export const toStreamHead = (row: HeadRow): StreamHead => ({
  revision: Number(row.revision),
  id: row.event_id,
  hash: row.hash.toString('hex'),
});

/**
 * Several streams in one statement: each read (`ord`, 1-based) as its own index scan from its
 * revision, at most its limit (NULL: no limit); the rows grouped by read, each in revision order.
 */
export function streamsReadQuery(reads: StreamRead[]): { sql: string; params: unknown[] } {
  return {
    sql: `SELECT r.ord, e.* FROM unnest($1::text[], $2::bigint[], $3::bigint[]) WITH ORDINALITY
                 AS r(stream_id, from_revision, max_events, ord)
            CROSS JOIN LATERAL (SELECT ${EVENT_COLUMNS} FROM events
                                 WHERE events.stream_id = r.stream_id AND revision >= r.from_revision
                                 ORDER BY revision LIMIT r.max_events) e
           ORDER BY r.ord, e.revision`,
    params: [
      reads.map((read) => read.streamId),
      reads.map((read) => read.from ?? 0),
      reads.map((read) => read.limit ?? null),
    ],
  };
}
