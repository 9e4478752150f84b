/**
 * Whole cases over HTTP: the service as `npm start` runs it (workers in the process) on a fresh
 * database with the demo data; N people and posts registered through the API; then N internal
 * appointments per run taken through all 8 writes by C concurrent clients. Prints cases/s,
 * p50/p95/p99 per route, CPU per case (service and PostgreSQL), commits and events per case and
 * the case list's lag behind the writes; the median of BENCH_ROUNDS rounds; one JSON line at the
 * end. Run: npm run bench:lifecycle. `BENCH_BASE=million`: on a copy of a database of about a million
 * events (./million-base.ts), one person in BENCH_LONG_RECORD_EVERY with a long record.
 * `BENCH_SPLIT_WORKERS=1`: the API and the workers in two processes (./service-processes.ts).
 * Before and after, the speed of the machine as `bench:queries`' loader measures it.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withBenchDatabase } from '../bench-database';
import { loaderEventsPerSecond } from '../queries/loader-rate';
import {
  ISSUE_MACHINE_LOADER_EVENTS_PER_SECOND,
  scaledToIssueMachine,
} from './issue-machine-speed';
import { BaseDatabase, millionBase } from './million-base';
import { lengthenRecords, RECORD_EVENTS } from './long-records';
import { Pool } from 'pg';
import { JwtVerifier } from '../../src/identity/jwt-verifier';
import { DEV_JWT_SECRET } from '../../src/identity/dev-secret';
import {
  BenchTokens,
  CaseSubject,
  driveAppointment,
  registerSubject,
} from './appointment-lifecycle';
import { flushDirtyPages, readCounters, waitForQuiet } from './database-counters';
import { bulkImport, BulkImportResult } from './bulk-import';
import { caseListOverHttp, ReadModelLag } from './read-model-lag';
import { CaseSummariesPoller } from './case-summaries-poller';
import {
  benchEnvironment,
  cpuBetween,
  deleteRedisKeys,
  loadAverage,
  postgresCpuSeconds,
  seedDemoData,
} from './service-under-test';
import { ServiceProcesses } from './service-processes';
import { countingEnvironment, countsPerCase, StatementCounting } from './statement-counter';
import { median, percentile, refusedAppends, round1, RouteTimings, TimedHttp } from './timed-http';

/**
 * Cases per round: BENCH_CASES, or 16 per client and at least 64. A round of 64 at 32 clients is
 * two cases a client and half a second at 100 cases/s: its start and its tail, with fewer clients
 * busy, were much of it (bench/README.md, nineteenth session).
 */
const casesPerRound = (clients: number): number =>
  process.env.BENCH_CASES ? Number(process.env.BENCH_CASES) : Math.max(64, 16 * clients);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CLIENTS = (process.env.BENCH_CLIENTS ?? '1,8,32').split(',').map(Number);
/**
 * Cases driven at 8 clients before the first round. A longer warm-up (256 at 32 clients) did not
 * make the first round as fast as the later ones: in that phase the machine itself runs slower
 * (a separate process's fixed work costs it ~40 % more CPU; bench/README.md, "eighteenth session").
 */
const WARM_UP_CASES = Number(process.env.BENCH_WARMUP_CASES ?? 16);
/** One case in this many is watched for the case list's lag after each of its writes. */
const LAG_SAMPLE_EVERY = Number(process.env.BENCH_LAG_SAMPLE_EVERY ?? 4);
/** How the lag polls read the case list: `sql` (its table, from here) or `http` (`GET /cases`). */
const LAG_VIA = process.env.BENCH_LAG_VIA === 'http' ? 'http' : 'sql';
/** People in the bulk import measured after the cases (0: skip it). */
const IMPORT_PEOPLE = Number(process.env.BENCH_IMPORT_PEOPLE ?? 2000);
const PORT = Number(process.env.BENCH_PORT ?? 3900 + (process.pid % 90));
/** `fresh` (the demo data alone) or `million` (the demo data on about a million events). */
const BASE = process.env.BENCH_BASE ?? 'fresh';
/** `1`: the API in one process (RUN_WORKERS=false), the workers in another (service-processes.ts). */
const SPLIT_WORKERS = process.env.BENCH_SPLIT_WORKERS === '1';
/** One person in this many gets a record of RECORD_EVENTS events before the cases (0: none). */
/** `1`: the service's statements counted by caller and printed a case (slower: rates not comparable). */
const COUNT_STATEMENTS = process.env.BENCH_COUNT_STATEMENTS === '1';
const LONG_RECORD_EVERY = Number(
  process.env.BENCH_LONG_RECORD_EVERY ?? (BASE === 'million' ? 4 : 0),
);

const hasLongRecord = (subject: CaseSubject): boolean =>
  LONG_RECORD_EVERY > 0 &&
  Number(subject.caseId.split('-').at(-1)) % LONG_RECORD_EVERY === LONG_RECORD_EVERY - 1;

function tokens(): BenchTokens {
  const verifier = new JwtVerifier({ secret: DEV_JWT_SECRET, maxLifetimeSeconds: 43_200 });
  const sign = (userId: string, role: string) =>
    verifier.sign({ userId, roles: [role as never], orgUnit: 'ou-ha-noi' }, 43_000);
  return {
    admin: sign('admin-1', 'admin'),
    staff: sign('staff-1', 'organization_staff'),
    secretary: sign('secretary-1', 'ballot_secretary'),
    leader: sign('leader-1', 'leadership'),
  };
}

/** Runs `work` over the items with `clients` workers taking the next item as they free up. */
async function inParallel<T>(items: T[], clients: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

const subjectsFor = (run: string, count: number): CaseSubject[] =>
  Array.from({ length: count }, (_, i) => ({
    caseId: `c-bench-${run}-${i}`,
    personId: `p-bench-${run}-${i}`,
    positionId: `pos-bench-${run}-${i}`,
  }));

interface RunResult {
  clients: number;
  casesPerSecond: number;
  writeMs: { p50: number; p95: number; p99: number };
  /** The writes of the cases whose person has a long record, and of the others. */
  longRecordWriteMs: { p50: number; p95: number; p99: number; n: number };
  shortRecordWriteMs: { p50: number; p95: number; p99: number; n: number };
  routes: Record<string, { p50: number; p95: number; p99: number; n: number }>;
  serviceCpuMsPerCase: number;
  postgresCpuMsPerCase: number;
  /** This bench's own CPU (its HTTP client and the lag polls), on the same cores as the service. */
  clientCpuMsPerCase: number;
  commitsPerCase: number;
  eventsPerCase: number;
  /** Appends refused for a wrong expected revision (each then decided again on a fresh read). */
  refusedAppends: number;
  endLagMs: number;
  caseListLagMs: ReturnType<ReadModelLag['summary']>;
  settleMs: number;
  load: string;
  /** BENCH_COUNT_STATEMENTS=1: the statements a case by caller, as lines to print. */
  statementsPerCase: string | null;
}

async function oneRun(
  context: {
    url: string;
    pool: Pool;
    /** The lag polls' own connections (sql), so a poll never waits behind the bench's counters. */
    lagPool: Pool;
    service: ServiceProcesses;
    statements: StatementCounting | null;
    base: string;
    tokens: BenchTokens;
  },
  subjects: CaseSubject[],
  clients: number,
): Promise<RunResult> {
  const timings = new RouteTimings();
  const http = new TimedHttp(context.base, timings);
  const longTimings = new RouteTimings();
  const longHttp = new TimedHttp(context.base, longTimings);
  const lag = new ReadModelLag(
    LAG_VIA === 'http'
      ? caseListOverHttp(http, context.tokens.staff)
      : new CaseSummariesPoller(context.lagPool).waitFor,
  );
  await flushDirtyPages(context.pool);
  const before = await readCounters(context.pool);
  const refusedBefore = await refusedAppends(http, context.tokens.admin);
  const pgBefore = await postgresCpuSeconds(context.url);
  await context.statements?.reset();
  const cpuBefore = context.service.cpuSeconds();
  const clientCpuBefore = process.cpuUsage();
  const started = performance.now();
  let last: CaseSubject = subjects[0];
  await inParallel(subjects, clients, async (subject) => {
    const sampled = Number(subject.caseId.split('-').at(-1)) % LAG_SAMPLE_EVERY === 0;
    const client = hasLongRecord(subject) ? longHttp : http;
    await driveAppointment(client, context.tokens, subject, (expected) => {
      if (sampled) lag.watch(subject.personId, subject.caseId, expected);
    });
    last = subject;
  });
  const elapsed = (performance.now() - started) / 1000;
  // The last write has answered: how long until the case list (and the inbox) shows it.
  const endLagMs = await lag.measure(last.personId, last.caseId, { step: null, status: 'decided' });
  await lag.settled();
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const settleMs = await waitForQuiet(context.pool);
  await flushDirtyPages(context.pool);
  const cpu = context.service.cpuSeconds() - cpuBefore;
  // After the quiet wait: the projections' and sagas' statements for these cases are in.
  const statements = context.statements ? await context.statements.take() : null;
  const pgCpu = cpuBetween(pgBefore, await postgresCpuSeconds(context.url));
  const after = await readCounters(context.pool);
  const refused = (await refusedAppends(http, context.tokens.admin)) - refusedBefore;
  const shortWrites = timings.writes();
  const longWrites = longTimings.writes();
  const writes = [...shortWrites, ...longWrites];
  for (const [route, values] of longTimings.byRoute)
    timings.byRoute.set(route, [...(timings.byRoute.get(route) ?? []), ...values]);
  const n = subjects.length;
  return {
    clients,
    casesPerSecond: round1(n / elapsed),
    writeMs: summary(writes),
    longRecordWriteMs: { ...summary(longWrites), n: longWrites.length },
    shortRecordWriteMs: { ...summary(shortWrites), n: shortWrites.length },
    routes: Object.fromEntries(
      [...timings.byRoute.entries()].map(([route, values]) => [
        route,
        { ...summary(values), n: values.length },
      ]),
    ),
    serviceCpuMsPerCase: round1((cpu * 1000) / n),
    postgresCpuMsPerCase: round1((pgCpu * 1000) / n),
    clientCpuMsPerCase: round1((clientCpu.user + clientCpu.system) / 1000 / n),
    commitsPerCase: round1((after.commits - before.commits) / n),
    eventsPerCase: round1((after.events - before.events) / n),
    refusedAppends: refused,
    endLagMs: round1(endLagMs),
    caseListLagMs: lag.summary(),
    settleMs,
    load: loadAverage(),
    statementsPerCase: statements ? countsPerCase(statements, n) : null,
  };
}

const summary = (values: number[]) => ({
  p50: round1(percentile(values, 50)),
  p95: round1(percentile(values, 95)),
  p99: round1(percentile(values, 99)),
});

function print(run: RunResult, round: number): void {
  process.stdout.write(
    `round ${round} C=${run.clients}: ${run.casesPerSecond} cases/s, writes p50/p95/p99 ` +
      `${run.writeMs.p50}/${run.writeMs.p95}/${run.writeMs.p99} ms, CPU/case service ` +
      `${run.serviceCpuMsPerCase} ms + PostgreSQL ${run.postgresCpuMsPerCase} ms (bench client ` +
      `${run.clientCpuMsPerCase} ms), ` +
      `${run.commitsPerCase} commits and ${run.eventsPerCase} events/case, ` +
      `${run.refusedAppends} refused appends, end lag ` +
      `${run.endLagMs} ms, case-list lag (${LAG_VIA}) p50/p99 ${run.caseListLagMs.p50}/${run.caseListLagMs.p99} ms` +
      ` (load ${run.load})\n`,
  );
  if (run.longRecordWriteMs.n > 0)
    process.stdout.write(
      `    writes of people with ${RECORD_EVENTS}-event records p50/p95/p99 ${run.longRecordWriteMs.p50}/${run.longRecordWriteMs.p95}/${run.longRecordWriteMs.p99} ms (${run.longRecordWriteMs.n}), of the others ${run.shortRecordWriteMs.p50}/${run.shortRecordWriteMs.p95}/${run.shortRecordWriteMs.p99} ms (${run.shortRecordWriteMs.n})\n`,
    );
  for (const [route, figures] of Object.entries(run.routes))
    process.stdout.write(
      `    ${route.padEnd(48)} p50 ${figures.p50} p95 ${figures.p95} p99 ${figures.p99} ms (${figures.n})\n`,
    );
  if (run.statementsPerCase) process.stdout.write(`${run.statementsPerCase}\n`);
}

function medians(runs: RunResult[]) {
  const of = (pick: (run: RunResult) => number) => round1(median(runs.map(pick)));
  return {
    clients: runs[0].clients,
    casesPerSecond: of((r) => r.casesPerSecond),
    writeP50: of((r) => r.writeMs.p50),
    writeP95: of((r) => r.writeMs.p95),
    writeP99: of((r) => r.writeMs.p99),
    longRecordWriteP50: of((r) => r.longRecordWriteMs.p50),
    longRecordWriteP99: of((r) => r.longRecordWriteMs.p99),
    shortRecordWriteP50: of((r) => r.shortRecordWriteMs.p50),
    shortRecordWriteP99: of((r) => r.shortRecordWriteMs.p99),
    serviceCpuMsPerCase: of((r) => r.serviceCpuMsPerCase),
    postgresCpuMsPerCase: of((r) => r.postgresCpuMsPerCase),
    clientCpuMsPerCase: of((r) => r.clientCpuMsPerCase),
    commitsPerCase: of((r) => r.commitsPerCase),
    eventsPerCase: of((r) => r.eventsPerCase),
    refusedAppends: of((r) => r.refusedAppends),
    endLagMs: of((r) => r.endLagMs),
    caseListLagP99: of((r) => r.caseListLagMs.p99),
    rounds: runs.map((r) => r.casesPerSecond),
    loads: runs.map((r) => r.load),
  };
}

/**
 * `bench:queries`' loader on this machine (events/s), before and after the rounds: the machines
 * here change speed by half within an hour, and the issue's figures were taken on one whose loader
 * made 17,000 events/s. `BENCH_LOADER=0` skips it.
 */
async function machineSpeed(when: 'before' | 'after'): Promise<number | null> {
  if (process.env.BENCH_LOADER === '0') return null;
  const rate = await loaderEventsPerSecond();
  process.stdout.write(
    `bench:queries' loader on this machine ${when} the rounds: ${rate} events/s (the issue's machine: ${ISSUE_MACHINE_LOADER_EVENTS_PER_SECOND.toLocaleString('en')})\n`,
  );
  return rate;
}

async function main(): Promise<void> {
  let base: BaseDatabase | null = null;
  if (BASE === 'million') base = await millionBase();
  else if (BASE !== 'fresh') throw new Error(`BENCH_BASE: fresh or million, not ${BASE}`);
  try {
    const before = await machineSpeed('before');
    const figures = await benchOn(base);
    const after = await machineSpeed('after');
    if (before !== null && after !== null)
      process.stdout.write(scaledToIssueMachine(figures, before, after));
  } finally {
    await base?.release();
  }
}

/** Runs every round on a fresh database (or a copy of `base`); the medians per client count. */
async function benchOn(
  base: BaseDatabase | null,
): Promise<{ clients: number; casesPerSecond: number }[]> {
  return withBenchDatabase(
    'lifecycle',
    async (url) => {
      const env = benchEnvironment(url, PORT);
      seedDemoData(env);
      const countsFile = join(tmpdir(), `cf-bench-statements-${process.pid}`);
      const service = new ServiceProcesses(
        COUNT_STATEMENTS ? { ...env, ...countingEnvironment(countsFile) } : env,
        SPLIT_WORKERS,
      );
      const statements = COUNT_STATEMENTS
        ? new StatementCounting(countsFile, () => service.pids())
        : null;
      const pool = new Pool({ connectionString: url, max: 2 });
      const lagPool = new Pool({ connectionString: url, max: 8 });
      try {
        await service.start();
        const serviceUrl = `http://127.0.0.1:${PORT}`;
        const context = {
          ...{ url, pool, lagPool, service, statements },
          ...{ base: serviceUrl, tokens: tokens() },
        };
        const setup = new TimedHttp(context.base, new RouteTimings());
        const plan = CLIENTS.flatMap((clients) =>
          Array.from({ length: ROUNDS }, (_, round) => ({ clients, round })),
        );
        const subjects = new Map(
          plan.map(({ clients, round }) => [
            `${clients}-${round}`,
            subjectsFor(`${clients}-${round}`, casesPerRound(clients)),
          ]),
        );
        const warmUp = subjectsFor('warm', WARM_UP_CASES);
        const all = [...warmUp, ...[...subjects.values()].flat()];
        const registering = performance.now();
        await inParallel(all, 8, (subject) => registerSubject(setup, context.tokens, subject));
        const registered = (performance.now() - registering) / 1000;
        process.stdout.write(
          `registered ${all.length} people and posts (4 writes each) in ${round1(registered)} s, 8 clients` +
            `${base ? ` on a copy of ${base.name} (${base.events} events)` : ''}\n`,
        );
        const longRecords = all.filter(hasLongRecord).map((subject) => subject.personId);
        if (longRecords.length > 0) {
          const appended = await lengthenRecords(pool, longRecords);
          // A service that saw these records grow keeps their fold current; one read of each
          // brings this one's to that state, so the runs measure the cases, not the first read.
          for (const personId of longRecords)
            await setup.peek(`/cadres/${personId}`, context.tokens.staff);
          process.stdout.write(
            `${longRecords.length} people given ${RECORD_EVENTS}-event records (${appended} events)\n`,
          );
          await waitForQuiet(pool);
        }
        await inParallel(warmUp, 8, (subject) => driveAppointment(setup, context.tokens, subject));
        await waitForQuiet(pool);
        const results = new Map<number, RunResult[]>();
        // Rounds take turns between client counts, so a drift of the shared machine hits all alike.
        for (let round = 0; round < ROUNDS; round += 1) {
          for (const clients of CLIENTS) {
            const run = await oneRun(context, subjects.get(`${clients}-${round}`)!, clients);
            print(run, round + 1);
            results.set(clients, [...(results.get(clients) ?? []), run]);
          }
        }
        const figures = [...results.values()].map(medians);
        let imported: BulkImportResult | null = null;
        if (IMPORT_PEOPLE > 0) {
          imported = await bulkImport(context.base, context.tokens.admin, pool, IMPORT_PEOPLE);
          process.stdout.write(
            `bulk import of ${imported.people} people (CSV, POST /imports): ${imported.seconds} s, ${imported.peoplePerSecond} people/s, ${imported.eventsPerSecond} events/s; its dry run ${imported.dryRunSeconds} s (load ${loadAverage()})\n`,
          );
        }
        process.stdout.write('\nmedians:\n');
        for (const f of figures)
          process.stdout.write(
            `  C=${f.clients}: ${f.casesPerSecond} cases/s (rounds ${f.rounds.join(', ')}), writes p50/p95/p99 ${f.writeP50}/${f.writeP95}/${f.writeP99} ms, CPU/case ${f.serviceCpuMsPerCase} + ${f.postgresCpuMsPerCase} ms (client ${f.clientCpuMsPerCase} ms), ${f.commitsPerCase} commits/case, ${f.refusedAppends} refused appends, end lag ${f.endLagMs} ms, case-list lag p99 ${f.caseListLagP99} ms${LONG_RECORD_EVERY > 0 ? `; writes p50/p99 with ${RECORD_EVENTS}-event records ${f.longRecordWriteP50}/${f.longRecordWriteP99} ms, others ${f.shortRecordWriteP50}/${f.shortRecordWriteP99} ms` : ''}\n`,
          );
        process.stdout.write(
          `${JSON.stringify({ bench: 'lifecycle', base: BASE, splitWorkers: SPLIT_WORKERS, lagVia: LAG_VIA, baseEvents: base?.events ?? 0, longRecordEvery: LONG_RECORD_EVERY, cases: Object.fromEntries(CLIENTS.map((clients) => [clients, casesPerRound(clients)])), rounds: ROUNDS, registeredPerSecond: round1((all.length * 4) / registered), figures, imported, node: process.version, at: new Date().toISOString() })}\n`,
        );
        return figures;
      } catch (error) {
        process.stderr.write(`service log tail:\n${service.log}\n`);
        throw error;
      } finally {
        await service.stop();
        // pool.end() resolves before its connections have closed; one still closing when the
        // database is dropped with FORCE reports its termination, which must not crash the bench.
        for (const ended of [pool, lagPool]) ended.on('error', () => undefined);
        await pool.end();
        await lagPool.end();
        await deleteRedisKeys(env.QUEUE_PREFIX);
      }
    },
    base?.name,
  );
}

main().catch((error) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
