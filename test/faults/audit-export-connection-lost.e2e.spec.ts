import { once } from 'node:events';
import { get, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { finished } from 'node:stream/promises';
import { Logger } from 'nestjs-pino';
import { Client } from 'pg';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_SERVER_URL } from '../support/test-database';
import { waitFor } from '../jobs/support/jobs-harness';
import { EXPORT_QUERY, seedAuditHistory } from './support/seeded-audit-history';

/** Each case must end within this; before the fix the export hung for good. */
const ANSWERED_WITHIN_MS = 20_000;

/**
 * GET /audit/export whose PostgreSQL backend is terminated: before anything was sent it is the
 * 503 problem other routes give; once streaming began the transfer is cut short (never a clean
 * end), logged as an error. Before: the request hung with no answer at all, or after 200 and some
 * lines stayed open and silent, and nothing was logged.
 */
describe('GET /audit/export when its PostgreSQL connection is lost', () => {
  let t: TestApp;
  let admin: Client;
  let auditor: Record<string, string>;
  const logged: string[] = [];
  const http = () => request(t.server as never);
  const database = () => new URL(t.db.url).pathname.slice(1);

  beforeAll(async () => {
    t = await startTestApp(
      'faults_export_lost',
      { LOG_LEVEL: 'error' },
      { logDestination: { write: (line: string) => logged.push(line) } },
    );
    // The service's own log, as main.ts routes it (the test app otherwise keeps Nest's quiet).
    t.app.useLogger(t.app.get(Logger));
    t.db.pool.on('error', () => undefined);
    admin = new Client({ connectionString: TEST_SERVER_URL });
    await admin.connect();
    const top = { Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-export')}` };
    await http()
      .post('/org-units')
      .set(top)
      .send({ id: 'ou-export', name: 'Tỉnh Xuất Dữ Liệu', kind: 'province' })
      .expect(201);
    // An admin's export holds the unit-less streams: the seeded lines are theirs.
    auditor = top;
    await seedAuditHistory(t.db.pool);
    await new Promise<void>((resolve) => (t.server as Server).listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await admin?.end().catch(() => undefined);
    await t?.close();
  }, ANSWERED_WITHIN_MS);

  it(
    'answers 503 service.unavailable when the backend is terminated before anything was sent',
    async () => {
      // The export's query waits on a lock of the history table; then its backend is terminated.
      const locker = new Client({ connectionString: t.db.url });
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE audit_history IN ACCESS EXCLUSIVE MODE');
      try {
        const pending = Promise.resolve(http().get('/audit/export?format=ndjson').set(auditor));
        await terminateExportBackend(`AND wait_event_type = 'Lock'`);
        const lost = await pending;

        expect(lost.status).toBe(503);
        expect(lost.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(lost.headers['content-disposition']).toBeUndefined();
        expect(lost.body).toMatchObject({ rule: 'service.unavailable', dependency: 'PostgreSQL' });
      } finally {
        await locker.query('ROLLBACK');
        await locker.end();
      }
      await expectStillServing();
    },
    ANSWERED_WITHIN_MS,
  );

  it.each(['ndjson', 'csv'])(
    '%s: cuts the transfer short, logged as an error, when the backend is terminated mid-stream',
    async (format) => {
      logged.length = 0;
      const response = await exportResponse(format);
      expect(response.statusCode).toBe(200);
      // The client reads nothing more until the backend is gone: the export stops mid-way.
      response.pause();
      await once(response, 'readable');
      await terminateExportBackend('');
      response.resume();

      const outcome = await finished(response).then(
        () => 'ended cleanly',
        () => 'cut short',
      );
      // Before: neither; the response stayed open and silent.
      expect(outcome).toBe('cut short');
      await waitFor(
        async () => logged.some((line) => /audit export failed after streaming began/.test(line)),
        'the failure to be logged',
        5000,
      );
      const entry = JSON.parse(logged.find((line) => /audit export failed/.test(line)) ?? '{}');
      expect(entry.level).toBe(50);
      await expectStillServing();
    },
    ANSWERED_WITHIN_MS,
  );

  /** A raw request, so that the test decides when the body is read. */
  function exportResponse(format: string): Promise<IncomingMessage> {
    const { port } = (t.server as Server).address() as AddressInfo;
    return new Promise((resolve, reject) => {
      get(
        {
          host: '127.0.0.1',
          port,
          path: `/audit/export?format=${format}`,
          headers: auditor,
          agent: false,
        },
        resolve,
      ).on('error', reject);
    });
  }

  /** Terminates the backend running the export's query, in this test's database only. */
  async function terminateExportBackend(condition: string): Promise<void> {
    await waitFor(
      async () =>
        (
          await admin.query<{ n: number }>(
            `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
              WHERE datname = $1 AND query LIKE $2 AND pid <> pg_backend_pid() ${condition}`,
            [database(), EXPORT_QUERY],
          )
        ).rows[0].n > 0,
      "the export's query to run",
      10_000,
    );
  }

  async function expectStillServing(): Promise<void> {
    const empty = await http()
      .get('/audit/export?format=ndjson&to=2000-01-01')
      .set(auditor)
      .expect(200);
    expect(empty.text).toBe('');
  }
});
