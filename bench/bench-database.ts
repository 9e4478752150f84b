import { Client } from 'pg';

/** The PostgreSQL server every bench makes its databases on (its `postgres` database). */
export const SERVER =
  process.env.BENCH_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A database of its own for one bench run (`cf_bench_<bench>_<time>`), dropped at the end; a copy
 * of `template` (a database name, nobody connected to it) when one is given.
 */
export async function withBenchDatabase<T>(
  bench: string,
  work: (url: string) => Promise<T>,
  template?: string,
): Promise<T> {
  const name = `cf_bench_${bench}_${Date.now()}`;
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  await admin.end();
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    const cleanup = new Client({ connectionString: SERVER });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  }
}
