import { Pool } from 'pg';
import { createPool } from '../database/create-pool';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { announceDatabase } from '../cli/cli-program';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/cadreflow';

/**
 * The pool and PostgreSQL event store a command-line tool works with (DATABASE_URL); names the
 * database on stderr first.
 */
export function openCliDatabase(cli: string): {
  pool: Pool;
  store: PostgresEventStore;
  close(): Promise<void>;
} {
  const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  announceDatabase(cli, url);
  const pool = createPool({
    connectionString: url,
    max: 10,
  });
  const store = new PostgresEventStore(pool);
  return {
    pool,
    store,
    async close() {
      await store.close();
      await pool.end();
    },
  };
}
