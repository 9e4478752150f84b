import { Pool, PoolClient } from 'pg';

/**
 * `pool.connect()` with the one thing it lacks: while a client is checked out, pg-pool takes its
 * error listener off, so a backend terminated between two statements (pg_terminate_backend, a
 * failover, a pooler's idle timeout) emits an `'error'` nobody listens to, and Node ends the
 * process. This listener keeps the error for the release, which then discards the connection
 * instead of handing a dead one to the next caller. The statement in flight still fails with
 * the error, so the caller retries as for any failed query.
 *
 * Every `connect()` in the service goes through here (or `withClient`); `release()` as usual.
 */
export function checkOutClient(pool: Pool): Promise<PoolClient> {
  return new Promise<PoolClient>((resolve, reject) => {
    // The callback form: the listener goes on in the same turn as pg-pool takes its own off. With
    // the promise form it went on a microtask later, and a new connection whose first chunk from
    // the server held both its ReadyForQuery and a FATAL (a backend terminated as it started)
    // emitted that error in between, to nobody: the process ended (seen once in the
    // backends-terminated test).
    // eslint-disable-next-line no-restricted-syntax -- the one place that may: it adds the listener
    pool.connect((error, client) => {
      if (error || !client) {
        reject(error ?? new Error('pool.connect gave no client'));
        return;
      }
      resolve(guarded(client));
    });
  });
}

function guarded(client: PoolClient): PoolClient {
  let lost: Error | undefined;
  const keepError = (error: Error): void => {
    lost ??= error;
  };
  client.on('error', keepError);
  const release = client.release.bind(client);
  client.release = (destroy?: Error | boolean) => {
    client.removeListener('error', keepError);
    release(destroy || lost);
  };
  return client;
}

/** Runs `work` on a checked-out client and releases it (discarding it if its connection broke). */
export async function withClient<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await checkOutClient(pool);
  try {
    return await work(client);
  } finally {
    client.release();
  }
}
