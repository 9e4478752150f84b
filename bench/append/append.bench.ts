/**
 * Append throughput: our PostgreSQL adapter vs a plain single-row INSERT (the floor) vs Emmett's
 * PostgreSQL event store, for 1, 8 and 32 concurrent writers, each append one event to a new
 * stream. Run: npm run bench:append. Each figure is the median of BENCH_ROUNDS rounds of
 * BENCH_SECONDS seconds. Ends with one JSON line holding every figure.
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { withBenchDatabase } from '../bench-database';
import { migrateUp } from '../../src/database/migrate';
import { NewEvent } from '../../src/event-store/event-envelope';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
// Candidates take turns round by round, so a drift of the machine (disk latency here varies by
// tens of percent over a minute) hits all of them alike; each figure is the median of its rounds.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WRITERS = [1, 8, 32];
const APPEND_STATEMENTS = process.env.BENCH_APPEND_STATEMENTS
  ? Number(process.env.BENCH_APPEND_STATEMENTS)
  : undefined;

type AppendOne = (writer: number, n: number) => Promise<void>;

function event(n: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'CaseOpened',
    data: {
      caseId: `c-${n}`,
      personId: `p-${n % 1000}`,
      positionId: 'pos-head',
      orgUnitId: 'ou-ha-noi',
      summary: 'Fill the post',
    },
    metadata: {
      actorId: 'u-staff',
      roles: ['organization_staff'],
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: new Date().toISOString(),
    },
  };
}

async function run(writers: number, appendOne: AppendOne, seconds: number): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
  let count = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      let n = 0;
      while (Date.now() < deadline) {
        await appendOne(writer, n++);
        count += 1;
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return Math.round(count / elapsed);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
}

async function main(): Promise<void> {
  const results: Record<string, Record<string, number>> = {
    cadreflow: {},
    plainInsert: {},
    emmett: {},
  };
  await withBenchDatabase('append', async (url) => {
    await migrateUp(url);
    const pool = new Pool({ connectionString: url, max: 32 });
    pool.on('error', () => undefined);
    const store = new PostgresEventStore(pool, undefined, { appendStatements: APPEND_STATEMENTS });
    // The floor: one INSERT of the same row shape, no revision check, no hash chain.
    await pool.query(
      `CREATE TABLE plain_events (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`,
    );
    // Emmett ships a CommonJS build; its store creates its own schema on first use.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { getPostgreSQLEventStore } = require('@event-driven-io/emmett-postgresql');
    // Emmett gets its own pool of pg's default size (what it would create itself), handed over so
    // that the final DROP DATABASE ... WITH (FORCE) meets an error handler on every idle connection.
    const emmettPool = new Pool({ connectionString: url });
    emmettPool.on('error', () => undefined);
    const emmett = getPostgreSQLEventStore(url, { connectionOptions: { pool: emmettPool } });

    const runId = randomUUID().slice(0, 8);
    const candidates: [keyof typeof results, AppendOne][] = [
      [
        'cadreflow',
        async (w, n) =>
          void (await store.append(`bench-${runId}-${w}-${n}-${Math.random()}`, [event(n)], {
            expectedRevision: 'no_stream',
          })),
      ],
      [
        'plainInsert',
        async (w, n) => {
          const e = event(n);
          await pool.query(
            `INSERT INTO plain_events (stream_id, revision, event_id, type, schema_version, data, metadata, content_hash, hash)
             VALUES ($1, 0, $2, $3, 1, $4, $5, '\\x00', '\\x00')`,
            [`plain-${runId}-${w}-${n}-${Math.random()}`, e.id, e.type, e.data, e.metadata],
          );
        },
      ],
      [
        'emmett',
        async (w, n) => {
          const e = event(n);
          await emmett.appendToStream(
            `emmett-${runId}-${w}-${n}-${Math.random()}`,
            [{ type: e.type, data: e.data, metadata: e.metadata }],
            {
              expectedStreamVersion: 'STREAM_DOES_NOT_EXIST',
            },
          );
        },
      ],
    ];
    for (const [, appendOne] of candidates) await run(4, appendOne, 1); // warm-up: connections, plans, emmett's schema
    const samples: Record<string, Record<string, number[]>> = {
      cadreflow: {},
      plainInsert: {},
      emmett: {},
    };
    for (const writers of WRITERS) {
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const [name, appendOne] of candidates) {
          (samples[name][`writers${writers}`] ??= []).push(await run(writers, appendOne, SECONDS));
        }
      }
      for (const [name] of candidates) {
        const rounds = samples[name][`writers${writers}`];
        results[name][`writers${writers}`] = median(rounds);
        process.stdout.write(
          `${name.padEnd(12)} ${String(writers).padStart(2)} writers: ${median(rounds)} events/s (rounds: ${rounds.join(', ')})\n`,
        );
      }
    }
    await emmett.close();
    await emmettPool.end();
    await store.close();
    await pool.end();
  });
  const ratios = {
    vsPlainInsertAt8: Number(
      (results.cadreflow.writers8 / results.plainInsert.writers8).toFixed(2),
    ),
    vsEmmettAt8: Number((results.cadreflow.writers8 / results.emmett.writers8).toFixed(2)),
  };
  process.stdout.write(
    `\nat 8 writers: ${ratios.vsPlainInsertAt8}× the plain INSERT (target ≥ 0.8), ${ratios.vsEmmettAt8}× Emmett (target ≥ 2.5)\n`,
  );
  process.stdout.write(
    `${JSON.stringify({ bench: 'append', seconds: SECONDS, rounds: ROUNDS, eventsPerSecond: results, ratios })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`bench:append failed: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
