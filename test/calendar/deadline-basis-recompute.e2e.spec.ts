import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { loadConfig } from '../../src/config/app-config';
import { systemMetadata } from '../../src/event-store/event-envelope';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { JwtVerifier } from '../../src/identity/jwt-verifier';
import { loadCalendar } from '../../src/workflow/calendar/working-day-calendar';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../../src/workflow/workflow-catalog';
import { deleteRedisKeys } from '../jobs/support/jobs-harness';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { TEST_JWT_SECRET, TestApp } from '../support/test-app';

/**
 * The inbox (case_summaries) and the step timers keep the due day a case's step was given when it
 * became current; a start counts the pending ones again when what they are counted from changed:
 * after an upgrade that caps a step by its legal limit (a discipline case stored before the cap
 * showed the capped day on its page, the old one in the inbox), and after a definition's step
 * time limit changed. Before, only a new calendar file did, and never for a discipline case.
 */
describe('pending step deadlines counted again when their basis changes', () => {
  const queuePrefix = `cftest-deadline-basis-${process.pid}`;
  const verifier = new JwtVerifier({ secret: TEST_JWT_SECRET });
  const token = (userId: string, roles: string[], orgUnit = 'ou-town') =>
    verifier.sign({ userId, roles, orgUnit });
  const staff = { Authorization: `Bearer ${token('u-staff', ['organization_staff'])}` };
  const inspector = { Authorization: `Bearer ${token('u-inspector', ['inspector'])}` };
  const today = vietnamToday();
  const calendar = loadCalendar(path.resolve(__dirname, '../../seeds/calendar'));
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
  async function restart() {
    await app?.close();
    app = await start();
  }
  const inboxDue = (who: Record<string, string>, caseId: string, expected: string) =>
    eventually(
      async () =>
        (await http().get('/inbox').set(who).expect(200)).body.items.find(
          (item: { caseId: string }) => item.caseId === caseId,
        )?.dueOn as string | undefined,
      (dueOn) => dueOn === expected,
    );
  const recomputed = async (stream: string) =>
    (
      await db.pool.query<{ data: Record<string, unknown> }>(
        "SELECT data FROM events WHERE stream_id = $1 AND type = 'StepDeadlineRecomputed.v1'",
        [stream],
      )
    ).rows.map((row) => row.data);

  let appointment: { definition: string; dueOn: string };
  let decideBy: string;
  const ownDisciplineDue = calendar.periodEnd(addDays(today, 30));

  beforeAll(async () => {
    db = await createTestDatabase('deadline_basis');
    definitionsDir = mkdtempSync(path.join(tmpdir(), 'cadreflow-definitions-'));
    cpSync(path.resolve(__dirname, '../../seeds/definitions'), definitionsDir, { recursive: true });
    app = await start();
    const t = { server: app.getHttpServer(), token } as unknown as TestApp;
    await buildRegistry(t, staff, {
      positions: [{ id: 'pos-head', rank: 5 }],
      people: [{ id: 'p-a' }, { id: 'p-d' }],
    });
    const opened = await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'c-app',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-a',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm trưởng phòng',
      })
      .expect(201);
    appointment = { definition: opened.body.definition, dueOn: opened.body.currentStep.dueOn };
    const discipline = await http()
      .post('/discipline-cases')
      .set(inspector)
      .send({
        id: 'd-src',
        definition: 'discipline.civil-service',
        personId: 'p-d',
        orgUnitId: 'ou-town',
        summary: 'Vi phạm quy định quản lý đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -200),
          detectedOn: addDays(today, -70),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
        },
      })
      .expect(201);
    decideBy = discipline.body.timeLimit.decideBy;
    expect(ownDisciplineDue > decideBy).toBe(true);

    // The store as the previous release left it: a case opened before steps were capped by the
    // time to decide (its first step due 30 days on, past decideBy), the calendar adopted.
    const store = app.get<EventStore>(EVENT_STORE);
    const [openedEvent] = await store.readStream('discipline-d-src', { limit: 1 });
    const at = systemMetadata('u-inspector', randomUUID(), new Date());
    await store.append(
      'discipline-d-old',
      [
        {
          id: randomUUID(),
          type: 'DisciplineCaseOpened',
          data: { ...openedEvent.data, caseId: 'd-old', firstStepDueOn: ownDisciplineDue },
          metadata: at,
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const catalog = app.get<WorkflowCatalog>(WORKFLOW_CATALOG);
    await store.append(
      'calendar-schedule',
      [
        {
          id: randomUUID(),
          type: 'CalendarVersionAdopted',
          data: { version: catalog.calendar.version, previousVersion: null, checked: 0 },
          metadata: systemMetadata('system:calendar', randomUUID(), new Date()),
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    expect(await inboxDue(staff, 'd-old', ownDisciplineDue)).toBe(ownDisciplineDue);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await deleteRedisKeys(queuePrefix);
    rmSync(definitionsDir, { recursive: true, force: true });
  });

  it('after the upgrade, the inbox and the timer give a stored discipline step the time to decide, as its page does', async () => {
    await restart();
    // Before: the inbox kept the stored day, 30 days on (the case page caps it when it reads it).
    expect(await inboxDue(staff, 'd-old', decideBy)).toBe(decideBy);
    expect(await recomputed('discipline-d-old')).toEqual([
      expect.objectContaining({
        stepId: 'verification',
        previousDueOn: ownDisciplineDue,
        dueOn: decideBy,
      }),
    ]);
    const timers = await eventually(
      async () =>
        (
          await db.pool.query<{ data: { dueAt: string; payload: { stepId: string } } }>(
            "SELECT data FROM events WHERE type = 'TimerScheduled.v1' AND data->>'target' = 'discipline-d-old' AND data->>'kind' = 'step-deadline'",
          )
        ).rows.map((row) => row.data),
      (rows) => rows.length > 0,
    );
    expect(timers).toEqual([
      expect.objectContaining({
        dueAt: `${decideBy}T17:00:00.000Z`,
        payload: expect.objectContaining({ stepId: 'verification', dueOn: decideBy }),
      }),
    ]);
    // Cases already counted as they now would be are left alone.
    expect(await recomputed('discipline-d-src')).toEqual([]);
    expect(await recomputed('appointment-c-app')).toEqual([]);
  });

  it("a definition's step time limit changed: the inbox and the case page give the new day", async () => {
    const file = path.join(definitionsDir, `${appointment.definition}.json`);
    const definition = JSON.parse(readFileSync(file, 'utf8'));
    expect(definition.steps[0]).toMatchObject({
      id: 'leadership-round-1',
      deadline: { workingDays: 15 },
    });
    definition.steps[0].deadline = { workingDays: 20 };
    writeFileSync(file, JSON.stringify(definition, null, 2));
    const dueOn = calendar.addWorkingDays(today, 20);
    expect(appointment.dueOn).toBe(calendar.addWorkingDays(today, 15));
    await restart();
    // Before: the inbox and the timer kept the day counted with 15 working days.
    expect(await inboxDue(staff, 'c-app', dueOn)).toBe(dueOn);
    const page = await http().get('/cases/c-app').set(staff).expect(200);
    expect(page.body.currentStep).toMatchObject({ id: 'leadership-round-1', dueOn });
    expect(await recomputed('appointment-c-app')).toEqual([
      expect.objectContaining({ previousDueOn: appointment.dueOn, dueOn }),
    ]);
  });
});
