import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { migrateUp } from '../../src/database/migrate';

/** The server tests run on; each suite gets a database of its own on it. */
export const TEST_SERVER_URL =
  process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  pool: Pool;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

function urlFor(database: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates an empty, migrated database named after the suite; suites can run in parallel. */
export async function createTestDatabase(suite: string): Promise<TestDatabase> {
  const name = `cf_${suite
    .replace(/[^a-z0-9]/gi, '_')
    .toLowerCase()
    .slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = urlFor(name);
  await migrateUp(url);
  const pool = new Pool({ connectionString: url, max: 20 });
  return {
    url,
    pool,
    async drop() {
      // DROP ... WITH (FORCE) may cut connections the pool is still closing; that is expected here.
      pool.on('error', () => undefined);
      await pool.end();
      const cleanup = new Client({ connectionString: TEST_SERVER_URL });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
