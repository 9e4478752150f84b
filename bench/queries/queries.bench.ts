/**
 * Read-side figures at about a million events: p50/p95 of the discipline register search, the
 * staff inbox, a case history and an `asOf` replay, and the rebuild rate of the read models.
 * Run: npm run bench:queries (BENCH_PEOPLE, BENCH_CASES scale it). Ends with one JSON line.
 */
import { SERVER } from '../bench-database';
import { AuditHistoryQueries } from '../../src/audit/audit-history.queries';
import { loadStream } from '../../src/common/stream-command-runner';
import { stepsPerformedBy } from '../../src/read-models/inbox-steps';
import { ReadModelQueries } from '../../src/read-models/read-model.queries';
import { caseDecider } from '../../src/procedures/case/decider/case.decider';
import { WorkflowCatalog } from '../../src/workflow/workflow-catalog';
import { projectRoot } from '../../src/common/project-root';
import {
  CATEGORIES,
  COMMUNES_PER_DISTRICT,
  createBenchDatabase,
  day,
  DISTRICTS,
  FORMS,
  loadBenchEvents,
  pick,
  rebuildBenchReadModels,
} from './million-events';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 20_000);
const CASES = Number(process.env.BENCH_CASES ?? 45_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);

function percentiles(samples: number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 100) / 100;
  return { p50: at(0.5), p95: at(0.95) };
}

async function measure(
  samples: number,
  query: (i: number) => Promise<unknown>,
): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 20; i += 1) await query(i); // warm-up
  const timings: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const started = process.hrtime.bigint();
    await query(i * 7919);
    timings.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return percentiles(timings);
}

async function main(): Promise<void> {
  const db = await createBenchDatabase(SERVER, 'cf_bench_queries');
  const { pool } = db;
  try {
    const { store, events, loadSeconds } = await loadBenchEvents(pool, {
      people: PEOPLE,
      cases: CASES,
    });
    if (process.env.BENCH_LOAD_ONLY === '1') return;
    const rebuild = await rebuildBenchReadModels(pool, store, events);
    const queries = new ReadModelQueries(pool);
    const audit = new AuditHistoryQueries(pool);
    const catalog = WorkflowCatalog.load(
      { definitions: 'seeds/definitions', ruleSets: 'seeds/rule-sets', calendar: 'seeds/calendar' },
      projectRoot(),
    );
    const staffSteps = stepsPerformedBy(
      { userId: 'u', roles: ['organization_staff'], orgUnit: 'ou-province' },
      catalog,
    );
    const today = day(0);
    const register = await measure(SAMPLES, (i) =>
      queries.disciplineRecords(
        i % 3 === 0
          ? {
              scopeUnit: 'ou-province',
              orgUnit: `ou-d-${i % DISTRICTS}`,
              status: 'in_effect',
              asOf: today,
              limit: 50,
            }
          : i % 3 === 1
            ? {
                scopeUnit: 'ou-province',
                category: pick(CATEGORIES, i),
                form: pick(FORMS, i),
                from: day(-1000),
                asOf: today,
                limit: 50,
              }
            : {
                scopeUnit: `ou-d-${i % DISTRICTS}`,
                person: `p-${(i * 10) % PEOPLE}`,
                asOf: today,
                limit: 50,
              },
      ),
    );
    const inbox = await measure(SAMPLES, (i) =>
      queries.inbox({
        scopeUnit:
          i % 2 ? `ou-d-${i % DISTRICTS}` : `ou-c-${i % DISTRICTS}-${i % COMMUNES_PER_DISTRICT}`,
        steps: staffSteps,
        includeTasks: true,
        today,
        // The bench measures the reads: every due day is taken as counted with a known calendar.
        calendar: { isProvisionalBetween: () => false },
        limit: 50,
        overdueOnly: i % 4 === 0,
      }),
    );
    const history = await measure(SAMPLES, (i) => audit.caseHistory(`c-${i % CASES}`));
    const asOf = await measure(SAMPLES, (i) =>
      loadStream(
        store,
        `appointment-c-${i % CASES}`,
        caseDecider,
        new Date(Date.UTC(2024, 0, 1) + (i % CASES) * 60_000 + 10 * 3_600_000),
      ),
    );
    const figures = {
      benchmark: 'queries',
      events,
      people: PEOPLE,
      cases: CASES,
      loadEventsPerSecond: Math.round(events / loadSeconds),
      registerMs: register,
      inboxMs: inbox,
      caseHistoryMs: history,
      asOfReplayMs: asOf,
      rebuildEventsPerSecond: rebuild,
    };
    console.log(JSON.stringify(figures));
  } finally {
    await db.drop(process.env.BENCH_KEEP_DB === '1');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
