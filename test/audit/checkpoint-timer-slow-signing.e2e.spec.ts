import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { freePort } from '../faults/support/private-redis';
import { ServiceProcess } from '../faults/support/service-process';
import { createTestDatabase, TestDatabase } from '../support/test-database';

jest.setTimeout(180_000);

/** The shortest CHECKPOINT_INTERVAL_MS the configuration allows. */
const INTERVAL_MS = 1000;

/**
 * A time-stamping authority that answers only when told: each checkpoint the service signs waits
 * for it, so a signing lasts as long as the test wants (the service gives up after 10 s).
 */
class HeldTimeStampAuthority {
  readonly held: ServerResponse[] = [];
  received = 0;
  private readonly server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    this.received += 1;
    this.held.push(res);
  });

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** Refuses the oldest request held: that signing fails and ends. */
  refuseOldest(): void {
    this.held.shift()?.writeHead(500).end();
  }

  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

async function poll(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 600; tries += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * With checkpoints signed as often as the configuration allows and a signing that takes longer
 * than that (a time-stamping authority slow to answer), one signing runs at a time (before: one
 * more began every tick, each holding a pooled connection in `SELECT pg_advisory_lock`, till the
 * pool was spent, /health hung and only kill -9 ended the process), the service serves, and it
 * stops on SIGTERM with a signing still waiting.
 */
describe('checkpoints on the shortest interval, with a signing slower than the interval', () => {
  let db: TestDatabase;
  let service: ServiceProcess | undefined;
  const tsa = new HeldTimeStampAuthority();
  const work = mkdtempSync(join(tmpdir(), 'cf-checkpoint-slow-'));

  beforeAll(async () => {
    db = await createTestDatabase('checkpoint_slow_signing');
  });
  afterAll(async () => {
    await service?.kill();
    await tsa.close();
    await db.drop();
    rmSync(work, { recursive: true, force: true });
  });

  /** Backends of this database waiting for an advisory lock: signings queued behind another. */
  const waitingForTheLock = async (): Promise<number> => {
    const { rows } = await db.pool.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
    );
    return rows[0].waiting;
  };

  it('signs one at a time, serves /health meanwhile and stops on SIGTERM', async () => {
    const keyFile = join(work, 'signing.pem');
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    const port = await freePort();
    service = new ServiceProcess({
      DATABASE_URL: db.url,
      PORT: String(port),
      RUN_WORKERS: 'true',
      QUEUE_PREFIX: `cftest-checkpoint-slow-${port}`,
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'checkpoint-slow-signing-secret',
      CHECKPOINT_INTERVAL_MS: String(INTERVAL_MS),
      CHECKPOINT_DIR: join(work, 'checkpoints'),
      CHECKPOINT_SIGNING_KEY_FILE: keyFile,
      CHECKPOINT_TSA_URL: await tsa.listen(),
      SHUTDOWN_TIMEOUT_MS: '60000',
    });
    await service.start();
    await poll(() => tsa.received === 1, 'the first signing to ask for its time stamp');

    // Three more intervals pass while that signing waits: none of them starts another.
    const watchedUntil = Date.now() + 3.5 * INTERVAL_MS;
    let mostWaiting = 0;
    while (Date.now() < watchedUntil) {
      mostWaiting = Math.max(mostWaiting, await waitingForTheLock());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(mostWaiting).toBe(0);
    expect(tsa.received).toBe(1);
    const health = await request(`http://127.0.0.1:${port}`).get('/health').timeout(10_000);
    expect(health.status).toBe(200);

    // That signing ends (refused): the next one follows an interval later, and waits in turn.
    tsa.refuseOldest();
    await poll(() => tsa.received === 2, 'the next signing after the refused one');
    expect(await waitingForTheLock()).toBe(0);

    // Stopped with a signing in flight: it is abandoned and the process ends by itself (exit
    // code 0 once closed), neither killed nor ended by SHUTDOWN_TIMEOUT_MS.
    await service.stop();
    expect(service.exited).toEqual({ code: 0, signal: null });
    expect(service.log).not.toMatch(/shutdown did not finish/);
  });
});
