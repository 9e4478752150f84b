/**
 * `npm run bench:append-many`: what PostgreSQL spends on `cf_append_many` appending to existing
 * streams (the posts import, a saga's records, shared statements of steps), item by item through
 * `cf_append` (the function before migration 1736000000000, taken from that migration's Down
 * part) against the set-based statement it now tries first. On a database of its own: BENCH_STREAMS
 * streams of one event, then rounds of one event more to each, BENCH_ITEMS items a call, the two
 * ways alternating; the CPU of the one backend doing the work (Linux /proc) and the wall time.
 * Prints each round and the medians, and one JSON line.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { migrateUp, MIGRATIONS_DIR } from '../../src/database/migrate';
import { CheckedAppend } from '../../src/event-store/postgres/append-statements';
import { insertNewStreams, PreparedEvent } from '../../src/event-store/postgres/new-stream-insert';
import { appendsJsonb } from '../../src/event-store/postgres/prepared-event-json';
import { withBenchDatabase } from '../bench-database';
import { processCpuSeconds } from '../lifecycle/service-under-test';
import { median, round1 } from '../lifecycle/timed-http';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 9600);
const ITEMS = (process.env.BENCH_ITEMS ?? '1,2,3,8,32,250').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SET_BASED_MIGRATION = '1736000000000_append-many-set-based.sql';

type Way = 'item by item' | 'set-based first';

function anEvent(streamId: string, revision: number): PreparedEvent {
  const id = `${streamId}-${revision}`;
  return {
    id,
    type: 'PostAssigned',
    schemaVersion: 1,
    dataJson: JSON.stringify({
      personId: streamId,
      positionId: `pos-${revision}`,
      from: '2026-01-01',
    }),
    metadataJson: JSON.stringify({ actorId: 'admin-1', correlationId: 'bench', causationId: null }),
    contentHash: createHash('sha256').update(id).digest('hex'),
  };
}

/** The function as it was before the set-based statement, under its own name. */
function itemByItemFunction(): string {
  const migration = readFileSync(`${MIGRATIONS_DIR}/${SET_BASED_MIGRATION}`, 'utf8');
  const down = migration.split('-- Down Migration')[1];
  return down.replace('FUNCTION cf_append_many(', 'FUNCTION cf_append_many_item_by_item(');
}

async function backendPid(client: PoolClient): Promise<number> {
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return rows[0].pid;
}

/** One event more to every stream, `items` streams a call; the backend's CPU and the wall time. */
async function round(
  client: PoolClient,
  pid: number,
  way: Way,
  items: number,
  revision: number,
): Promise<{ cpuSeconds: number; seconds: number }> {
  const fn = way === 'item by item' ? 'cf_append_many_item_by_item' : 'cf_append_many';
  const cpuBefore = processCpuSeconds(pid);
  const started = performance.now();
  for (let first = 0; first < STREAMS; first += items) {
    const calls: CheckedAppend[] = [];
    for (let n = first; n < Math.min(first + items, STREAMS); n += 1)
      calls.push({
        streamId: `bench-${n}`,
        expected: revision - 1,
        expectedCode: revision - 1,
        batch: [anEvent(`bench-${n}`, revision)],
      });
    // The document the store sends (`appendsJsonb`), as a jsonb parameter.
    await client.query(`SELECT next_revision, last_position FROM ${fn}($1::jsonb)`, [
      appendsJsonb(calls),
    ]);
  }
  return {
    cpuSeconds: processCpuSeconds(pid) - cpuBefore,
    seconds: (performance.now() - started) / 1000,
  };
}

async function main(): Promise<void> {
  const results: Record<string, Record<Way, { cpuSeconds: number; seconds: number }>> = {};
  await withBenchDatabase('append_many', async (url) => {
    await migrateUp(url);
    const pool = new Pool({ connectionString: url, max: 1 });
    try {
      await pool.query(itemByItemFunction());
      for (let first = 0; first < STREAMS; first += 500) {
        const streams = [];
        for (let n = first; n < Math.min(first + 500, STREAMS); n += 1)
          streams.push({ streamId: `bench-${n}`, batch: [anEvent(`bench-${n}`, 0)] });
        await insertNewStreams(pool, streams);
      }
      const client = await pool.connect();
      try {
        const pid = await backendPid(client);
        let revision = 1;
        for (const items of ITEMS) {
          const runs: Record<Way, { cpuSeconds: number; seconds: number }[]> = {
            'item by item': [],
            'set-based first': [],
          };
          for (let r = 0; r < ROUNDS; r += 1)
            for (const way of Object.keys(runs) as Way[]) {
              const run = await round(client, pid, way, items, revision);
              revision += 1;
              runs[way].push(run);
              console.log(
                `${items} ${items === 1 ? 'item' : 'items'} a call, ${way}: PostgreSQL CPU ${run.cpuSeconds.toFixed(2)} s, wall ${run.seconds.toFixed(2)} s`,
              );
            }
          results[items] = {
            'item by item': medians(runs['item by item']),
            'set-based first': medians(runs['set-based first']),
          };
        }
      } finally {
        client.release();
      }
    } finally {
      await pool.end();
    }
  });
  console.log(`\nmedians of ${ROUNDS} rounds, ${STREAMS} streams of one event more each:`);
  for (const [items, ways] of Object.entries(results)) {
    const before = ways['item by item'];
    const after = ways['set-based first'];
    console.log(
      `  ${items} ${items === '1' ? 'item' : 'items'} a call: PostgreSQL CPU ${before.cpuSeconds} → ${after.cpuSeconds} s (${round1(
        (100 * (after.cpuSeconds - before.cpuSeconds)) / before.cpuSeconds,
      )} %), wall ${before.seconds} → ${after.seconds} s`,
    );
  }
  console.log(JSON.stringify({ bench: 'append-many', streams: STREAMS, rounds: ROUNDS, results }));
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

function medians(runs: { cpuSeconds: number; seconds: number }[]) {
  return {
    cpuSeconds: round2(median(runs.map((run) => run.cpuSeconds))),
    seconds: round2(median(runs.map((run) => run.seconds))),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
