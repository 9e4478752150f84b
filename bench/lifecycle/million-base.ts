/**
 * The lifecycle bench on a database that already holds about a million events
 * (`BENCH_BASE=million`): the query bench's loader (`bench/queries/million-events.ts`) fills a
 * base database once, its read models are built and its sagas marked as past the loaded history;
 * each run of the bench then works on a copy of it (`CREATE DATABASE … TEMPLATE`), so every run
 * starts from the same store. `BENCH_BASE_DB` names a base kept from an earlier run (or a database
 * loaded by `BENCH_LOAD_ONLY=1 BENCH_KEEP_DB=1 npm run bench:queries`, readied here on first use).
 */
import { SERVER } from '../bench-database';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { Client, Pool } from 'pg';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { rebuildProjection } from '../../src/projections/projection-rebuild';
import { REGISTERED_PROJECTIONS } from '../../src/projections/registered-projections';
import { Saga } from '../../src/sagas/saga';
import { createBenchDatabase, loadBenchEvents } from '../queries/million-events';

const PEOPLE = Number(process.env.BENCH_BASE_PEOPLE ?? 20_000);
const CASES = Number(process.env.BENCH_BASE_CASES ?? 45_000);

export interface BaseDatabase {
  name: string;
  events: number;
  /** Drops the base unless it was named by BENCH_BASE_DB or BENCH_KEEP_DB=1 keeps it. */
  release(): Promise<void>;
}

/** The head of the log as a subscription position (`<transaction id>/<sequence>`). */
async function headPosition(pool: Pool): Promise<string | null> {
  const { rows } = await pool.query<{ position: string | null }>(
    `SELECT transaction_id::text || '/' || global_position AS position FROM events
      ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
  );
  return rows[0]?.position ?? null;
}

/** Every saga of the service: the exported sagas of the built `*.saga.js` files. */
function sagaNames(): string[] {
  const root = path.resolve(__dirname, '../../src');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.saga.js'),
  );
  const names = new Set<string>();
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(path.join(root, file)) as Record<string, unknown>;
    for (const value of Object.values(exported)) {
      const saga = value as Partial<Saga>;
      if (typeof saga?.name === 'string' && typeof saga.handle === 'function') names.add(saga.name);
    }
  }
  return [...names];
}

/**
 * Readies a loaded store as a live service would have left it: every read model caught up to
 * the head (rebuilt where its checkpoint is elsewhere) and every saga's checkpoint at the head —
 * the loaded history counts as handled (the loader wrote no saga outputs; replaying 45,000 cases'
 * sagas at the service's start would measure that replay, not the cases). Then ANALYZE.
 */
async function ready(pool: Pool): Promise<number> {
  const store = new PostgresEventStore(pool);
  const head = await headPosition(pool);
  for (const projection of REGISTERED_PROJECTIONS) {
    const { rows } = await pool.query<{ position: string | null; version: number }>(
      'SELECT position, version FROM projection_checkpoints WHERE name = $1',
      [projection.name],
    );
    if (rows[0]?.position === head && rows[0]?.version === projection.version) continue;
    const started = Date.now();
    const result = await rebuildProjection({ pool, store, projection });
    process.stderr.write(
      `base: rebuilt ${projection.name}, ${result.eventsHandled} events in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  }
  for (const name of sagaNames())
    await pool.query(
      `INSERT INTO saga_checkpoints (name, position) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET position = $2 WHERE saga_checkpoints.position IS NULL`,
      [name, head],
    );
  await store.close();
  await pool.query('ANALYZE');
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
  return rows[0].n;
}

export async function millionBase(): Promise<BaseDatabase> {
  const named = process.env.BENCH_BASE_DB;
  if (named) {
    if (!/^[a-z_][a-z0-9_]*$/.test(named)) throw new Error(`BENCH_BASE_DB: bad name ${named}`);
    const url = new URL(SERVER);
    url.pathname = `/${named}`;
    const pool = new Pool({ connectionString: url.toString(), max: 4 });
    try {
      const events = await ready(pool);
      return { name: named, events, release: async () => undefined };
    } finally {
      await pool.end();
    }
  }
  const db = await createBenchDatabase(SERVER, 'cf_bench_lifecycle_base');
  let events: number;
  try {
    const loaded = await loadBenchEvents(db.pool, { people: PEOPLE, cases: CASES });
    await loaded.store.close();
    events = await ready(db.pool);
  } catch (error) {
    await db.drop();
    throw error;
  }
  // No connection may stay open to a template.
  await db.pool.end();
  const keep = process.env.BENCH_KEEP_DB === '1';
  if (keep) process.stderr.write(`kept base database ${db.name} (BENCH_BASE_DB=${db.name})\n`);
  return {
    name: db.name,
    events,
    release: async () => {
      if (keep) return;
      const admin = new Client({ connectionString: SERVER });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
