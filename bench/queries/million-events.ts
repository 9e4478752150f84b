/**
 * The query bench's database of about a million events (`npm run bench:queries`), shared with the
 * web render bench (`npm run bench:web:render`): a province of DISTRICTS districts of
 * COMMUNES_PER_DISTRICT communes, `people` people (registered, a post, one in ten a discipline
 * decision, some annulled) and `cases` appointment cases of STEPS_PER_CASE events each, appended
 * by 8 writers, then the read models built by the rebuild path.
 */
import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { auditHistoryProjection } from '../../src/audit/audit-history.projection';
import { migrateUp } from '../../src/database/migrate';
import { NewEvent } from '../../src/event-store/event-envelope';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { rebuildProjection } from '../../src/projections/projection-rebuild';
import { caseSummariesProjection } from '../../src/read-models/case-summaries.projection';
import { disciplineRegisterProjection } from '../../src/read-models/discipline-register.projection';

export const STEPS_PER_CASE = 20;
export const DISTRICTS = 30;
export const COMMUNES_PER_DISTRICT = 10;
export const CATEGORIES = ['land_management', 'budget', 'public_investment', 'personnel', 'ethics'];
export const FORMS = ['reprimand', 'warning', 'removal_from_post'];

export const day = (offset: number) =>
  new Date(Date.UTC(2026, 10, 22) + offset * 86_400_000).toISOString().slice(0, 10);
export const pick = <T>(items: readonly T[], n: number) => items[n % items.length];
export const communeOf = (n: number) =>
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
export function personEvents(n: number): NewEvent[] {
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
export function caseEvents(n: number, people: number): NewEvent[] {
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
        personId: `p-${n % people}`,
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

/** A fresh database on the server, migrated; `drop()` removes it (unless kept). */
export async function createBenchDatabase(
  serverUrl: string,
  prefix: string,
): Promise<{ name: string; url: string; pool: Pool; drop(keep?: boolean): Promise<void> }> {
  const name = `${prefix}_${Date.now()}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new Pool({ connectionString: url.toString(), max: 12 });
  await migrateUp(url.toString());
  return {
    name,
    url: url.toString(),
    pool,
    async drop(keep = false) {
      // pool.end() resolves before its connections have closed; one still closing when the
      // database is dropped with FORCE reports its termination, which must not crash the bench.
      pool.on('error', () => undefined);
      await pool.end();
      if (keep) {
        process.stderr.write(`kept database ${name}\n`);
        return;
      }
      const cleanup = new Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** Org units, people and cases appended by 8 writers; waits until every event is visible. */
export async function loadBenchEvents(
  pool: Pool,
  size: { people: number; cases: number },
): Promise<{ store: PostgresEventStore; events: number; loadSeconds: number }> {
  const PEOPLE = size.people;
  const CASES = size.cases;
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
      () => caseEvents(n, PEOPLE),
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

  return { store, events, loadSeconds };
}

/**
 * The read models the queries read (case summaries with the inbox, the discipline register, the
 * audit history) built with the rebuild path, the same code as `npm run projections -- rebuild`;
 * then ANALYZE. Returns each rebuild's rate in events/s.
 */
export async function rebuildBenchReadModels(
  pool: Pool,
  store: PostgresEventStore,
  events: number,
): Promise<Record<string, number>> {
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
  return rebuild;
}
