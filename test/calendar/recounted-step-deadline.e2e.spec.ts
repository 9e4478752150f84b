import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { loadConfig } from '../../src/config/app-config';
import { JwtVerifier } from '../../src/identity/jwt-verifier';
import { TimerHandlerRegistry } from '../../src/jobs/timers/timer-handlers';
import { loadCalendar } from '../../src/workflow/calendar/working-day-calendar';
import { deleteRedisKeys } from '../jobs/support/jobs-harness';
import { waitUntilSettled } from '../sagas/support/engine-settled';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { TEST_JWT_SECRET, TestApp } from '../support/test-app';

interface PendingTimer {
  timerId: string;
  dueAt: string;
  payload: { stepId: string; dueOn: string };
}

/**
 * A step's due day counted again at a start (its time limit changed in the definition) gives the
 * step a timer for the new day in place of the one its current visit had. Before, the step's
 * first visit's timer was the one cancelled: a vetting the case came back to by a correction
 * kept its own timer pending with the old day beside the new one. It is counted from the day the
 * step before it was held, as the step's deadline was when it became current; before, from the
 * day that step was typed in, so any start with a new basis moved a paper case's deadlines later.
 */
describe('a step deadline counted again at a start', () => {
  const queuePrefix = `cftest-recompute-visit-${process.pid}`;
  const verifier = new JwtVerifier({ secret: TEST_JWT_SECRET });
  const token = (userId: string, roles: string[], orgUnit = 'ou-town') =>
    verifier.sign({ userId, roles, orgUnit });
  const staff = { Authorization: `Bearer ${token('u-staff', ['organization_staff'])}` };
  const secretary = { Authorization: `Bearer ${token('u-secretary', ['ballot_secretary'])}` };
  const today = vietnamToday();
  const calendar = loadCalendar(path.resolve(__dirname, '../../seeds/calendar'));
  const stream = 'appointment-c-visit';
  let db: TestDatabase;
  let definitionsDir: string;
  let app: INestApplication | undefined;
  const http = () => request(app!.getHttpServer());

  async function start(): Promise<INestApplication> {
    const config = loadConfig({
      DATABASE_URL: db.url,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'silent',
      RUN_WORKERS: 'true',
      QUEUE_PREFIX: queuePrefix,
      DEFINITIONS_DIR: definitionsDir,
    });
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forConfig(config)],
    }).compile();
    const started = moduleRef.createNestApplication({ logger: false });
    configureApp(started, { bodyLimitBytes: config.BODY_LIMIT_BYTES });
    await started.init();
    return started;
  }

  /** The case's step-deadline timers neither fired, cancelled nor superseded, once the saga has run. */
  async function pendingDeadlines(): Promise<PendingTimer[]> {
    await waitUntilSettled(db.pool, () => new Date(), stream);
    const { rows } = await db.pool.query<{ data: PendingTimer }>(
      `SELECT scheduled.data FROM events scheduled
        WHERE scheduled.type = 'TimerScheduled.v1' AND scheduled.data->>'kind' = 'step-deadline'
          AND scheduled.data->>'target' = $1
          AND NOT EXISTS (SELECT 1 FROM events settled WHERE settled.stream_id = scheduled.stream_id
                            AND settled.type IN ('TimerFired.v1', 'TimerCancelled.v1'))
          AND NOT EXISTS (SELECT 1 FROM events later WHERE later.type = 'TimerScheduled.v1'
                            AND later.data->'supersedes' ? (scheduled.data->>'timerId'))`,
      [stream],
    );
    return rows.map((row) => row.data);
  }

  const tally = (forVotes: number) => ({
    heldOn: today,
    minutesRef: 'BB-05',
    tally: {
      members: 13,
      summoned: 13,
      present: 13,
      for: forVotes,
      against: 13 - forVotes,
      abstain: 0,
      invalid: 0,
    },
  });
  const nomination = {
    heldOn: today,
    minutesRef: 'BB-02',
    members: 25,
    summoned: 25,
    present: 24,
    invalid: 0,
    candidates: [{ personId: 'p-an', votes: 16 }],
  };
  const staffItems = [
    'background',
    'asset_declaration',
    'political_standards',
    'residence_party_cell_opinion',
    'health',
  ];
  const vetting = (items: string[]) => ({
    heldOn: today,
    items: items.map((item) => ({ item, result: 'cleared' })),
  });

  const clerk = {
    Authorization: `Bearer ${token('u-clerk', ['organization_staff', 'records_clerk'])}`,
  };
  const heldFiveDaysAgo = addDays(today, -5);
  let definition: string;
  let paperDefinition: string;
  let vettingDueOn: string;
  const recomputed = (caseStream: string) =>
    eventually(
      async () =>
        (
          await db.pool.query<{ data: Record<string, unknown> }>(
            "SELECT data FROM events WHERE stream_id = $1 AND type = 'StepDeadlineRecomputed.v1'",
            [caseStream],
          )
        ).rows.map((row) => row.data),
      (rows) => rows.length > 0,
    );

  /** Gives a step of a definition another time limit, as an upgrade of the definitions would. */
  function changeTimeLimit(definitionKey: string, stepId: string, from: number, to: number) {
    const file = path.join(definitionsDir, `${definitionKey}.json`);
    const changed = JSON.parse(readFileSync(file, 'utf8'));
    const changedStep = changed.steps.find((step: { id: string }) => step.id === stepId);
    expect(changedStep.deadline).toEqual({ workingDays: from });
    changedStep.deadline = { workingDays: to };
    writeFileSync(file, JSON.stringify(changed, null, 2));
  }

  beforeAll(async () => {
    db = await createTestDatabase('recompute_visit');
    definitionsDir = mkdtempSync(path.join(tmpdir(), 'cadreflow-definitions-'));
    cpSync(path.resolve(__dirname, '../../seeds/definitions'), definitionsDir, { recursive: true });
    app = await start();
    const t = { server: app.getHttpServer(), token } as unknown as TestApp;
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-head', rank: 5 },
        { id: 'pos-deputy', rank: 4 },
        { id: 'pos-office', rank: 5 },
      ],
      people: [
        {
          id: 'p-an',
          posts: [{ positionId: 'pos-deputy', from: '2021-03-01', termEnd: '2026-03-01' }],
          pool: ['pos-head'],
        },
        {
          id: 'p-binh',
          posts: [{ positionId: 'pos-deputy', from: '2021-03-01', termEnd: '2026-03-01' }],
          pool: ['pos-office'],
        },
      ],
    });
    const opened = await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'c-visit',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-an',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm trưởng phòng',
      })
      .expect(201);
    definition = opened.body.definition;
    const steps: [string, Record<string, string>, object][] = [
      ['leadership-round-1', staff, { heldOn: today, minutesRef: 'BB-01', conclusion: 'ok' }],
      ['expanded-nomination', secretary, nomination],
      ['leadership-round-2', secretary, tally(10)],
      ['key-officials-nomination', secretary, { ...nomination, minutesRef: 'BB-04' }],
      ['leadership-round-3', secretary, tally(10)],
      ['vetting', staff, vetting(staffItems)],
    ];
    for (const [stepId, who, body] of steps)
      await http().post(`/cases/c-visit/steps/${stepId}`).set(who).send(body).expect(200);
    // The vetting found incomplete after all: the case is on the vetting step's second visit.
    const reopened = await http()
      .post('/cases/c-visit/steps/vetting/corrections')
      .set(staff)
      .send({
        reason: 'the health certificate had not been received',
        ...vetting(staffItems.filter((item) => item !== 'health')),
      })
      .expect(200);
    expect(reopened.body.currentStep).toMatchObject({ id: 'vetting' });
    vettingDueOn = reopened.body.currentStep.dueOn;
    expect(await pendingDeadlines()).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ dueOn: vettingDueOn }) }),
    ]);

    // A case kept on paper, entered as of the day it began: its first step was held 5 days ago,
    // and the nomination's 15 working days were counted from then.
    const paper = await http()
      .post('/cases')
      .set(clerk)
      .send({
        id: 'c-paper',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-binh',
        positionId: 'pos-office',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm chánh văn phòng (hồ sơ giấy)',
        openedOn: addDays(today, -10),
        paperRecordRef: 'HS-2026/031',
      })
      .expect(201);
    paperDefinition = paper.body.definition;
    const held = await http()
      .post('/cases/c-paper/steps/leadership-round-1')
      .set(staff)
      .send({ heldOn: heldFiveDaysAgo, minutesRef: 'BB-01', conclusion: 'ok' })
      .expect(200);
    expect(held.body.currentStep).toMatchObject({
      id: 'expanded-nomination',
      dueOn: calendar.addWorkingDays(heldFiveDaysAgo, 15),
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await deleteRedisKeys(queuePrefix);
    rmSync(definitionsDir, { recursive: true, force: true });
  });

  it("the vetting's new due day replaces the timer of the visit it is on, and its lapse is that visit's miss", async () => {
    changeTimeLimit(definition, 'vetting', 20, 25);
    const dueOn = calendar.addWorkingDays(today, 25);
    expect(vettingDueOn).toBe(calendar.addWorkingDays(today, 20));

    await app?.close();
    app = await start();
    expect(await recomputed(stream)).toEqual([
      expect.objectContaining({ stepId: 'vetting', previousDueOn: vettingDueOn, dueOn }),
    ]);

    // Before: the second visit's timer, for the old day, was still pending beside the new one.
    const pending = await pendingDeadlines();
    expect(pending).toEqual([
      expect.objectContaining({
        dueAt: `${dueOn}T17:00:00.000Z`,
        payload: expect.objectContaining({ stepId: 'vetting', dueOn }),
      }),
    ]);

    const handler = app.get(TimerHandlerRegistry).get('step-deadline')!;
    const [timer] = pending;
    await handler(
      {
        timerId: timer.timerId,
        kind: 'step-deadline',
        target: stream,
        dueAt: new Date(timer.dueAt),
        payload: timer.payload,
      },
      {
        idSeed: `timer:${timer.timerId}`,
        metadata: {
          actorId: 'system:timer:step-deadline',
          correlationId: 'c',
          causationId: null,
          occurredAt: new Date().toISOString(),
        },
        now: new Date(),
      },
    );
    const missed = await db.pool.query<{ data: { stepId: string; stepVisit?: number } }>(
      "SELECT data FROM events WHERE stream_id = $1 AND type = 'DeadlineMissed.v1'",
      [stream],
    );
    expect(missed.rows.map(({ data }) => [data.stepId, data.stepVisit])).toEqual([['vetting', 2]]);
  });

  it('a step recorded after the fact, from paper, is counted again from the day it was held, not the day it was typed in', async () => {
    changeTimeLimit(paperDefinition, 'expanded-nomination', 15, 20);
    await app?.close();
    app = await start();
    const dueOn = calendar.addWorkingDays(heldFiveDaysAgo, 20);
    // Before: counted from today, the day the step was typed in: 5 days later.
    expect(await recomputed('appointment-c-paper')).toEqual([
      expect.objectContaining({
        stepId: 'expanded-nomination',
        countedFrom: heldFiveDaysAgo,
        dueOn,
      }),
    ]);
    const page = await http().get('/cases/c-paper').set(staff).expect(200);
    expect(page.body.currentStep).toMatchObject({ id: 'expanded-nomination', dueOn });
  });
});
