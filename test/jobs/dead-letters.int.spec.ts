import { Global, INestApplication, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { CLOCK } from '../../src/common/clock';
import { PG_POOL } from '../../src/common/tokens';
import { EVENT_STORE } from '../../src/event-store/event-store.port';
import { JobsModule } from '../../src/jobs/jobs.module';
import { JobsRuntime } from '../../src/jobs/jobs-runtime';
import { JobNames } from '../../src/jobs/job-queue';
import { jobsHealth } from '../../src/jobs/jobs-health';
import { timerStreamId } from '../../src/jobs/timers/timer.events';
import { JwtAuthGuard } from '../../src/identity/jwt-auth.guard';
import { JWT_VERIFIER, JwtVerifier } from '../../src/identity/jwt-verifier';
import { note, notesOf } from './support/demo-notes';
import { createJobsHarness, JobsHarness, waitFor } from './support/jobs-harness';
import { ManualClock } from './support/manual-clock';

const SECRET = 'dead-letters-test-secret';

describe('dead letters: retries, parking, GET /admin/dead-letters, replay', () => {
  let h: JobsHarness;
  let app: INestApplication;
  let jobs: JobsRuntime;
  const clock = new ManualClock();
  const verifier = new JwtVerifier({ secret: SECRET });
  const admin = verifier.sign({ userId: 'ops-1', roles: ['admin'], orgUnit: 'ou-root' });
  const staff = verifier.sign({
    userId: 'staff-1',
    roles: ['organization_staff'],
    orgUnit: 'ou-root',
  });
  let broken = true;
  const attemptsSeen = new Map<string, number>();

  beforeAll(async () => {
    h = await createJobsHarness('deadletters');
    @Global()
    @Module({
      providers: [
        { provide: PG_POOL, useValue: h.db.pool },
        { provide: EVENT_STORE, useValue: h.store },
        { provide: CLOCK, useValue: clock },
        { provide: JWT_VERIFIER, useValue: verifier },
      ],
      exports: [PG_POOL, EVENT_STORE, CLOCK, JWT_VERIFIER],
    })
    class InfraModule {}

    const moduleRef = await Test.createTestingModule({
      imports: [InfraModule, JobsModule.forRoot({ config: h.config })],
      providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }],
    }).compile();
    jobs = moduleRef.get(JobsRuntime);
    jobs.timerHandlers.register('discipline-bar-end', async (timer, context) => {
      attemptsSeen.set(timer.timerId, (attemptsSeen.get(timer.timerId) ?? 0) + 1);
      if (broken && timer.payload.poison) throw new Error('register unavailable');
      await note(h.store, timer.target, 'bar ended', context.idSeed, context.metadata);
    });
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await h?.close();
  });

  const meta = { actorId: 'user-1', correlationId: 'c', causationId: null };
  const schedule = (target: string, poison: boolean) =>
    jobs.scheduler.schedule(
      {
        kind: 'discipline-bar-end',
        dueAt: new Date(clock.now().getTime() - 1),
        target,
        payload: { poison },
        cause: randomUUID(),
      },
      meta,
    );

  it('a failing timer is retried with backoff then parked, other timers still fire, and replay over HTTP resolves it once', async () => {
    const poisonTarget = `cadre-${randomUUID()}`;
    const goodTarget = `cadre-${randomUUID()}`;
    const poison = await schedule(poisonTarget, true);
    await schedule(goodTarget, false);

    await waitFor(
      async () => (await notesOf(h.store, goodTarget)).length === 1,
      'the healthy timer',
    );
    const parked = await waitFor(
      async () => (await jobs.deadLetters.list({ status: 'parked' }))[0],
      'the dead letter',
    );
    expect(attemptsSeen.get(poison.timerId)).toBe(h.config.attempts);
    expect(parked).toMatchObject({
      key: `timer:${poison.timerId}`,
      source: 'timer',
      jobName: 'timer.fire',
      jobId: poison.timerId,
      jobData: { timerId: poison.timerId },
      errorMessage: 'register unavailable',
      attempts: h.config.attempts,
      status: 'parked',
    });
    // Still pending in the store, and a restart's reconciler leaves it to the operator.
    expect((await h.store.readStream(timerStreamId(poison.timerId))).map((e) => e.type)).toEqual([
      'TimerScheduled',
    ]);
    // The reconciler reads the store's tail below every open transaction of the server (ADR 0001):
    // under load from other databases it may see the timer a moment later.
    await waitFor(
      async () => (await jobs.reconciler.reconcile()).parked === 1,
      'the reconciler to leave the parked timer to the operator',
    );

    await request(app.getHttpServer()).get('/admin/dead-letters').expect(401);
    await request(app.getHttpServer())
      .get('/admin/dead-letters')
      .set('Authorization', `Bearer ${staff}`)
      .expect(403);
    const listed = await request(app.getHttpServer())
      .get('/admin/dead-letters?status=parked')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(listed.body).toEqual([
      expect.objectContaining({ id: parked.id, errorMessage: 'register unavailable', attempts: 3 }),
    ]);

    broken = false;
    const replayed = await request(app.getHttpServer())
      .post(`/admin/dead-letters/${parked.id}/replay`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(202);
    expect(replayed.body).toMatchObject({ id: parked.id, status: 'replayed', replayCount: 1 });
    await waitFor(
      async () => (await jobs.deadLetters.get(parked.id))?.status === 'resolved',
      'the replay to resolve',
    );
    expect(await notesOf(h.store, poisonTarget)).toEqual(['bar ended']);
    expect((await h.store.readStream(timerStreamId(poison.timerId))).map((e) => e.type)).toEqual([
      'TimerScheduled',
      'TimerFired',
    ]);

    await request(app.getHttpServer())
      .post(`/admin/dead-letters/${parked.id}/replay`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(409);
    await request(app.getHttpServer())
      .post(`/admin/dead-letters/${randomUUID()}/replay`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(404);
    const resolved = await request(app.getHttpServer())
      .get('/admin/dead-letters?status=resolved')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(resolved.body).toHaveLength(1);
  });

  it('the worker tells /health it is failing while a timer throws, and no longer once one fires', async () => {
    broken = true;
    await schedule(`cadre-${randomUUID()}`, true);
    // Before: nothing kept it, and /health said no instance ran the timer worker.
    const failing = await waitFor(
      async () => jobs.worker.failureOf(JobNames.timerFire) ?? undefined,
      'the worker to note its failure',
    );
    expect(failing).toMatchObject({ message: 'register unavailable' });
    expect(failing.attempts).toBeGreaterThanOrEqual(1);
    broken = false;
    await schedule(`cadre-${randomUUID()}`, false);
    await waitFor(
      async () => jobs.worker.failureOf(JobNames.timerFire) === null,
      'the worker to recover',
    );
  });

  it('a failing saga replay job is named in /health as its own, not as the timer worker', async () => {
    let replayBroken = true;
    jobs.processors.register({
      jobName: JobNames.sagaReplay,
      source: 'saga',
      deadLetterKey: (data: { saga: string; event: { id: string } }) =>
        `saga:${data.saga}:${data.event.id}`,
      process: async () => {
        if (replayBroken) throw new Error('saga demo: command refused');
      },
    });
    const replay = () => {
      const id = randomUUID();
      return jobs.queue.add(JobNames.sagaReplay, { saga: 'demo', event: { id } }, `saga-${id}`);
    };
    await replay();
    const failing = await waitFor(
      async () => jobs.worker.failureOf(JobNames.sagaReplay) ?? undefined,
      'the worker to note the replay failing',
    );
    expect(failing).toMatchObject({ message: 'saga demo: command refused' });
    // Before: the one failure of the worker, which /health gave the timers as theirs.
    expect(jobs.worker.failureOf(JobNames.timerFire)).toBeNull();
    const health = await jobsHealth(() => jobs.worker.failing()).check();
    expect(health.healthy).toBe(true);
    expect(Object.keys(health.data)).toEqual(['saga.replay']);
    expect(health.data['saga.replay']).toMatchObject({
      failing: 'saga demo: command refused',
      failingSince: failing.since.toISOString(),
    });
    replayBroken = false;
    await replay();
    await waitFor(
      async () => jobs.worker.failureOf(JobNames.sagaReplay) === null,
      'the replays to succeed again',
    );
    expect((await jobsHealth(() => jobs.worker.failing()).check()).data).toEqual({});
  });
});
