import { Redis } from 'ioredis';
import { AddressInfo, createServer, Socket } from 'node:net';
import request from 'supertest';
import { RedisThrottlerStorage } from '../../src/infrastructure/redis-throttler-storage';
import { startTestApp, TestApp } from '../support/test-app';

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
    // The callers' unit, written directly: a request to create it would count against the limit
    // (and a grant for a unit the registry does not hold is refused).
    for (const t of [first, second])
      await t.db.pool.query(
        "INSERT INTO org_units (id, name, kind, parent_id, path) VALUES ('ou-ha-noi', 'Hà Nội', 'province', NULL, ARRAY['ou-ha-noi'])",
      );
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

  it('lets requests through when Redis does not answer, instead of failing them', async () => {
    // A server that accepts connections and never replies: a hung Redis.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const hung = new Redis({
      host: '127.0.0.1',
      port: (silent.address() as AddressInfo).port,
      maxRetriesPerRequest: null,
    });
    hung.on('error', () => undefined);
    const storage = new RedisThrottlerStorage(hung, prefix, 100);
    try {
      const record = await storage.increment('client', 60_000, 1, 60_000, 'default');
      expect(record).toMatchObject({ isBlocked: false, totalHits: 0 });
    } finally {
      hung.disconnect();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
