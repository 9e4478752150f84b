/**
 * Read-side figures at about a million events: p50/p95 of the discipline register search, the
 * staff inbox, a case history and an `asOf` replay, and the rebuild rate of the read models.
 * Run: npm run bench:queries (BENCH_PEOPLE, BENCH_CASES scale it). Ends with one JSON line.
 */
import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { AuditHistoryQueries } from '../../src/audit/audit-history.queries';
import { auditHistoryProjection } from '../../src/audit/audit-history.projection';
import { loadStream } from '../../src/common/stream-command-runner';
import { migrateUp } from '../../src/database/migrate';
import { NewEvent } from '../../src/event-store/event-envelope';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { rebuildProjection } from '../../src/projections/projection-rebuild';
import { caseSummariesProjection } from '../../src/read-models/case-summaries.projection';
import { disciplineRegisterProjection } from '../../src/read-models/discipline-register.projection';
import { stepsPerformedBy } from '../../src/read-models/inbox-steps';
import { ReadModelQueries } from '../../src/read-models/read-model.queries';
import { caseDecider } from '../../src/workflow/case/case.decider';
import { WorkflowCatalog } from '../../src/workflow/workflow-catalog';
import { projectRoot } from '../../src/common/project-root';

const SERVER =
  process.env.BENCH_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 20_000);
const CASES = Number(process.env.BENCH_CASES ?? 45_000);
const STEPS_PER_CASE = 20;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const DISTRICTS = 30;
const COMMUNES_PER_DISTRICT = 10;
const CATEGORIES = ['land_management', 'budget', 'public_investment', 'personnel', 'ethics'];
const FORMS = ['reprimand', 'warning', 'removal_from_post'];

const day = (offset: number) =>
  new Date(Date.UTC(2026, 10, 22) + offset * 86_400_000).toISOString().slice(0, 10);
const pick = <T>(items: readonly T[], n: number) => items[n % items.length];
const communeOf = (n: number) =>
  `ou-c-${n % DISTRICTS}-${Math.floor(n / DISTRICTS) % COMMUNES_PER_DISTRICT}`;

function envelope(type: string, data: Record<string, unknown>, occurredAt: string): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: {
      actorId: 'u-bench',
      roles: ['organization_staff'],
      correlationId: randomUUID(),
      causationId: null,
      occurredAt,
    },
  };
}

/** A person's record: registered, a post, and for one in ten a discipline decision (some expired, some annulled). */
function personEvents(n: number): NewEvent[] {
  const personId = `p-${n}`;
  const at = new Date(Date.UTC(2020, 0, 1) + n * 1000).toISOString();
  const events = [
    envelope(
      'PersonRegistered',
      {
        personId,
        fullName: `Người ${n}`,
        dateOfBirth: '1975-01-01',
        gender: n % 2 ? 'male' : 'female',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'x',
        politicalTheoryLevel: 'y',
        orgUnitId: communeOf(n),
      },
      at,
    ),
    envelope(
      'PostAssigned',
      {
        personId,
        positionId: 'pos-head',
        from: day(-900),
        termEnd: day(900 + (n % 500)),
        decisionRef: 'QĐ',
      },
      at,
    ),
  ];
  if (n % 10 === 0) {
    const decidedOn = day(-(n % 2000));
    const form = pick(FORMS, n);
    const months = { reprimand: 24, warning: 36, removal_from_post: 60 }[form]!;
    const bar = new Date(`${decidedOn}T00:00:00Z`);
    bar.setUTCMonth(bar.getUTCMonth() + months);
    events.push(
      envelope(
        'DisciplineRecorded',
        {
          personId,
          caseId: `d-${n}`,
          track: n % 20 ? 'party' : 'civil_service',
          form,
          decidedOn,
          effectiveFrom: decidedOn,
          decisionRef: `${n}-QĐ`,
          barEndsOn: bar.toISOString().slice(0, 10),
          ruleSetId: 'vn-2025',
          violationCategory: pick(CATEGORIES, n),
          orgUnitId: communeOf(n),
        },
        at,
      ),
    );
    if (n % 70 === 0)
      events.push(
        envelope(
          'DisciplineRevised',
          {
            personId,
            caseId: `d-${n}`,
            outcome: 'annulled',
            form: null,
            barEndsOn: null,
            decisionRef: `${n}-R`,
            revisedOn: decidedOn,
          },
          at,
        ),
      );
  }
  return events;
}

/** An appointment case: opened, STEPS_PER_CASE-2 steps, and six in ten decided. */
function caseEvents(n: number): NewEvent[] {
  const caseId = `c-${n}`;
  const base = Date.UTC(2024, 0, 1) + n * 60_000;
  const at = (i: number) => new Date(base + i * 3_600_000).toISOString();
  const steps = [
    'leadership-round-1',
    'expanded-nomination',
    'leadership-round-2',
    'key-officials',
    'committee',
    'vetting',
    'decision',
  ];
  const events: NewEvent[] = [
    envelope(
      'CaseOpened',
      {
        caseId,
        procedure: 'appointment',
        definitionId: 'appointment.internal',
        definitionVersion: 1,
        ruleSetId: 'vn-2025',
        personId: `p-${n % PEOPLE}`,
        positionId: 'pos-head',
        orgUnitId: communeOf(n),
        openedOn: day(-(n % 700)),
        summary: `case ${n}`,
        openedBy: 'u-bench',
        firstStepId: steps[0],
        firstStepDueOn: day(n % 60),
      },
      at(0),
    ),
  ];
  const decided = n % 10 < 6;
  for (let i = 1; i < STEPS_PER_CASE - 1; i += 1) {
    const stepId = steps[Math.min(i - 1, steps.length - 2)];
    const advance = i >= STEPS_PER_CASE - 1 - (steps.length - 2);
    const nextStepId = advance
      ? steps[Math.min(steps.indexOf(stepId) + 1, steps.length - 1)]
      : stepId;
    events.push(
      envelope(
        'MeetingRecorded',
        {
          stepId,
          heldOn: day(-(n % 700)),
          recordedBy: 'u-bench',
          conclusion: 'ok',
          nextStepId,
          nextStepDueOn: day((n + i) % 90),
        },
        at(i),
      ),
    );
  }
  events.push(
    decided
      ? envelope(
          'DecisionIssued',
          {
            stepId: 'decision',
            heldOn: day(-(n % 700)),
            recordedBy: 'u-bench',
            nextStepId: null,
            nextStepDueOn: null,
            number: `${n}-QĐ`,
            signer: 'x',
            effectiveFrom: day(0),
            termYears: 5,
            termEnd: day(1826),
            termRule: 'vn-2025',
          },
          at(STEPS_PER_CASE),
        )
      : envelope(
          'DeadlineMissed',
          { caseId, stepId: 'decision', dueOn: day(-1), missedAt: at(STEPS_PER_CASE) },
          at(STEPS_PER_CASE),
        ),
  );
  return events;
}

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
  const name = `cf_bench_queries_${Date.now()}`;
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const pool = new Pool({ connectionString: url.toString(), max: 12 });
  try {
    await migrateUp(url.toString());
    const store = new PostgresEventStore(pool);
    await pool.query(
      `INSERT INTO org_units (id, name, kind, parent_id, path) VALUES ('ou-province', 'Tỉnh', 'province', NULL, ARRAY['ou-province'])`,
    );
    for (let d = 0; d < DISTRICTS; d += 1) {
      await pool.query(
        `INSERT INTO org_units (id, name, kind, parent_id, path) VALUES ($1, $1, 'district', 'ou-province', ARRAY['ou-province', $1])`,
        [`ou-d-${d}`],
      );
      for (let c = 0; c < COMMUNES_PER_DISTRICT; c += 1) {
        await pool.query(
          `INSERT INTO org_units (id, name, kind, parent_id, path) VALUES ($1, $1, 'commune', $2, ARRAY['ou-province', $2, $1])`,
          [`ou-c-${d}-${c}`, `ou-d-${d}`],
        );
      }
    }

    // Load: 8 writers, each appending whole streams.
    const loadStarted = Date.now();
    let events = 0;
    const streams: [string, () => NewEvent[]][] = [
      ...Array.from({ length: PEOPLE }, (_, n): [string, () => NewEvent[]] => [
        `cadre-p-${n}`,
        () => personEvents(n),
      ]),
      ...Array.from({ length: CASES }, (_, n): [string, () => NewEvent[]] => [
        `appointment-c-${n}`,
        () => caseEvents(n),
      ]),
    ];
    let next = 0;
    let lastReport = Date.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < streams.length) {
          const [stream, build] = streams[next++];
          const batch = build();
          await store.append(stream, batch, { expectedRevision: 'no_stream' });
          events += batch.length;
          if (Date.now() - lastReport > 5000) {
            lastReport = Date.now();
            process.stderr.write(
              `loading: ${events} events (${Math.round(events / ((Date.now() - loadStarted) / 1000))}/s)\n`,
            );
          }
        }
      }),
    );
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    process.stderr.write(`loaded ${events} events in ${loadSeconds.toFixed(1)} s\n`);

    // Readers see events only below the oldest running write transaction of the whole cluster;
    // wait until every loaded event is visible so the rebuild covers them all.
    for (;;) {
      const { rows } = await pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM events WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())',
      );
      if (rows[0].n >= events) break;
      process.stderr.write(
        `waiting: ${rows[0].n} of ${events} events visible (a write transaction elsewhere on the server holds the horizon)\n`,
      );
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }

    if (process.env.BENCH_LOAD_ONLY === '1') return;

    // Build the read models with the rebuild path (the same code as `npm run projections -- rebuild`).
    const rebuild: Record<string, number> = {};
    for (const projection of [
      caseSummariesProjection,
      disciplineRegisterProjection,
      auditHistoryProjection,
    ]) {
      const started = Date.now();
      const result = await rebuildProjection({ pool, store, projection });
      if (result.eventsHandled !== events) {
        const stored = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events'))
          .rows[0].n;
        throw new Error(
          `rebuild of ${projection.name} handled ${result.eventsHandled} of ${events} events (${stored} stored)`,
        );
      }
      rebuild[projection.name] = Math.round(result.eventsHandled / ((Date.now() - started) / 1000));
      process.stderr.write(
        `rebuilt ${projection.name}: ${result.eventsHandled} events, ${rebuild[projection.name]} events/s\n`,
      );
    }
    await pool.query('ANALYZE');

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
    await pool.end();
    if (process.env.BENCH_KEEP_DB === '1') {
      process.stderr.write(`kept database ${name}\n`);
    } else {
      const cleanup = new Client({ connectionString: SERVER });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
