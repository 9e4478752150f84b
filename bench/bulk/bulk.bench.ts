/**
 * Bulk work (issue 21): the service as `npm start` runs it on a fresh database with the demo data,
 * then, timed from the request to its answer, with the events appended counted in the database:
 * 1. `POST /imports` of BENCH_IMPORT_PEOPLE new people (CSV "Cán bộ" sheet), after its dry run;
 * 2. `POST /imports` of the same people's posts (CSV "Chức vụ" sheet): appends to existing streams,
 *    after its dry run as the web app sends it (`BENCH_POSTS_DRY_RUN=0`: without, as before the
 *    twenty-eighth session);
 * 3. `POST /transfer-batches` of BENCH_BATCH_ENTRIES of them (a transfer each), after its dry run
 *    (`POST /transfer-batches/check`), then the same batch again (opens nothing).
 * Each with the CPU the service and PostgreSQL used meanwhile (events per CPU second is the figure
 * the shared machine's load changes least). One JSON line at the end; the load average with each.
 * `BENCH_SPLIT_WORKERS=1`: the API in one process, the workers in another (as the lifecycle bench).
 * Before and after, `bench:queries`' loader on a database of its own (`loader-rate.ts`): each
 * figure is also given as a share of the loader's events a second at that hour (`BENCH_LOADER=0`
 * skips it), the target being at least 1.
 */
import { Pool } from 'pg';
import { withBenchDatabase } from '../bench-database';
import { benchToken } from '../bench-token';
import { loaderEventsPerSecond } from '../queries/loader-rate';
import { peopleCsv, UNIT } from '../lifecycle/bulk-import';
import { readCounters, waitForQuiet } from '../lifecycle/database-counters';
import { ServiceProcesses } from '../lifecycle/service-processes';
import {
  benchEnvironment,
  cpuBetween,
  loadAverage,
  postgresCpuSeconds,
  seedDemoData,
} from '../lifecycle/service-under-test';

const IMPORT_PEOPLE = Number(process.env.BENCH_IMPORT_PEOPLE ?? 10000);
const BATCH_ENTRIES = Number(process.env.BENCH_BATCH_ENTRIES ?? 10000);
const SPLIT_WORKERS = process.env.BENCH_SPLIT_WORKERS === '1';
const MEASURE_LOADER = process.env.BENCH_LOADER !== '0';
const POSTS_DRY_RUN = process.env.BENCH_POSTS_DRY_RUN !== '0';
const PORT = Number(process.env.BENCH_PORT ?? 3990 + (process.pid % 9));
const HELD = 'pos-ha-noi-deputy-head-organization';
const RECEIVING = 'pos-ha-noi-deputy-director-home-affairs';

interface Timed {
  seconds: number;
  events: number;
  eventsPerSecond: number;
  /** People imported or cases opened per second (what the request is for). */
  itemsPerSecond: number;
  /** CPU the service and this database's PostgreSQL backends used meanwhile (workers included). */
  serviceCpuSeconds: number;
  postgresCpuSeconds: number;
  /** Events per CPU second of both: the figure the machine's load changes least. */
  eventsPerCpuSecond: number;
  /**
   * From the request until every projection, saga and timer it set off had done its work (the
   * read models caught up, nothing more appended), and the CPU of both until then.
   */
  settledSeconds: number;
  settledCpuSeconds: number;
  load: string;
}

/** Times one request of `items` people or entries, counting the events it appended and the CPU. */
async function timed(
  bench: { pool: Pool; url: string; service: ServiceProcesses },
  items: number,
  send: () => Promise<Response>,
): Promise<Timed> {
  await waitForQuiet(bench.pool);
  const before = await readCounters(bench.pool);
  const pgBefore = await postgresCpuSeconds(bench.url);
  const cpuBefore = bench.service.cpuSeconds();
  const started = performance.now();
  const response = await send();
  const seconds = (performance.now() - started) / 1000;
  if (!response.ok)
    throw new Error(`answered ${response.status}: ${(await response.text()).slice(0, 800)}`);
  const serviceCpu = bench.service.cpuSeconds() - cpuBefore;
  const postgresCpu = cpuBetween(pgBefore, await postgresCpuSeconds(bench.url));
  const events = (await readCounters(bench.pool)).events - before.events;
  const settlingMs = await waitForQuiet(bench.pool);
  const settledCpu =
    bench.service.cpuSeconds() -
    cpuBefore +
    cpuBetween(pgBefore, await postgresCpuSeconds(bench.url));
  return {
    seconds: round2(seconds),
    events,
    eventsPerSecond: Math.round(events / seconds),
    itemsPerSecond: Math.round(items / seconds),
    serviceCpuSeconds: round2(serviceCpu),
    postgresCpuSeconds: round2(postgresCpu),
    eventsPerCpuSecond: Math.round(events / (serviceCpu + postgresCpu)),
    settledSeconds: round2(seconds + settlingMs / 1000),
    settledCpuSeconds: round2(settledCpu),
    load: loadAverage(),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function postsCsv(run: string, count: number): Buffer {
  const lines = ['Mã cán bộ,Mã chức vụ,Từ ngày,Hết nhiệm kỳ,Số quyết định'];
  for (let i = 0; i < count; i += 1)
    lines.push(`p-import-${run}-${i},${HELD},01/03/2023,01/03/2028,${i + 1}-QĐ/TU`);
  return Buffer.from(lines.join('\n'), 'utf8');
}

function importFile(base: string, admin: string, csv: Buffer, name: string, dryRun = false) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(csv)], { type: 'text/csv' }), name);
  return fetch(`${base}/imports${dryRun ? '?dryRun=true' : ''}`, {
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

/** Each request's figures; `postsDryRun` is null when the posts go without their dry run. */
interface BulkFigures {
  peopleDryRun: Timed;
  people: Timed;
  postsDryRun: Timed | null;
  posts: Timed;
  dryRun: Timed;
  batch: Timed;
  repeat: Timed;
}

/** The service's bulk requests on a database of their own; each printed as it is timed. */
async function measureBulk(say: (line: string) => void): Promise<BulkFigures> {
  return withBenchDatabase('bulk', async (url) => {
    const env = benchEnvironment(url, PORT);
    seedDemoData(env);
    const service = new ServiceProcesses(env, SPLIT_WORKERS);
    const pool = new Pool({ connectionString: url, max: 2 });
    const base = `http://127.0.0.1:${PORT}`;
    try {
      await service.start();
      const admin = benchToken('admin');
      const staff = benchToken('organization_staff');
      const run = String(Date.now());
      const bench = { pool, url, service };
      const people = peopleCsv(run, IMPORT_PEOPLE);
      const importOf =
        (csv: Buffer, name: string, dryRun = false) =>
        () =>
          importFile(base, admin, csv, name, dryRun);
      const peopleDryRun = await timed(bench, IMPORT_PEOPLE, importOf(people, 'can-bo.csv', true));
      say(`import of ${IMPORT_PEOPLE} people, dry run: ${JSON.stringify(peopleDryRun)}`);
      const imported = await timed(bench, IMPORT_PEOPLE, importOf(people, 'can-bo.csv'));
      say(`import of ${IMPORT_PEOPLE} people: ${JSON.stringify(imported)}`);
      const postsFile = postsCsv(run, IMPORT_PEOPLE);
      let postsDryRun: Timed | null = null;
      if (POSTS_DRY_RUN) {
        postsDryRun = await timed(bench, IMPORT_PEOPLE, importOf(postsFile, 'chuc-vu.csv', true));
        say(`import of their ${IMPORT_PEOPLE} posts, dry run: ${JSON.stringify(postsDryRun)}`);
      }
      const posts = await timed(bench, IMPORT_PEOPLE, importOf(postsFile, 'chuc-vu.csv'));
      say(`import of their ${IMPORT_PEOPLE} posts: ${JSON.stringify(posts)}`);
      const entries = Math.min(BATCH_ENTRIES, IMPORT_PEOPLE);
      const body = batchBody(run, entries);
      const send = (path: string) => () =>
        fetch(`${base}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json' },
          body,
        });
      const dryRun = await timed(bench, entries, send('/transfer-batches/check'));
      say(`transfer batch dry run: ${JSON.stringify(dryRun)}`);
      const batch = await timed(bench, entries, send('/transfer-batches'));
      say(`transfer batch of ${entries}: ${JSON.stringify(batch)}`);
      const repeat = await timed(bench, entries, send('/transfer-batches'));
      say(`the same batch again: ${JSON.stringify(repeat)}`);
      return { peopleDryRun, people: imported, postsDryRun, posts, dryRun, batch, repeat };
    } catch (error) {
      process.stderr.write(`service log tail:\n${service.log}\n`);
      throw error;
    } finally {
      await service.stop();
      await pool.end();
    }
  });
}

async function main(): Promise<void> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const loaderBefore = MEASURE_LOADER ? await loaderEventsPerSecond() : null;
  const figures = await measureBulk(say);
  const loaderAfter = MEASURE_LOADER ? await loaderEventsPerSecond() : null;
  let againstLoader: Record<string, number> | null = null;
  if (loaderBefore !== null && loaderAfter !== null) {
    const loader = (loaderBefore + loaderAfter) / 2;
    const share = (timed: Timed) => round2(timed.eventsPerSecond / loader);
    againstLoader = {
      people: share(figures.people),
      posts: share(figures.posts),
      batch: share(figures.batch),
    };
    say(
      `bench:queries' loader here, before and after: ${loaderBefore} and ${loaderAfter} events/s; ` +
        `against their mean: people ${againstLoader.people}, posts ${againstLoader.posts}, ` +
        `batch ${againstLoader.batch} (issue 21: at least 1)`,
    );
  }
  say(
    JSON.stringify({
      bench: 'bulk',
      importPeople: IMPORT_PEOPLE,
      batchEntries: BATCH_ENTRIES,
      splitWorkers: SPLIT_WORKERS,
      ...figures,
      loaderEventsPerSecond:
        loaderBefore === null ? null : { before: loaderBefore, after: loaderAfter },
      againstLoader,
      // The service runs on this Node too: Node 24 spends about a fifth less CPU than Node 20.
      node: process.version,
      at: new Date().toISOString(),
    }),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
