import { Client } from 'pg';
import request from 'supertest';
import { JwtVerifier } from '../../src/identity/jwt-verifier';
import { waitFor } from '../jobs/support/jobs-harness';
import { TEST_JWT_SECRET } from '../support/test-app';
import { createTestDatabase, TEST_SERVER_URL, TestDatabase } from '../support/test-database';
import { freePort, PrivateRedis } from './support/private-redis';
import { ServiceProcess } from './support/service-process';

const UNIT = 'ou-outage-town';

/**
 * The sequence a fault tester found to stop background work for good: the lease connection
 * killed, Redis cutting every client 2 s later, and the lease connection killed again 50 ms after
 * that. The timer worker's stop then hung on BullMQ's close, the lease keeper waited on it
 * forever: no lease was retaken, sagas stopped, `/health` said "ok" and SIGTERM never finished.
 */
describe('an outage of both PostgreSQL (the lease connection) and Redis', () => {
  let db: TestDatabase;
  let admin: Client;
  let redis: PrivateRedis;
  let service: ServiceProcess;
  let api: string;
  const token = new JwtVerifier({ secret: TEST_JWT_SECRET }).sign({
    userId: 'u-outage-staff',
    roles: ['organization_staff', 'admin'],
    orgUnit: UNIT,
  });
  const auth = { Authorization: `Bearer ${token}` };

  beforeAll(async () => {
    db = await createTestDatabase('faults_outage');
    admin = new Client({ connectionString: TEST_SERVER_URL });
    await admin.connect();
    // Never the shared Redis: CLIENT KILL would cut every other suite's clients too.
    redis = await PrivateRedis.start();
    const port = await freePort();
    api = `http://127.0.0.1:${port}`;
    service = new ServiceProcess({
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      PORT: String(port),
      QUEUE_PREFIX: `cftest-faults-outage-${process.pid}`,
      JWT_SECRET: TEST_JWT_SECRET,
      RUN_WORKERS: 'true',
      WORKER_LEASE_RETRY_MS: '500',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_PER_USER_PER_MINUTE: '1000000',
    });
    await service.start(300_000);
  }, 360_000);

  afterAll(async () => {
    await service?.stop();
    await admin?.end().catch(() => undefined);
    await redis?.stop();
    await db?.drop();
  }, 60_000);

  /** Terminates this database's lease connection (other suites' keepers are left alone). */
  async function killLeaseConnection(): Promise<void> {
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'cadreflow-leases' AND datname = $1`,
      [new URL(db.url).pathname.slice(1)],
    );
  }

  const leases = async () =>
    (await request(api).get('/health')).body.details?.leases as
      { held: string[]; waiting: string[]; problem: string | null } | undefined;
  const holdsEveryLease = async () => {
    const view = await leases();
    return view && view.waiting.length === 0 && view.held.length > 0 ? view : undefined;
  };

  const post = (path: string, body: object) => request(api).post(path).set(auth).send(body);

  it('retakes every lease within 10 s, runs the sagas again, and stops on SIGTERM in time', async () => {
    const before = await waitFor(holdsEveryLease, 'the service to hold every lease', 60_000);

    await killLeaseConnection();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await redis.killClients();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await killLeaseConnection();
    const lastKill = Date.now();

    // The keeper sees the loss (and stops what it held), then takes every lease again.
    await waitFor(async () => (await leases())?.waiting.length, 'the loss to be seen', 5_000);
    const retakeMs = 10_000 - (Date.now() - lastKill);
    const after = await waitFor(holdsEveryLease, 'every lease to be held again', retakeMs).catch(
      async (error: Error) => {
        throw new Error(`${error.message}: ${JSON.stringify(await leases())}`);
      },
    );
    expect(after.held).toEqual(before.held);
    expect(after.problem).toBeNull();

    // A saga runs again: a case opened now is noted on its person's record.
    expect((await post('/org-units', { id: UNIT, name: 'Thị xã', kind: 'town' })).status).toBe(201);
    const position = { id: 'pos-outage', title: 'Trưởng phòng', orgUnitId: UNIT, rank: 3 };
    expect((await post('/positions', { ...position, appointingAuthority: UNIT })).status).toBe(201);
    const cadre = {
      id: 'p-outage',
      fullName: 'Người Sau Sự Cố',
      dateOfBirth: '1982-05-06',
      gender: 'female',
      ethnicity: 'Kinh',
      partyMember: true,
      educationLevel: 'Thạc sĩ',
      politicalTheoryLevel: 'Cao cấp',
      orgUnitId: UNIT,
    };
    expect((await post('/cadres', cadre)).status).toBe(201);
    const opened = await post('/cases', {
      id: 'c-outage',
      procedure: 'appointment',
      definition: 'appointment.internal',
      personId: 'p-outage',
      positionId: 'pos-outage',
      orgUnitId: UNIT,
      summary: 'Bổ nhiệm',
    });
    expect(opened.status).toBe(201);
    await waitFor(
      async () =>
        (
          await db.pool.query(
            `SELECT 1 FROM events WHERE type LIKE 'CaseNoted%' AND data->>'caseId' = 'c-outage'`,
          )
        ).rowCount! > 0,
      'the case-record saga to note the case on the record',
      20_000,
    );
    expect((await request(api).get('/health')).status).toBe(200);

    // SIGTERM ends the process on its own, well before the harness's SIGKILL (15 s).
    const stopping = Date.now();
    await service.stop();
    expect(Date.now() - stopping).toBeLessThan(15_000);
    expect(service.exited?.signal).not.toBe('SIGKILL');
    expect(service.log).toMatch(/shutting down/);
  }, 120_000);
});
