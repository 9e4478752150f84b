import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Clock } from '../../../src/common/clock';
import { PostgresEventStore } from '../../../src/event-store/postgres/postgres-event-store';
import { JobsRuntime } from '../../../src/jobs/jobs-runtime';
import { defaultJobsConfig, JobsConfig } from '../../../src/jobs/jobs.tokens';
import { createTestDatabase, TestDatabase } from '../../support/test-database';

export const TEST_REDIS = {
  host: process.env.TEST_REDIS_HOST ?? '127.0.0.1',
  port: Number(process.env.TEST_REDIS_PORT ?? 6379),
};

/** A BullMQ key prefix of the suite's own: suites run in parallel on the shared Redis. */
export function testPrefix(suite: string): string {
  return `cftest-${suite}-${randomBytes(4).toString('hex')}`;
}

export function testJobsConfig(prefix: string, overrides: Partial<JobsConfig> = {}): JobsConfig {
  return defaultJobsConfig({
    redis: TEST_REDIS,
    prefix,
    queueName: 'jobs',
    attempts: 3,
    backoffMs: 100,
    concurrency: 4,
    lockDurationMs: 2000,
    stalledIntervalMs: 1000,
    ...overrides,
  });
}

/** Deletes every Redis key of one prefix (never FLUSHALL: other suites share the server). */
export async function deleteRedisKeys(prefix: string): Promise<number> {
  const redis = new Redis({ ...TEST_REDIS, lazyConnect: false });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
  return deleted;
}

export async function countRedisKeys(prefix: string): Promise<number> {
  const redis = new Redis(TEST_REDIS);
  try {
    return (await redis.keys(`${prefix}:*`)).length;
  } finally {
    await redis.quit();
  }
}

export interface JobsHarness {
  db: TestDatabase;
  store: PostgresEventStore;
  prefix: string;
  config: JobsConfig;
  runtime(clock: Clock, overrides?: Partial<JobsConfig>): JobsRuntime;
  close(): Promise<void>;
}

/** A fresh database, an event store and a Redis prefix; every runtime made here is closed in close(). */
export async function createJobsHarness(suite: string): Promise<JobsHarness> {
  const db = await createTestDatabase(suite);
  const store = new PostgresEventStore(db.pool);
  const prefix = testPrefix(suite);
  const config = testJobsConfig(prefix);
  const runtimes: JobsRuntime[] = [];
  return {
    db,
    store,
    prefix,
    config,
    runtime(clock, overrides = {}) {
      const runtime = new JobsRuntime({
        store,
        pool: db.pool,
        clock,
        config: { ...config, ...overrides },
        log: () => {},
      });
      runtimes.push(runtime);
      return runtime;
    },
    async close() {
      for (const runtime of runtimes) await runtime.close();
      await deleteRedisKeys(prefix);
      await store.close();
      // pg-pool's end() resolves before its clients' sockets are closed, so DROP DATABASE … FORCE
      // can still terminate one of them: without a listener that error would crash the suite.
      db.pool.on('error', () => {});
      await db.drop();
    },
  };
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 15000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
