import { Redis } from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import { REDIS } from '../../src/common/tokens';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_SERVER_URL } from '../support/test-database';
import { waitFor } from '../jobs/support/jobs-harness';
import { csv } from '../imports/spreadsheets';

/**
 * A dependency lost in the middle of a request is a 503 the client can act on (Retry-After, retry
 * with the same Idempotency-Key), not a 500 "unexpected error"; /health names what is down.
 */
describe('a connection lost during a request', () => {
  let t: TestApp;
  let admin: Client;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  const database = () => new URL(t.db.url).pathname.slice(1);
  const person = {
    id: 'p-lost-connection',
    fullName: 'Ngô Thị Lan',
    dateOfBirth: '1985-06-01',
    gender: 'female',
    ethnicity: 'Kinh',
    partyMember: false,
    educationLevel: 'Đại học',
    politicalTheoryLevel: 'Trung cấp',
    orgUnitId: 'ou-town',
  };

  beforeAll(async () => {
    t = await startTestApp('faults_lost_connection');
    t.db.pool.on('error', () => undefined);
    admin = new Client({ connectionString: TEST_SERVER_URL });
    await admin.connect();
    const top = { Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-town')}` };
    await http()
      .post('/org-units')
      .set(top)
      .send({ id: 'ou-town', name: 'Thị xã Sự Cố', kind: 'town' })
      .expect(201);
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
  });
  afterAll(async () => {
    await admin?.end().catch(() => undefined);
    await t?.close();
  });

  it('answers 503 service.unavailable with Retry-After when PostgreSQL terminates the backend, and the retry with the same key succeeds', async () => {
    // The service's read of the person's stream waits on the lock, then its backend is terminated.
    const register = () =>
      http().post('/cadres').set(staff).set('Idempotency-Key', 'k-lost-1').send(person);
    const lost = await whileEventsLocked(register);

    // Before: 500 internal.unexpected "unexpected error".
    expect(lost.status).toBe(503);
    expect(lost.headers['retry-after']).toBe('3');
    expect(lost.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(lost.body).toMatchObject({
      status: 503,
      rule: 'service.unavailable',
      dependency: 'PostgreSQL',
      title: 'A service the API depends on is unavailable',
    });
    expect(lost.body.detail).toMatch(/retry it after 3 s with the same Idempotency-Key/);

    const retried = await register();
    expect(retried.status).toBe(201);
    const { rows } = await t.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events WHERE stream_id = 'cadre-p-lost-connection'`,
    );
    expect(rows[0].n).toBe(1);
  });

  it('POST /imports: the 503 says to send the same file again (imports keep no Idempotency-Key), and that retry stores the row once', async () => {
    const file = csv('people', [
      {
        'Mã cán bộ': 'p-lost-import',
        'Họ và tên': 'Lê Văn Nhập',
        'Ngày sinh': '12/04/1978',
        'Giới tính': 'Nam',
        'Dân tộc': 'Kinh',
        'Đảng viên': 'Không',
        'Trình độ chuyên môn': 'Đại học',
        'Lý luận chính trị': 'Trung cấp',
        'Mã đơn vị': 'ou-town',
      },
    ]);
    const upload = () => http().post('/imports').set(staff).attach('file', file, 'lost.csv');
    const lost = await whileEventsLocked(upload);

    expect(lost.status).toBe(503);
    expect(lost.body).toMatchObject({ rule: 'service.unavailable', dependency: 'PostgreSQL' });
    // Before: "retry it after 3 s with the same Idempotency-Key", which this route does not keep.
    expect(lost.body.detail).toMatch(/send the same file again after 3 s: an import is idempotent/);
    expect(lost.body.detail).not.toMatch(/retry it .* with the same Idempotency-Key/);

    const retried = await upload();
    expect(retried.status).toBe(200);
    const { rows } = await t.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events WHERE stream_id = 'cadre-p-lost-import'`,
    );
    expect(rows[0].n).toBe(1);
  });

  it('a write sent without an Idempotency-Key: the 503 warns it may be stored and says to check before retrying, naming no key to reuse', async () => {
    const register = () =>
      http()
        .post('/cadres')
        .set(staff)
        .send({ ...person, id: 'p-lost-no-key' });
    const lost = await whileEventsLocked(register);

    expect(lost.status).toBe(503);
    expect(lost.headers['retry-after']).toBe('3');
    expect(lost.body).toMatchObject({ rule: 'service.unavailable', dependency: 'PostgreSQL' });
    expect(lost.body.detail).toMatch(/it may or may not have been stored/);
    // Before: "retry it after 3 s with the same Idempotency-Key", a key this request never sent.
    expect(lost.body.detail).not.toMatch(/with the same Idempotency-Key/);
    expect(lost.body.detail).toMatch(
      /check the record's state or history before sending it again, and send an Idempotency-Key/,
    );
  });

  it('a read whose connection dropped: the 503 says the database is unavailable, not that something may be stored', async () => {
    const auditor = {
      Authorization: `Bearer ${t.token('u-auditor', ['auditor'], 'ou-town')}`,
    };
    const verify = () => http().get('/audit/verify?stream=cadre-p-lost-connection').set(auditor);
    const lost = await whileEventsLocked(verify);

    expect(lost.status).toBe(503);
    expect(lost.headers['retry-after']).toBe('3');
    expect(lost.body).toMatchObject({ rule: 'service.unavailable', dependency: 'PostgreSQL' });
    // Before: "…it may or may not have been stored: retry it after 3 s with the same Idempotency-Key".
    expect(lost.body.detail).toBe('the database is unavailable; retry after 3 s');
  });

  /** The request's answer, its backend terminated while it waits on a lock of the events table. */
  async function whileEventsLocked(send: () => PromiseLike<request.Response>) {
    const locker = new Client({ connectionString: t.db.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE events IN ACCESS EXCLUSIVE MODE');
    const pending = Promise.resolve(send());
    await waitFor(
      async () =>
        (
          await admin.query<{ n: number }>(
            `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
              WHERE datname = $1 AND wait_event_type = 'Lock' AND pid <> $2`,
            [database(), (locker as unknown as { processID: number }).processID],
          )
        ).rows[0].n > 0,
      'the request to wait on the lock',
      10_000,
    );
    const answer = await pending;
    await locker.query('ROLLBACK');
    await locker.end();
    return answer;
  }

  it('/health is a 503 problem naming Redis while its connection is down, and 200 once it is back', async () => {
    const redis = t.app.get<Redis>(REDIS);
    redis.disconnect();
    try {
      const down = await http().get('/health');
      // Before: "title":"Unexpected error","rule":"internal.unexpected","detail":"Service Unavailable Exception".
      expect(down.status).toBe(503);
      expect(down.headers['retry-after']).toBe('3');
      expect(down.body).toMatchObject({
        status: 503,
        rule: 'service.unavailable',
        title: 'A service the API depends on is unavailable',
        down: ['redis'],
        details: { redis: { status: 'down' }, postgres: { status: 'up' } },
      });
      expect(down.body.detail).toMatch(/^Redis \(redis\) is down: /);
    } finally {
      await redis.connect().catch(() => undefined);
    }
    const back = await waitFor(
      async () => {
        const response = await http().get('/health');
        return response.status === 200 ? response : undefined;
      },
      '/health to answer 200 again',
      30_000,
    );
    expect(back.body.status).toBe('ok');
  });
});
