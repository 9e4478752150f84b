import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { CLOCK } from '../../src/common/clock';
import { loadConfig } from '../../src/config/app-config';
import { JwtVerifier } from '../../src/identity/jwt-verifier';
import { deleteRedisKeys } from '../jobs/support/jobs-harness';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { TEST_JWT_SECRET } from '../support/test-app';

/**
 * A deadline counted through a year with no official schedule is provisional ("tạm tính"); when
 * that year's file lands and the service restarts, the deadline is counted again, the case says
 * so (StepDeadlineRecomputed) and its timer moves. Real PostgreSQL and Redis, over HTTP.
 */
describe('a provisional deadline recomputed when its year’s schedule lands', () => {
  // Monday 21 Dec 2026, 10:00 in Hà Nội: 15 working days reach into January 2027.
  const now = new Date('2026-12-21T03:00:00.000Z');
  const queuePrefix = `cftest-calendar-${process.pid}`;
  const verifier = new JwtVerifier({ secret: TEST_JWT_SECRET });
  const staff = {
    Authorization: `Bearer ${verifier.sign({ userId: 'u-staff', roles: ['organization_staff'], orgUnit: 'ou-t' })}`,
  };
  const admin = {
    Authorization: `Bearer ${verifier.sign({ userId: 'u-admin', roles: ['admin'], orgUnit: 'ou-t' })}`,
  };
  let db: TestDatabase;
  let calendarDir: string;
  let app: INestApplication | undefined;

  async function start(): Promise<INestApplication> {
    const config = loadConfig({
      DATABASE_URL: db.url,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'silent',
      RUN_WORKERS: 'true',
      QUEUE_PREFIX: queuePrefix,
      CALENDAR_DIR: calendarDir,
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forConfig(config)] })
      .overrideProvider(CLOCK)
      .useValue({ now: () => now })
      .compile();
    const started = moduleRef.createNestApplication({ logger: false });
    configureApp(started, { bodyLimitBytes: config.BODY_LIMIT_BYTES });
    await started.init();
    return started;
  }

  async function eventsOf(stream: string, type: string) {
    const { rows } = await db.pool.query<{ data: Record<string, unknown> }>(
      'SELECT data FROM events WHERE stream_id = $1 AND type = $2 ORDER BY global_position',
      [stream, type],
    );
    return rows.map((row) => row.data);
  }

  async function waitFor<T>(read: () => Promise<T[]>, count: number): Promise<T[]> {
    let rows: T[] = [];
    for (let tries = 0; tries < 100 && rows.length < count; tries += 1) {
      rows = await read();
      if (rows.length < count) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return rows;
  }

  beforeAll(async () => {
    db = await createTestDatabase('calendar_recompute');
    calendarDir = mkdtempSync(path.join(tmpdir(), 'cadreflow-calendar-'));
    for (const year of ['vn-2025.json', 'vn-2026.json'])
      copyFileSync(
        path.resolve(__dirname, '../../seeds/calendar', year),
        path.join(calendarDir, year),
      );
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await deleteRedisKeys(queuePrefix);
    rmSync(calendarDir, { recursive: true, force: true });
  });

  it('marks the deadline provisional, then recomputes it on the next start with the 2027 file', async () => {
    app = await start();
    const server = app.getHttpServer();
    await request(server)
      .post('/org-units')
      .set(admin)
      .send({ id: 'ou-t', name: 'Phường T', kind: 'town' })
      .expect(201);
    await request(server)
      .post('/positions')
      .set(staff)
      .send({
        id: 'pos-h',
        title: 'Trưởng phòng',
        orgUnitId: 'ou-t',
        appointingAuthority: 'ou-t',
        rank: 5,
      })
      .expect(201);
    await request(server)
      .post('/cadres')
      .set(staff)
      .send({
        id: 'p-a',
        fullName: 'Nguyễn A',
        dateOfBirth: '1980-01-01',
        gender: 'male',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'x',
        politicalTheoryLevel: 'y',
        orgUnitId: 'ou-t',
      })
      .expect(201);
    const opened = await request(server)
      .post('/cases')
      .set(staff)
      .send({
        id: 'c-cal',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-a',
        positionId: 'pos-h',
        orgUnitId: 'ou-t',
        summary: 'x',
      })
      .expect(201);
    // 22–25, 28–31 Dec, 1 Jan off, 4–8 and 11–12 Jan: counted under the Labour Code for 2027.
    expect(opened.body.currentStep).toMatchObject({ dueOn: '2027-01-12', provisional: true });
    const firstTimers = await waitFor(
      () =>
        db.pool
          .query(
            "SELECT data FROM events WHERE type = 'TimerScheduled.v1' AND data->>'target' = 'appointment-c-cal'",
          )
          .then((r) => r.rows),
      1,
    );
    expect(firstTimers).toHaveLength(1);
    await app.close();
    app = undefined;

    // The 2027 schedule lands (a test fixture: one more day off, Monday 4 Jan).
    writeFileSync(
      path.join(calendarDir, 'vn-2027.json'),
      JSON.stringify({
        year: 2027,
        source: 'test fixture, not an official schedule',
        daysOff: [
          '2027-01-01',
          '2027-01-04',
          '2027-02-05',
          '2027-02-08',
          '2027-02-09',
          '2027-02-10',
          '2027-02-11',
        ],
        workingDays: [],
      }),
    );
    app = await start();
    const view = await request(app.getHttpServer()).get('/cases/c-cal').set(staff).expect(200);
    expect(view.body.currentStep).toMatchObject({ dueOn: '2027-01-13', provisional: false });
    const recomputed = await eventsOf('appointment-c-cal', 'StepDeadlineRecomputed.v1');
    expect(recomputed).toEqual([
      expect.objectContaining({
        stepId: 'leadership-round-1',
        countedFrom: '2026-12-21',
        previousDueOn: '2027-01-12',
        dueOn: '2027-01-13',
        provisional: false,
        calendarVersion: expect.stringMatching(/^official:2025,2026,2027#/),
      }),
    ]);
    // The timer moves: the first is cancelled, one for the new day is scheduled.
    const timers = await waitFor(
      () =>
        db.pool
          .query<{ data: { dueAt: string } }>(
            "SELECT data FROM events WHERE type = 'TimerScheduled.v1' AND data->>'target' = 'appointment-c-cal' ORDER BY global_position",
          )
          .then((r) => r.rows),
      2,
    );
    expect(timers.map((row) => row.data.dueAt)).toEqual([
      '2027-01-12T17:00:00.000Z',
      '2027-01-13T17:00:00.000Z',
    ]);
    const firstTimerId = (firstTimers[0] as { data: { timerId: string } }).data.timerId;
    const cancelled = await waitFor(
      () => eventsOf(`timer-${firstTimerId}`, 'TimerCancelled.v1'),
      1,
    );
    expect(cancelled).toEqual([expect.objectContaining({ timerId: firstTimerId })]);
    // The history is a read model: it shows the recompute once its projection has caught up.
    const recomputedInHistory = await waitFor(
      () =>
        request(app!.getHttpServer())
          .get('/cases/c-cal/history')
          .set(admin)
          .expect(200)
          .then((history) =>
            (history.body.events as { type: string }[]).filter(
              (event) => event.type === 'StepDeadlineRecomputed',
            ),
          ),
      1,
    );
    expect(recomputedInHistory).toHaveLength(1);
    await app.close();
    app = undefined;

    // A third start with the same calendar changes nothing.
    app = await start();
    expect(await eventsOf('appointment-c-cal', 'StepDeadlineRecomputed.v1')).toHaveLength(1);
    // Recorded once: the first start had no deadline pending, the second adopted 2027.
    expect(await eventsOf('calendar-schedule', 'CalendarVersionAdopted.v1')).toHaveLength(1);
  });
});
