import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { JobsRuntime } from '../../src/jobs/jobs-runtime';
import { timerStreamId } from '../../src/jobs/timers/timer.events';
import { note, notesOf } from '../jobs/support/demo-notes';
import { waitFor } from '../jobs/support/jobs-harness';
import { startTestApp, TestApp } from '../support/test-app';
import { PrivateRedis } from './support/private-redis';

const meta = { actorId: 'user-faults', correlationId: 'corr-faults', causationId: null };

interface ScheduledProbe {
  timerId: string;
  target: string;
}

/** Schedules `count` probe timers due `dueInMs` from now and waits until BullMQ holds each job. */
async function schedulePending(t: TestApp, count: number, dueInMs: number) {
  const jobs = t.app.get(JobsRuntime);
  const probes: ScheduledProbe[] = [];
  for (let i = 0; i < count; i += 1) {
    const target = `democase-${randomUUID()}`;
    const { timerId } = await jobs.scheduler.schedule(
      {
        kind: 'faults-probe',
        dueAt: new Date(Date.now() + dueInMs + i * 100),
        target,
        cause: randomUUID(),
      },
      meta,
    );
    probes.push({ timerId, target });
  }
  for (const { timerId } of probes) expect(await jobs.queue.state(timerId)).toBe('delayed');
  return probes;
}

async function health(t: TestApp) {
  return request(t.server as never).get('/health');
}

describe('Redis restarted empty while the service runs', () => {
  let redis: PrivateRedis;

  beforeAll(async () => {
    // Never the shared Redis: other suites' queues live there.
    redis = await PrivateRedis.start();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  describe('an instance running the timer worker', () => {
    let t: TestApp;
    let store: EventStore;
    /** Handler runs per timer: at least once; the effect must still be there once. */
    const runs = new Map<string, number>();

    beforeAll(async () => {
      t = await startTestApp('faults_redis_worker', {
        REDIS_URL: redis.url,
        RUN_WORKERS: 'true',
        TIMER_RECONCILE_INTERVAL_MS: '1000',
      });
      store = t.app.get(EVENT_STORE);
      t.app.get(JobsRuntime).timerHandlers.register('faults-probe', async (timer, context) => {
        runs.set(timer.timerId, (runs.get(timer.timerId) ?? 0) + 1);
        await note(store, timer.target, 'probe fired', context.idSeed, context.metadata);
      });
    });
    afterAll(async () => {
      await t?.close();
    });

    async function expectEachFiredOnce(probes: ScheduledProbe[]): Promise<void> {
      await waitFor(
        async () => {
          for (const { timerId } of probes) {
            const types = (await store.readStream(timerStreamId(timerId))).map((e) => e.type);
            if (!types.includes('TimerFired')) return false;
          }
          return true;
        },
        'every pending timer to fire after Redis lost its data',
        60_000,
      );
      for (const { timerId, target } of probes) {
        const types = (await store.readStream(timerStreamId(timerId))).map((e) => e.type);
        expect(types).toEqual(['TimerScheduled', 'TimerFired']);
        expect(await notesOf(store, target)).toEqual(['probe fired']);
        expect(runs.get(timerId)).toBeGreaterThanOrEqual(1);
      }
      const answer = await waitFor(
        async () => {
          const response = await health(t);
          return response.status === 200 ? response : undefined;
        },
        '/health to answer 200',
        30_000,
      );
      expect(answer.body.details.timers).toMatchObject({ status: 'up', withoutJob: 0 });
    }

    it('FLUSHALL while timers are pending: each still fires, once, without a restart', async () => {
      const probes = await schedulePending(t, 6, 8000);
      await redis.flushAll();
      await expectEachFiredOnce(probes);
    });

    it('killed and started again empty on the same address: each pending timer still fires, once', async () => {
      const probes = await schedulePending(t, 6, 8000);
      await redis.restartEmpty();
      await expectEachFiredOnce(probes);
    });
  });

  describe('/health of an instance without the worker', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp('faults_redis_health', {
        REDIS_URL: redis.url,
        RUN_WORKERS: 'false',
      });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('counts the pending timers that have no job, and is 200 again once they are queued again', async () => {
      // Due within the queue horizon (15 min), so each is queued at once and must keep its job.
      const probes = await schedulePending(t, 5, 10 * 60_000);
      const before = await waitFor(
        async () => {
          const response = await health(t);
          return response.body.details?.timers?.pending >= probes.length ? response : undefined;
        },
        '/health to count the pending timers',
        30_000,
      );
      expect(before.status).toBe(200);
      expect(before.body.details.timers.withoutJob).toBe(0);

      await redis.flushAll();
      // A timer scheduled in the last 10 s is not counted yet (its job may be on its way).
      const during = await waitFor(
        async () => {
          const response = await health(t);
          return response.body.details.timers.withoutJob === probes.length ? response : undefined;
        },
        '/health to report timers without a job',
        45_000,
      );
      expect(during.status).toBe(503);
      expect(during.body.details.timers.status).toBe('down');
      expect(during.body.details.timers.pending).toBeGreaterThanOrEqual(probes.length);

      // What a worker instance's reconcile loop does.
      expect((await t.app.get(JobsRuntime).reconciler.requeueMissing()).added).toBe(probes.length);
      const after = await health(t);
      expect(after.status).toBe(200);
      expect(after.body.details.timers).toMatchObject({ status: 'up', withoutJob: 0 });
    });
  });
});
