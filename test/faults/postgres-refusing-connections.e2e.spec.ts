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

  it('answers 503 service.unavailable with Retry-After while the database accepts no connections', async () => {
    const staff = {
      Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}`,
    };
    await admin.query(`ALTER DATABASE ${database()} ALLOW_CONNECTIONS false`);
    try {
      // The pool's open connections would still work: close them so the request must connect anew.
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [database()],
      );
      const refused = await http().get('/cadres/p-refused').set(staff);

      // Before: 500 internal.unexpected "unexpected error".
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('3');
      expect(refused.body).toMatchObject({
        status: 503,
        rule: 'service.unavailable',
        dependency: 'PostgreSQL',
      });
    } finally {
      await admin.query(`ALTER DATABASE ${database()} ALLOW_CONNECTIONS true`);
    }
  });
});
