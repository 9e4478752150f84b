import { Redis } from 'ioredis';
import request from 'supertest';
import { RedisThrottlerStorage } from '../../src/infrastructure/redis-throttler-storage';
import { TEST_REDIS } from '../jobs/support/jobs-harness';
import { withHungRedis } from './support/hung-redis';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The callers' unit, written directly: a request to create it would count against the limit (and
 * a grant for a unit the registry does not hold is refused).
 */
async function registerCallersUnit(t: TestApp): Promise<void> {
  await t.db.pool.query(
    "INSERT INTO org_units (id, name, kind, parent_id, path) VALUES ('ou-ha-noi', 'Hà Nội', 'province', NULL, ARRAY['ou-ha-noi'])",
  );
}

describe('rate limiting', () => {
  // Two instances of the service behind one load balancer: one Redis, one key prefix.
  const prefix = `cftest-ratelimit-${process.pid}`;
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startTestApp('ratelimit_a', { RATE_LIMIT_PER_MINUTE: '5', QUEUE_PREFIX: prefix });
    second = await startTestApp('ratelimit_b', {
      RATE_LIMIT_PER_MINUTE: '5',
      QUEUE_PREFIX: prefix,
    });
    for (const t of [first, second]) await registerCallersUnit(t);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('counts a client across every instance and refuses the request over the limit with 429 and Retry-After', async () => {
    const staff = (t: TestApp) => ({
      Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-ha-noi')}`,
    });
    const statuses: number[] = [];
    for (const t of [first, second, first, second, first]) {
      statuses.push(
        (
          await request(t.server as never)
            .get('/cases')
            .set(staff(t))
        ).status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);

    const refused = await request(second.server as never)
      .get('/cases')
      .set(staff(second));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.stringify(refused.body)).toMatch(/too many requests/i);
    // Blocked on the other instance too; health checks are never limited.
    expect(
      (
        await request(first.server as never)
          .get('/cases')
          .set(staff(first))
      ).status,
    ).toBe(429);
    expect((await request(first.server as never).get('/health')).status).toBe(200);
  });

  it('keeps counting after Redis forgot its scripts (a restart or SCRIPT FLUSH)', async () => {
    const redis = new Redis(TEST_REDIS);
    const storage = new RedisThrottlerStorage(redis, `${prefix}-flushed`);
    const key = `client-${Date.now()}`;
    try {
      await storage.increment(key, 60_000, 3, 60_000, 'default');
      await redis.script('FLUSH');
      expect(await storage.increment(key, 60_000, 3, 60_000, 'default')).toMatchObject({
        totalHits: 2,
        isBlocked: false,
      });
      await storage.increment(key, 60_000, 3, 60_000, 'default');
      expect(await storage.increment(key, 60_000, 3, 60_000, 'default')).toMatchObject({
        totalHits: 4,
        isBlocked: true,
      });
    } finally {
      const keys = await redis.keys(`${prefix}-flushed:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
  });

  it('lets requests through when Redis does not answer, instead of failing them', async () => {
    await withHungRedis(async (hung) => {
      const storage = new RedisThrottlerStorage(hung, prefix, 100);
      const record = await storage.increment('client', 60_000, 1, 60_000, 'default');
      expect(record).toMatchObject({ isBlocked: false, totalHits: 0 });
    });
  });
});

describe('rate limiting behind a proxy and per user', () => {
  const get = (t: TestApp, userId: string, forwardedFor?: string) => {
    const call = request(t.server as never)
      .get('/cases')
      .set('Authorization', `Bearer ${t.token(userId, ['organization_staff'], 'ou-ha-noi')}`);
    return forwardedFor === undefined ? call : call.set('X-Forwarded-For', forwardedFor);
  };
  const statuses = async (calls: (() => request.Test)[]) => {
    const out: number[] = [];
    for (const call of calls) out.push((await call()).status);
    return out;
  };

  describe('TRUST_PROXY=1 (one ingress in front)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp('ratelimit_proxy', {
        TRUST_PROXY: '1',
        RATE_LIMIT_PER_MINUTE: '3',
        RATE_LIMIT_PER_USER_PER_MINUTE: '1000',
      });
      await registerCallersUnit(t);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('limits each client address from X-Forwarded-For, not the whole organisation behind the ingress', async () => {
      // Different users, so only the per-IP limit is in play.
      expect(
        await statuses([
          () => get(t, 'u-a1', '203.0.113.10'),
          () => get(t, 'u-a2', '203.0.113.10'),
          () => get(t, 'u-a3', '203.0.113.10'),
          () => get(t, 'u-a4', '203.0.113.10'),
        ]),
      ).toEqual([200, 200, 200, 429]);
      // Another client behind the same ingress (same socket address) still gets through.
      expect((await get(t, 'u-b1', '203.0.113.20')).status).toBe(200);
      // A client cannot escape by prepending addresses of its own: only the ingress's entry counts.
      expect((await get(t, 'u-a5', '198.51.100.7, 203.0.113.10')).status).toBe(429);
    });

    it('tells a user the requests left, one fewer a request, although hits are reserved in Redis several at a time', async () => {
      const remaining: string[] = [];
      for (const address of ['203.0.113.50', '203.0.113.51', '203.0.113.52'])
        remaining.push(
          String((await get(t, 'u-remaining', address)).headers['x-ratelimit-remaining-user']),
        );
      expect(remaining).toEqual(['999', '998', '997']);
    });
  });

  describe('without TRUST_PROXY', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp('ratelimit_direct', {
        RATE_LIMIT_PER_MINUTE: '3',
        RATE_LIMIT_PER_USER_PER_MINUTE: '1000',
      });
      await registerCallersUnit(t);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('ignores X-Forwarded-For, so a client cannot reset its limit by sending one', async () => {
      expect(
        await statuses([
          () => get(t, 'u-c1', '192.0.2.1'),
          () => get(t, 'u-c2', '192.0.2.2'),
          () => get(t, 'u-c3', '192.0.2.3'),
          () => get(t, 'u-c4', '192.0.2.4'),
        ]),
      ).toEqual([200, 200, 200, 429]);
    });
  });

  describe('one budget per address, whatever the route', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp('ratelimit_routes', {
        RATE_LIMIT_PER_MINUTE: '3',
        RATE_LIMIT_PER_USER_PER_MINUTE: '1000',
      });
      await registerCallersUnit(t);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('counts requests to different routes against the same limit, and tells the client what is left', async () => {
      const remaining: string[] = [];
      const statuses: number[] = [];
      for (const path of ['/cases', '/cadres', '/inbox', '/positions']) {
        const answer = await request(t.server as never)
          .get(path)
          .set(
            'Authorization',
            `Bearer ${t.token('u-routes', ['organization_staff'], 'ou-ha-noi')}`,
          );
        statuses.push(answer.status);
        remaining.push(String(answer.headers['x-ratelimit-remaining']));
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(remaining.slice(0, 3)).toEqual(['2', '1', '0']);
      // Health checks are never counted, and not refused while the address is blocked.
      expect((await request(t.server as never).get('/health')).status).toBe(200);
    });
  });

  describe('RATE_LIMIT_PER_USER_PER_MINUTE', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp('ratelimit_user', {
        TRUST_PROXY: '1',
        RATE_LIMIT_PER_MINUTE: '1000',
        RATE_LIMIT_PER_USER_PER_MINUTE: '3',
      });
      await registerCallersUnit(t);
    });
    afterAll(async () => {
      await t?.close();
    });

    it("counts a user's requests from every address together; other users are not affected", async () => {
      expect(
        await statuses([
          () => get(t, 'u-d', '203.0.113.31'),
          () => get(t, 'u-d', '203.0.113.32'),
          () => get(t, 'u-d', '203.0.113.33'),
        ]),
      ).toEqual([200, 200, 200]);
      const refused = await get(t, 'u-d', '203.0.113.34');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(JSON.stringify(refused.body)).toMatch(/too many requests/i);
      // The same address, another user: the user limit is per token subject.
      expect((await get(t, 'u-e', '203.0.113.31')).status).toBe(200);
      // Requests without a token are not counted against anyone.
      expect((await request(t.server as never).get('/health')).status).toBe(200);
    });
  });
});
