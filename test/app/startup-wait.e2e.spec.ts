import { ChildProcess, spawn } from 'node:child_process';
import request from 'supertest';
import {
  checkKurrentDb,
  UnreachableError,
  waitUntilReachable,
} from '../../src/bootstrap/startup-checks';
import { freePort } from '../faults/support/private-redis';
import { ServiceProcess } from '../faults/support/service-process';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('a KurrentDB that does not answer', () => {
  it('is reported as unreachable, naming the address, within the check’s time limit', async () => {
    const port = await freePort();
    const started = Date.now();
    const check = checkKurrentDb(`kurrentdb://127.0.0.1:${port}?tls=false`);
    await expect(check).rejects.toBeInstanceOf(UnreachableError);
    await expect(check).rejects.toThrow(`KurrentDB at 127.0.0.1:${port} is not reachable`);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('is tried again and again until STARTUP_WAIT_SECONDS are spent', async () => {
    const port = await freePort();
    const lines: string[] = [];
    const started = Date.now();
    await expect(
      waitUntilReachable(() => checkKurrentDb(`kurrentdb://127.0.0.1:${port}?tls=false`), {
        waitSeconds: 3,
        log: (line) => lines.push(line),
      }),
    ).rejects.toThrow(/gave up after \d+ attempts in 3 s, STARTUP_WAIT_SECONDS/);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toMatch(/is not reachable .*; retrying in 1\.0 s$/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
  });
});

describe('the service started before its Redis', () => {
  let db: TestDatabase;
  let service: ServiceProcess;
  let redis: ChildProcess | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('startup_wait');
  });

  afterAll(async () => {
    await service?.stop();
    redis?.kill('SIGKILL');
    await db.drop();
  });

  it('waits, retrying, and serves once Redis answers (STARTUP_WAIT_SECONDS=60)', async () => {
    const redisPort = await freePort();
    const httpPort = await freePort();
    service = new ServiceProcess({
      DATABASE_URL: db.url,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      STARTUP_WAIT_SECONDS: '60',
      PORT: String(httpPort),
      RUN_WORKERS: 'false',
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'startup-wait-test-secret',
      QUEUE_PREFIX: 'cftest-startup-wait',
    });
    const listening = service.start();
    // Two refusals logged, then the Redis the compose file would have started later.
    for (let i = 0; i < 600 && (service.log.match(/retrying in/g) ?? []).length < 2; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(service.log).toMatch(
      new RegExp(
        `Redis at 127\\.0\\.0\\.1:${redisPort} is not reachable \\(.+\\): start it or set REDIS_URL; retrying in`,
      ),
    );
    expect(service.exited).toBeNull();
    redis = spawn(
      'redis-server',
      ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await listening;
    const health = await request(`http://127.0.0.1:${httpPort}`).get('/health');
    expect(health.body.info?.redis?.status).toBe('up');
  });
});
