import { randomUUID } from 'node:crypto';
import { systemClock } from '../../src/common/clock';
import { JobsRuntime } from '../../src/jobs/jobs-runtime';
import { timerStreamId } from '../../src/jobs/timers/timer.events';
import { createJobsHarness, JobsHarness, waitFor } from '../jobs/support/jobs-harness';
import { PrivateRedis } from './support/private-redis';

const GRACE_MS = 1000;
const meta = { actorId: 'user-faults', correlationId: 'corr-stop', causationId: null };

/**
 * The timer worker's stop when Redis has just cut its connections (CLIENT KILL): BullMQ's graceful
 * close waited for a blocking connection that never ended, so the stop — and the lease keeper
 * waiting on it — hung for good. It must return within its bound, and the worker start again.
 */
describe('stopping the timer worker when Redis cut its connections', () => {
  let redis: PrivateRedis;
  let h: JobsHarness;
  let runtime: JobsRuntime;
  const lines: string[] = [];

  beforeAll(async () => {
    // Never the shared Redis: CLIENT KILL would cut every other suite's clients too.
    redis = await PrivateRedis.start();
    h = await createJobsHarness('faults_worker_stop');
    runtime = new JobsRuntime({
      store: h.store,
      pool: h.db.pool,
      clock: systemClock,
      config: {
        ...h.config,
        redis: { host: '127.0.0.1', port: redis.port },
        stopGraceMs: GRACE_MS,
      },
      log: (line) => lines.push(line),
    });
  });
  afterAll(async () => {
    await runtime?.close();
    await h?.close();
    await redis?.stop();
  }, 30_000);

  async function within(what: () => Promise<void>): Promise<number> {
    const started = Date.now();
    await Promise.race([
      what(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('still running')), 10_000)),
    ]);
    return Date.now() - started;
  }

  it('returns within its bound, and the worker fires timers again once restarted', async () => {
    await runtime.startWorker();
    await redis.killClients();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await within(() => runtime.stopWorker())).toBeLessThan(2 * GRACE_MS + 500);

    await runtime.startWorker();
    runtime.timerHandlers.register('stop-probe', async () => undefined);
    const { timerId } = await runtime.scheduler.schedule(
      { kind: 'stop-probe', dueAt: new Date(), target: `probe-${randomUUID()}`, cause: 'c' },
      meta,
    );
    await waitFor(
      async () =>
        (await h.store.readStream(timerStreamId(timerId))).some((event) =>
          event.type.startsWith('TimerFired'),
        ),
      'the timer to fire under the restarted worker',
    );
  }, 30_000);

  it('closes within its bound when Redis is gone altogether', async () => {
    await redis.stop();
    expect(await within(() => runtime.close())).toBeLessThan(3 * GRACE_MS + 500);
  }, 30_000);
});
