import { Redis } from 'ioredis';
import {
  MOST_HITS_RESERVED,
  RedisThrottlerStorage,
} from '../../src/infrastructure/redis-throttler-storage';
import { TEST_REDIS } from '../jobs/support/jobs-harness';
import { withHungRedis } from './support/hung-redis';

const WINDOW_MS = 60_000;

/**
 * The rate-limit counters reserve hits a few at a time for the process that asks (one Redis round
 * trip for several requests of a busy client): a client still gets exactly its limit from one
 * instance, never more from several, and the remaining count it is told goes down one a request.
 */
describe('rate-limit counters reserved a few hits at a time', () => {
  const prefix = `cftest-leases-${process.pid}-${Date.now()}`;
  let redis: Redis;
  let calls: number;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS);
    // Counts the round trips; the script still runs on the real Redis.
    const evalsha = redis.evalsha.bind(redis);
    redis.evalsha = ((...args: Parameters<typeof evalsha>) => {
      calls += 1;
      return evalsha(...args);
    }) as typeof redis.evalsha;
  });
  beforeEach(() => {
    calls = 0;
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  const hit = (storage: RedisThrottlerStorage, key: string, limit: number) =>
    storage.increment(key, WINDOW_MS, limit, WINDOW_MS, 'default');

  it('lets one instance through exactly its limit, counting one a request, with few round trips', async () => {
    const storage = new RedisThrottlerStorage(redis, prefix);
    const counted: number[] = [];
    for (let i = 0; i < 1000; i += 1) {
      const record = await hit(storage, 'one-instance', 1000);
      expect(record.isBlocked).toBe(false);
      counted.push(record.totalHits);
    }
    // What X-RateLimit-Remaining is made of: 99, 98, … 0, never a jump by a reservation.
    expect(counted).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    // Whole reservations far from the limit, smaller ones near it, single hits at the end.
    expect(calls).toBeLessThan(1000 / 8);
    const over = await hit(storage, 'one-instance', 1000);
    expect(over).toMatchObject({ isBlocked: true, totalHits: 1001 });
    expect(over.timeToBlockExpire).toBeGreaterThan(0);
    // The block is kept here once learned: a flood costs Redis nothing more.
    const callsWhenBlocked = calls;
    for (let i = 0; i < 20; i += 1)
      expect((await hit(storage, 'one-instance', 1000)).isBlocked).toBe(true);
    expect(calls).toBe(callsWhenBlocked);
  });

  it('refuses exactly the hits over the limit when a client sends them all at once', async () => {
    const storage = new RedisThrottlerStorage(redis, prefix);
    const records = await Promise.all(
      Array.from({ length: 50 }, () => hit(storage, 'all-at-once', 30)),
    );
    expect(records.filter((record) => !record.isBlocked)).toHaveLength(30);
    expect(records.filter((record) => record.isBlocked)).toHaveLength(20);
  });

  it('never lets a client through more than its limit from several instances together', async () => {
    const instances = [1, 2, 3].map(() => new RedisThrottlerStorage(redis, prefix));
    const limit = 200;
    let passed = 0;
    let refused = 0;
    // Round robin, as a load balancer sends them, several at a time.
    for (let round = 0; round < 100; round += 1) {
      const records = await Promise.all(
        instances.map((instance) => hit(instance, 'several-instances', limit)),
      );
      for (const record of records)
        if (record.isBlocked) refused += 1;
        else passed += 1;
    }
    expect(passed).toBeLessThanOrEqual(limit);
    // The hits another instance holds in reserve are what it may refuse early, and no more.
    expect(passed).toBeGreaterThanOrEqual(limit - 2 * MOST_HITS_RESERVED);
    expect(refused).toBe(300 - passed);
    // Every hit let through was counted in Redis, where any instance sees it.
    const counted = Number(await redis.get(`${prefix}:throttle:default:several-instances:hits`));
    expect(counted).toBeGreaterThanOrEqual(passed);
  });
});

describe('rate-limit counters when Redis does not answer', () => {
  it('lets concurrent requests of one client through together, not one timeout after another', async () => {
    await withHungRedis(async (hung) => {
      const storage = new RedisThrottlerStorage(hung, 'cftest-hung', 100);
      const started = Date.now();
      const records = await Promise.all(
        Array.from({ length: 8 }, () =>
          storage.increment('client', WINDOW_MS, 1, WINDOW_MS, 'default'),
        ),
      );
      for (const record of records)
        expect(record).toMatchObject({ isBlocked: false, totalHits: 0 });
      // One after another they would take 8 × 100 ms.
      expect(Date.now() - started).toBeLessThan(400);
    });
  });
});
