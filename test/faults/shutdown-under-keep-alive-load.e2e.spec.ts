import { JwtVerifier } from '../../src/identity/jwt-verifier';
import { TEST_JWT_SECRET } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { freePort } from './support/private-redis';
import { ServiceProcess } from './support/service-process';

const CLIENTS = 8;
const TOP = 'ou-keepalive-top';
/** Well under SHUTDOWN_TIMEOUT_MS (25 s), which the stop used to wait out, then exit 1. */
const STOPPED_WITHIN_MS = 8_000;

type Outcome = { id: string; status: number | 'no answer'; connection?: string | null };

/**
 * SIGTERM while clients write over keep-alive connections (Node's fetch keeps them open). Before:
 * new connections were refused, but the open ones went on being served request after request; the
 * stop waited for them until SHUTDOWN_TIMEOUT_MS, then exited 1, cutting the requests then running
 * (a unit written, its client answered by ECONNRESET). Now the requests running finish with their
 * answer, the connections close, and the process exits 0 within seconds.
 */
describe('SIGTERM under steady writes on keep-alive connections', () => {
  let db: TestDatabase;
  let service: ServiceProcess;
  let api: string;
  const token = new JwtVerifier({ secret: TEST_JWT_SECRET }).sign({
    userId: 'u-keepalive-admin',
    roles: ['admin'],
    orgUnit: TOP,
  });

  beforeAll(async () => {
    db = await createTestDatabase('faults_keepalive_stop');
    const port = await freePort();
    api = `http://127.0.0.1:${port}`;
    service = new ServiceProcess({
      DATABASE_URL: db.url,
      PORT: String(port),
      QUEUE_PREFIX: `cftest-faults-keepalive-${process.pid}`,
      JWT_SECRET: TEST_JWT_SECRET,
      RUN_WORKERS: 'false',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_PER_USER_PER_MINUTE: '1000000',
    });
    await service.start(300_000);
  }, 360_000);

  afterAll(async () => {
    await service?.kill();
    await db?.drop();
  }, 60_000);

  const createUnit = async (body: object) => {
    const response = await fetch(`${api}/org-units`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    await response.arrayBuffer();
    return response;
  };

  it('finishes the requests running, answers each write it made, and exits 0 in seconds', async () => {
    expect((await createUnit({ id: TOP, name: 'Tỉnh Giữ Kết Nối', kind: 'province' })).status).toBe(
      201,
    );
    const outcomes: Outcome[] = [];
    let stopped = false;
    let next = 0;
    const client = async () => {
      while (!stopped) {
        const id = `ou-keepalive-${next++}`;
        try {
          const response = await createUnit({
            id,
            name: `Xã ${id}`,
            kind: 'commune',
            parentId: TOP,
          });
          outcomes.push({
            id,
            status: response.status,
            connection: response.headers.get('connection'),
          });
        } catch {
          // Refused or cut: fine only if it wrote nothing (checked below).
          outcomes.push({ id, status: 'no answer' });
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, client);

    await new Promise((resolve) => setTimeout(resolve, 1500));
    const answeredBefore = outcomes.filter((o) => o.status === 201).length;
    expect(answeredBefore).toBeGreaterThan(CLIENTS);
    const signalled = Date.now();
    const exited = await service.terminate(STOPPED_WITHIN_MS);
    const tookMs = Date.now() - signalled;
    stopped = true;
    await Promise.all(clients);

    expect(service.log).toMatch(/shutting down on SIGTERM/);
    expect({ exited, tookMs: tookMs < STOPPED_WITHIN_MS }).toEqual({
      exited: { code: 0, signal: null },
      tookMs: true,
    });
    expect(service.log).not.toMatch(/shutdown did not finish/);

    // Every unit written was answered 201; every request without an answer wrote nothing.
    const { rows } = await db.pool.query<{ id: string }>(
      `SELECT id FROM org_units WHERE id LIKE 'ou-keepalive-%' AND id <> $1`,
      [TOP],
    );
    const written = new Set(rows.map((row) => row.id));
    const answered = new Set(outcomes.filter((o) => o.status === 201).map((o) => o.id));
    const writtenUnanswered = [...written].filter((id) => !answered.has(id));
    expect(writtenUnanswered).toEqual([]);
    expect([...answered].filter((id) => !written.has(id))).toEqual([]);
    // The requests running at the signal were answered, each closing its connection.
    expect(outcomes.some((o) => o.status === 201 && o.connection === 'close')).toBe(true);
    // Every answer was the write's own (no 5xx from a store closed under a running request).
    expect(outcomes.filter((o) => o.status !== 201 && o.status !== 'no answer')).toEqual([]);
  }, 120_000);
});
