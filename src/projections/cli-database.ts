import { Pool } from 'pg';
import { createPool } from '../database/create-pool';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/cadreflow';

/** The pool and PostgreSQL event store a command-line tool works with (DATABASE_URL). */
export function openCliDatabase(): {
  pool: Pool;
  store: PostgresEventStore;
  close(): Promise<void>;
} {
  const pool = createPool({
    connectionString: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
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
