import { Pool } from 'pg';
import { chainHash, contentDigest } from '../../src/event-store/hash-chain';
import { parseStoredEventName } from '../../src/event-store/stored-event-names';

/**
 * Rewrites one event of a stream in the database, as the tamper tests do, and recomputes the
 * stream's chain from it on so that the stream verifies against itself.
 */
export async function rewriteEvent(
  pool: Pool,
  streamId: string,
  revision: number,
  data: (stored: Record<string, unknown>) => Record<string, unknown>,
): Promise<void> {
  const { rows: target } = await pool.query(
    'SELECT data FROM events WHERE stream_id = $1 AND revision = $2',
    [streamId, revision],
  );
  await pool.query('UPDATE events SET data = $3 WHERE stream_id = $1 AND revision = $2', [
    streamId,
    revision,
    data(target[0].data),
  ]);
  const { rows } = await pool.query(
    `SELECT event_id, stream_id, revision, type, schema_version, data, metadata, hash
       FROM events WHERE stream_id = $1 ORDER BY revision`,
    [streamId],
  );
  let previous: Buffer | null = null;
  for (const row of rows) {
    if (Number(row.revision) < revision) {
      previous = row.hash;
      continue;
    }
    const digest = contentDigest({
      streamId: row.stream_id,
      id: row.event_id,
      type: parseStoredEventName(row.type).type,
      schemaVersion: row.schema_version,
      data: row.data,
      metadata: row.metadata,
    });
    const link = chainHash(previous, digest);
    await pool.query('UPDATE events SET content_hash = $1, hash = $2 WHERE event_id = $3', [
      digest,
      link,
      row.event_id,
    ]);
    previous = link;
  }
}
