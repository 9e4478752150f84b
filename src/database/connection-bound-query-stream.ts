import { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { Readable } from 'node:stream';

/**
 * pg-query-stream's stream, made to fail when its connection is lost instead of waiting forever.
 * It has two gaps. Destroying it closes the cursor's portal and waits for the server's
 * ReadyForQuery, which a terminated backend never sends: the stream neither closed nor reported
 * its error, and whatever piped it (the audit export) hung. And a backend terminated while the
 * stream waits for its reader (between two batches) reaches only the client's `'error'`, which
 * checkOutClient keeps for the release, not the stream.
 *
 * So the client's error destroys the stream, and a stream destroyed with an error closes at once,
 * its portal left open: the caller releases the client with that error, which discards the
 * connection, portal and all (as it must for any half-read cursor).
 */
export function connectionBoundQueryStream(
  client: PoolClient,
  sql: string,
  params: unknown[],
  config: QueryStream.Config,
): Readable {
  const stream = client.query(new PortalAbandoningQueryStream(sql, params, config));
  const failStream = (error: Error): void => {
    stream.destroy(error);
  };
  client.on('error', failStream);
  stream.once('close', () => client.removeListener('error', failStream));
  return stream;
}

class PortalAbandoningQueryStream extends QueryStream {
  // Typed as pg-query-stream declares it; Node passes null when destroyed without an error.
  override _destroy(error: Error, callback: (error?: Error | null) => void): void {
    if (error) callback(error);
    else super._destroy(error, callback);
  }
}
