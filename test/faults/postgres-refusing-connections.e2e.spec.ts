import { Client } from 'pg';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_SERVER_URL } from '../support/test-database';

/**
 * PostgreSQL up but refusing new connections (a database closed with ALLOW_CONNECTIONS false,
 * 55000) is a dependency that is unavailable, like a refused socket: 503 service.unavailable with
 * Retry-After, not a 500 "unexpected error".
 */
describe('PostgreSQL refusing new connections', () => {
  let t: TestApp;
  let admin: Client;
  const http = () => request(t.server as never);
  const database = () => new URL(t.db.url).pathname.slice(1);

  beforeAll(async () => {
    t = await startTestApp('faults_refusing_connections');
    t.db.pool.on('error', () => undefined);
    admin = new Client({ connectionString: TEST_SERVER_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end().catch(() => undefined);
    await t?.close();
  });

  const staff = () => ({
    Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}`,
  });

  it('answers 503 service.unavailable with Retry-After while the database accepts no connections', async () => {
    await whileClosed(async () => {
      const refused = await http().get('/cadres/p-refused').set(staff());

      // Before: 500 internal.unexpected "unexpected error".
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('3');
      expect(refused.body).toMatchObject({
        status: 503,
        rule: 'service.unavailable',
        dependency: 'PostgreSQL',
      });
      // Before: "PostgreSQL dropped the connection while the request ran; it may or may not have
      // been stored: retry it after 3 s with the same Idempotency-Key": a read stores nothing.
      expect(refused.body.detail).toBe('the database is unavailable; retry after 3 s');
    });
  });

  it('a write refused at connect: the database is unavailable, nothing said to be maybe stored, the key named only when sent', async () => {
    await whileClosed(async () => {
      const person = {
        id: 'p-refused-write',
        fullName: 'Trần Văn Đóng',
        dateOfBirth: '1980-03-02',
        gender: 'male',
        ethnicity: 'Kinh',
        partyMember: false,
        educationLevel: 'Đại học',
        politicalTheoryLevel: 'Trung cấp',
        orgUnitId: 'ou-town',
      };
      const withoutKey = await http().post('/cadres').set(staff()).send(person);
      expect(withoutKey.status).toBe(503);
      expect(withoutKey.headers['retry-after']).toBe('3');
      // Its own append may have run on a connection made before the refusal: no bare "retry".
      expect(withoutKey.body.detail).toMatch(
        /^the database is unavailable: it refused a new connection; it was sent without an Idempotency-Key, so sent again it may be stored twice: after 3 s check the record's state or history/,
      );
      expect(withoutKey.body.detail).not.toMatch(/may or may not have been stored/);

      const withKey = await http()
        .post('/cadres')
        .set(staff())
        .set('Idempotency-Key', 'k-refused-1')
        .send(person);
      expect(withKey.status).toBe(503);
      expect(withKey.body.detail).toMatch(
        /^the database is unavailable: it refused a new connection; retry it after 3 s with the same Idempotency-Key/,
      );
      expect(withKey.body.detail).not.toMatch(/may or may not have been stored/);
    });
  });

  /** Runs the check while the test database refuses new connections and holds none open. */
  async function whileClosed(check: () => Promise<void>) {
    await admin.query(`ALTER DATABASE ${database()} ALLOW_CONNECTIONS false`);
    try {
      // The pool's open connections would still work: close them so the request must connect anew.
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [database()],
      );
      await check();
    } finally {
      await admin.query(`ALTER DATABASE ${database()} ALLOW_CONNECTIONS true`);
    }
  }
});
