/**
 * Bulk work (issue 21): the service as `npm start` runs it on a fresh database with the demo data,
 * then, timed from the request to its answer, with the events appended counted in the database:
 * 1. `POST /imports` of BENCH_IMPORT_PEOPLE new people (CSV "Cán bộ" sheet), after its dry run;
 * 2. `POST /imports` of the same people's posts (CSV "Chức vụ" sheet): appends to existing streams;
 * 3. `POST /transfer-batches` of BENCH_BATCH_ENTRIES of them (a transfer each), after its dry run
 *    (`POST /transfer-batches/check`), then the same batch again (opens nothing).
 * One JSON line at the end. The machine is shared: the load average is printed with each figure.
 */
import { Pool } from 'pg';
import { DEV_JWT_SECRET } from '../../src/identity/dev-secret';
import { JwtVerifier } from '../../src/identity/jwt-verifier';
import { withBenchDatabase } from '../bench-database';
import { bulkImport, UNIT } from '../lifecycle/bulk-import';
import { readCounters, waitForQuiet } from '../lifecycle/database-counters';
import {
  benchEnvironment,
  loadAverage,
  seedDemoData,
  ServiceUnderTest,
} from '../lifecycle/service-under-test';
import { round1 } from '../lifecycle/timed-http';

const IMPORT_PEOPLE = Number(process.env.BENCH_IMPORT_PEOPLE ?? 10000);
const BATCH_ENTRIES = Number(process.env.BENCH_BATCH_ENTRIES ?? 10000);
const PORT = Number(process.env.BENCH_PORT ?? 3990 + (process.pid % 9));
const HELD = 'pos-ha-noi-deputy-head-organization';
const RECEIVING = 'pos-ha-noi-deputy-director-home-affairs';

interface Timed {
  seconds: number;
  events: number;
  eventsPerSecond: number;
  load: string;
}

function token(role: 'admin' | 'organization_staff'): string {
  const verifier = new JwtVerifier({ secret: DEV_JWT_SECRET, maxLifetimeSeconds: 43_200 });
  return verifier.sign({ userId: `${role}-1`, roles: [role], orgUnit: 'ou-ha-noi' }, 43_000);
}

/** Times one request, counting the events it appended (the service's workers are quiet first). */
async function timed(pool: Pool, send: () => Promise<Response>): Promise<Timed> {
  await waitForQuiet(pool);
  const before = await readCounters(pool);
  const started = performance.now();
  const response = await send();
  const seconds = (performance.now() - started) / 1000;
  if (!response.ok)
    throw new Error(`answered ${response.status}: ${(await response.text()).slice(0, 800)}`);
  const events = (await readCounters(pool)).events - before.events;
  return {
    seconds: round1(seconds),
    events,
    eventsPerSecond: round1(events / seconds),
    load: loadAverage(),
  };
}

function postsCsv(run: string, count: number): Buffer {
  const lines = ['Mã cán bộ,Mã chức vụ,Từ ngày,Hết nhiệm kỳ,Số quyết định'];
  for (let i = 0; i < count; i += 1)
    lines.push(`p-import-${run}-${i},${HELD},01/03/2023,01/03/2028,${i + 1}-QĐ/TU`);
  return Buffer.from(lines.join('\n'), 'utf8');
}

function importFile(base: string, admin: string, csv: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(csv)], { type: 'text/csv' }), 'chuc-vu.csv');
  return fetch(`${base}/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}` },
    body: form,
  });
}

function batchBody(run: string, count: number) {
  return JSON.stringify({
    id: `tb-bench-${run}`,
    entries: Array.from({ length: count }, (_, i) => ({
      personId: `p-import-${run}-${i}`,
      currentPositionId: HELD,
      positionId: RECEIVING,
      orgUnitId: UNIT,
      reason: `Sắp xếp tổ chức bộ máy, entry ${i}`,
    })),
  });
}

async function main(): Promise<void> {
  await withBenchDatabase('bulk', async (url) => {
    const env = benchEnvironment(url, PORT);
    seedDemoData(env);
    const service = new ServiceUnderTest(env);
    const pool = new Pool({ connectionString: url, max: 2 });
    const base = `http://127.0.0.1:${PORT}`;
    const say = (line: string) => process.stdout.write(`${line}\n`);
    try {
      await service.start();
      const admin = token('admin');
      const staff = token('organization_staff');
      const run = String(Date.now());
      const people = await bulkImport(base, admin, pool, IMPORT_PEOPLE, run);
      say(`import of ${IMPORT_PEOPLE} people: ${JSON.stringify(people)} (load ${loadAverage()})`);
      const posts = await timed(pool, () => importFile(base, admin, postsCsv(run, IMPORT_PEOPLE)));
      say(`import of their ${IMPORT_PEOPLE} posts: ${JSON.stringify(posts)}`);
      const body = batchBody(run, Math.min(BATCH_ENTRIES, IMPORT_PEOPLE));
      const send = (path: string) => () =>
        fetch(`${base}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json' },
          body,
        });
      const dryRun = await timed(pool, send('/transfer-batches/check'));
      say(`transfer batch dry run: ${JSON.stringify(dryRun)}`);
      const batch = await timed(pool, send('/transfer-batches'));
      say(`transfer batch of ${BATCH_ENTRIES}: ${JSON.stringify(batch)}`);
      const repeat = await timed(pool, send('/transfer-batches'));
      say(`the same batch again: ${JSON.stringify(repeat)}`);
      say(
        JSON.stringify({
          bench: 'bulk',
          importPeople: IMPORT_PEOPLE,
          batchEntries: BATCH_ENTRIES,
          people,
          posts,
          dryRun,
          batch,
          repeat,
          at: new Date().toISOString(),
        }),
      );
    } catch (error) {
      process.stderr.write(`service log tail:\n${service.log}\n`);
      throw error;
    } finally {
      await service.stop();
      await pool.end();
    }
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
