import { Client } from 'pg';
import request from 'supertest';
import { JwtVerifier } from '../../src/identity/jwt-verifier';
import { deleteRedisKeys, waitFor } from '../jobs/support/jobs-harness';
import { outstandingWork } from '../sagas/support/engine-settled';
import { TEST_JWT_SECRET } from '../support/test-app';
import { createTestDatabase, TEST_SERVER_URL, TestDatabase } from '../support/test-database';
import { freePort } from './support/private-redis';
import { ServiceProcess } from './support/service-process';

const TERMINATIONS = 5;
const WRITERS = 6;
const UNIT = 'ou-faults-town';

interface Write {
  personId: string;
  caseId: string;
  /** Status of POST /cadres and POST /cases (0: no answer at all). */
  registered: number;
  opened: number;
}

/**
 * pg_terminate_backend on every connection of the service's database, five times while writes
 * pour in: the service (API and workers in one process, as `npm start` runs it) must live on,
 * every write it acknowledged must be stored once, and /health must come back to 200.
 */
describe('PostgreSQL backends terminated under a burst of writes', () => {
  let db: TestDatabase;
  let admin: Client;
  let service: ServiceProcess;
  let api: string;
  const queuePrefix = `cftest-faults-pg-${process.pid}`;
  const token = new JwtVerifier({ secret: TEST_JWT_SECRET }).sign({
    userId: 'u-faults-staff',
    roles: ['organization_staff', 'admin'],
    orgUnit: UNIT,
  });
  const auth = { Authorization: `Bearer ${token}` };

  beforeAll(async () => {
    db = await createTestDatabase('faults_pg');
    // The test's own connections are terminated too: they must not take the test down either.
    db.pool.on('error', () => undefined);
    admin = new Client({ connectionString: TEST_SERVER_URL });
    admin.on('error', () => undefined);
    await admin.connect();
    const port = await freePort();
    api = `http://127.0.0.1:${port}`;
    service = new ServiceProcess({
      DATABASE_URL: db.url,
      PORT: String(port),
      QUEUE_PREFIX: queuePrefix,
      JWT_SECRET: TEST_JWT_SECRET,
      RUN_WORKERS: 'true',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_PER_USER_PER_MINUTE: '1000000',
    });
    await service.start();
  }, 180_000);

  afterAll(async () => {
    await service?.stop();
    await admin?.end().catch(() => undefined);
    await db?.drop();
    await deleteRedisKeys(queuePrefix);
  });

  /** Waits until the service holds connections again (up to 10 s), then terminates them all. */
  async function terminateEveryBackend(): Promise<number> {
    const database = new URL(db.url).pathname.slice(1);
    await waitFor(
      async () =>
        (
          await admin.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
            [database],
          )
        ).rows[0].n > 0,
      'the service to connect again',
      10_000,
    ).catch(() => undefined);
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
        WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [database],
    );
    return rows[0].n;
  }

  async function post(path: string, body: object): Promise<number> {
    try {
      return (await request(api).post(path).set(auth).send(body)).status;
    } catch {
      return 0; // no answer: the connection to the service failed
    }
  }

  it('lives on, stores every acknowledged write once, and /health comes back to 200', async () => {
    expect(await post('/org-units', { id: UNIT, name: 'Thị xã Sự Cố', kind: 'town' })).toBe(201);
    expect(
      await post('/positions', {
        id: 'pos-faults-head',
        title: 'Trưởng phòng',
        orgUnitId: UNIT,
        appointingAuthority: UNIT,
        rank: 3,
      }),
    ).toBe(201);

    const writes: Write[] = [];
    const terminated: number[] = [];
    let burstOver = false;
    const writer = async (w: number) => {
      for (let i = 0; !burstOver || i < 5; i += 1) {
        const write: Write = {
          personId: `p-faults-${w}-${i}`,
          caseId: `c-faults-${w}-${i}`,
          registered: 0,
          opened: 0,
        };
        writes.push(write);
        write.registered = await post('/cadres', {
          id: write.personId,
          fullName: `Người ${write.personId}`,
          dateOfBirth: '1980-03-04',
          gender: 'male',
          ethnicity: 'Kinh',
          partyMember: true,
          educationLevel: 'Thạc sĩ',
          politicalTheoryLevel: 'Cao cấp',
          orgUnitId: UNIT,
        });
        if (write.registered !== 201) continue;
        write.opened = await post('/cases', {
          id: write.caseId,
          procedure: 'appointment',
          definition: 'appointment.internal',
          personId: write.personId,
          positionId: 'pos-faults-head',
          orgUnitId: UNIT,
          summary: 'Bổ nhiệm trưởng phòng',
        });
      }
    };
    const terminator = async () => {
      for (let round = 0; round < TERMINATIONS; round += 1) {
        await new Promise((resolve) => setTimeout(resolve, 400));
        terminated.push(await terminateEveryBackend());
      }
      burstOver = true;
    };
    await Promise.all([terminator(), ...Array.from({ length: WRITERS }, (_, w) => writer(w))]);

    // The service lived through it all; each round cut live connections of the service (pool,
    // LISTEN, workers).
    if (service.exited)
      throw new Error(
        `the service died (${JSON.stringify(service.exited)}):\n${service.log.slice(-3000)}`,
      );
    expect(terminated).toHaveLength(TERMINATIONS);
    for (const count of terminated) expect(count).toBeGreaterThan(0);
    expect(service.log).not.toMatch(/Unhandled 'error' event|uncaught/i);

    // Every answer was an answer: 201, or an error the client can retry (never a dead socket).
    for (const write of writes) {
      expect(write.registered).not.toBe(0);
      if (write.registered === 201) expect(write.opened).not.toBe(0);
    }
    const registered = writes.filter((write) => write.registered === 201);
    const opened = writes.filter((write) => write.opened === 201);
    // How many writes the storm lets through depends on the machine's load; that some do, and
    // that every write succeeds once it is over (below), does not.
    expect(opened.length).toBeGreaterThan(0);

    const health = await waitFor(
      async () => {
        const response = await request(api).get('/health');
        return response.status === 200 ? response : undefined;
      },
      '/health to answer 200 again',
      90_000,
    );
    expect(health.body.status).toBe('ok');
    // Once the storm is over, every writer's next registration and case open succeed.
    for (let w = 0; w < WRITERS; w += 1) {
      const personId = `p-faults-after-${w}`;
      expect(
        await post('/cadres', {
          id: personId,
          fullName: `Người ${personId}`,
          dateOfBirth: '1980-03-04',
          gender: 'male',
          ethnicity: 'Kinh',
          partyMember: true,
          educationLevel: 'Thạc sĩ',
          politicalTheoryLevel: 'Cao cấp',
          orgUnitId: UNIT,
        }),
      ).toBe(201);
      expect(
        await post('/cases', {
          id: `c-faults-after-${w}`,
          procedure: 'appointment',
          definition: 'appointment.internal',
          personId,
          positionId: 'pos-faults-head',
          orgUnitId: UNIT,
          summary: 'Bổ nhiệm trưởng phòng',
        }),
      ).toBe(201);
    }
    // Other processes' commits wake this one again: its LISTEN connection is back.
    await waitFor(
      async () =>
        (
          await admin.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND query = 'LISTEN cf_events'`,
            [new URL(db.url).pathname.slice(1)],
          )
        ).rows[0].n > 0,
      'the service to LISTEN again',
      30_000,
    );

    // The workers reconnected and finished the work of every write: the sagas noted each opened
    // case on the person's record and scheduled its first step's deadline.
    await waitFor(
      async () => (await outstandingWork(db.pool, new Date())).sagaEvents === 0,
      'the sagas to catch up',
      90_000,
    );

    const { rows } = await db.pool.query<{ stream_id: string; type: string; n: number }>(
      `SELECT stream_id, type, count(*)::int AS n FROM events
        WHERE stream_id = ANY($1) GROUP BY stream_id, type`,
      [
        [
          ...registered.map((write) => `cadre-${write.personId}`),
          ...opened.map((write) => `appointment-${write.caseId}`),
        ],
      ],
    );
    const count = (stream: string, type: string) =>
      rows.find((row) => row.stream_id === stream && row.type === type)?.n ?? 0;
    for (const write of registered)
      expect(count(`cadre-${write.personId}`, 'PersonRegistered.v1')).toBe(1);
    for (const write of opened) {
      expect(count(`appointment-${write.caseId}`, 'CaseOpened.v1')).toBe(1);
      expect(count(`cadre-${write.personId}`, 'CaseNoted.v1')).toBe(1);
    }
    const deadlines = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events WHERE type = 'TimerScheduled.v1' AND data->>'target' = ANY($1)`,
      [opened.map((write) => `appointment-${write.caseId}`)],
    );
    expect(deadlines.rows[0].n).toBe(opened.length);
    expect(service.exited).toBeNull();
  });
});
