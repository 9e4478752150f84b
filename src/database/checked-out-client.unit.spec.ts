import { EventEmitter } from 'node:events';
import { Pool, PoolClient } from 'pg';
import { checkOutClient } from './checked-out-client';

/**
 * A pool that hands out a new client the way pg-pool does when the server's first chunk holds both
 * the connection's ReadyForQuery and a FATAL: the callback runs, then the client emits 'error' in
 * the same turn, before any promise continuation could attach a listener.
 */
function poolWhoseClientFailsAsHandedOut() {
  const released: unknown[] = [];
  const client = Object.assign(new EventEmitter(), {
    release: (destroy?: unknown) => void released.push(destroy),
  }) as unknown as PoolClient;
  const pool = {
    connect(
      callback?: (error: Error | undefined, client: PoolClient | undefined) => void,
    ): Promise<PoolClient> | void {
      const fatal = new Error('terminating connection due to administrator command');
      if (!callback) {
        // The promise form: its continuation runs after this turn, so the error meets no listener.
        const handedOut = Promise.resolve(client);
        client.emit('error', fatal);
        return handedOut;
      }
      callback(undefined, client);
      client.emit('error', fatal);
    },
  } as unknown as Pool;
  return { pool, released };
}

describe('checking a client out of the pool', () => {
  it('keeps an error emitted as the client is handed out, and discards the client on release', async () => {
    const { pool, released } = poolWhoseClientFailsAsHandedOut();
    const client = await checkOutClient(pool);
    client.release();
    expect(released).toHaveLength(1);
    expect((released[0] as Error).message).toBe(
      'terminating connection due to administrator command',
    );
  });
});
