import { Pool, PoolClient } from 'pg';
import { AppendResult } from '../event-store.port';
import { chainHash } from '../hash-chain';

/**
 * An event ready to store: what `cf_append` takes, with the content digest already computed and
 * its data and metadata already written as JSON text (`batchJsonb` sends it as it is).
 */
export interface PreparedEvent {
  id: string;
  type: string;
  schemaVersion: number;
  dataJson: string;
  metadataJson: string;
  contentHash: string;
}

/** The events of one append to one stream. */
export interface StreamBatch {
  streamId: string;
  batch: readonly PreparedEvent[];
}

/** Larger batches go through `cf_append`: a statement holds at most 65,535 parameters. */
export const NEW_STREAM_INSERT_MAX_EVENTS = 500;

const COLUMNS = 9;

/** The INSERT of new streams: its VALUES rows and their parameters, numbered from `$firstParam`. */
export interface NewStreamValues {
  rows: string[];
  params: unknown[];
}

/** The VALUES of an INSERT of new streams: revisions from 0, each chain from the empty hash. */
export function newStreamValues(streams: readonly StreamBatch[], firstParam = 1): NewStreamValues {
  const params: unknown[] = [];
  const rows: string[] = [];
  for (const { streamId, batch } of streams) {
    let previous: Buffer | null = null;
    batch.forEach((event, revision) => {
      const digest = Buffer.from(event.contentHash, 'hex');
      const hash = chainHash(previous, digest);
      previous = hash;
      const base = firstParam - 1 + rows.length * COLUMNS;
      rows.push(
        `($${base + 1}, $${base + 2}::bigint, $${base + 3}, $${base + 4}, $${base + 5}::int, $${base + 6}::jsonb, $${base + 7}::jsonb, $${base + 8}::bytea, $${base + 9}::bytea)`,
      );
      params.push(
        streamId,
        revision,
        event.id,
        event.type,
        event.schemaVersion,
        event.dataJson,
        event.metadataJson,
        digest,
        hash,
      );
    });
  }
  return { rows, params };
}

export const NEW_STREAM_INSERT = `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, content_hash, hash)
           VALUES`;

export const NEW_STREAM_RETURNING =
  'RETURNING stream_id, transaction_id::text AS transaction_id, global_position';

/** A row the INSERT of new streams returns. */
export interface InsertedRow {
  stream_id: string;
  transaction_id: string;
  global_position: string;
}

/**
 * The append of new streams (`no_stream`) as one plain INSERT: revisions start at 0 and each
 * chain starts from the empty hash, so nothing needs reading first. The unique indexes keep the
 * guarantees: if a stream exists or an event id is taken, the INSERT fails with 23505 and
 * writes nothing, and the caller asks `cf_append`, which tells a retry of this very batch
 * (success) from a wrong expected revision or an id stored elsewhere. Results are in the order of
 * `streams`, which must name distinct streams.
 */
export async function insertNewStreams(
  pool: Pool | PoolClient,
  streams: readonly StreamBatch[],
): Promise<AppendResult[]> {
  const { rows, params } = newStreamValues(streams);
  const { rows: inserted } = await pool.query<InsertedRow>({
    // Named: each connection parses and plans the statement once per row count.
    name: `cf_insert_new_stream_${rows.length}`,
    text: `${NEW_STREAM_INSERT} ${rows.join(', ')}
           ${NEW_STREAM_RETURNING}`,
    values: params,
  });
  return newStreamResults(streams, inserted);
}

/** Each stream's result from the rows its INSERT returned, in the order of `streams`. */
export function newStreamResults(
  streams: readonly StreamBatch[],
  inserted: readonly InsertedRow[],
): AppendResult[] {
  const lastPosition = new Map<string, InsertedRow>();
  for (const row of inserted) {
    const seen = lastPosition.get(row.stream_id);
    if (!seen || BigInt(row.global_position) > BigInt(seen.global_position))
      lastPosition.set(row.stream_id, row);
  }
  return streams.map(({ streamId, batch }) => {
    const last = lastPosition.get(streamId);
    if (!last) throw new Error(`insert of new stream ${streamId} returned no row`);
    return {
      nextRevision: batch.length - 1,
      position: `${last.transaction_id}/${last.global_position}`,
    };
  });
}
