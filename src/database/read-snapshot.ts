import { ClientBase, Pool } from 'pg';
import { checkOutClient } from './checked-out-client';

/** What a read needs of PostgreSQL: the pool itself, or a client inside a snapshot. */
export type Queryable = Pick<ClientBase, 'query'>;

/**
 * Runs `read` on one connection inside one read-only snapshot, so figures taken by several
 * queries agree with each other while the projections move on: run apart on the pool, a report's
 * per-unit rows could count three decisions while its total of people, read a moment earlier,
 * counted one.
 */
export async function inReadSnapshot<T>(
  pool: Pool,
  read: (client: Queryable) => Promise<T>,
): Promise<T> {
  const client = await checkOutClient(pool);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const result = await read(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
