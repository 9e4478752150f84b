import { once } from 'node:events';
import { get, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { finished } from 'node:stream/promises';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { seedAuditHistory } from './support/seeded-audit-history';

/** Well under SHUTDOWN_TIMEOUT_MS' default (25 s), which the stop used to wait out, then exit 1. */
const STOPPED_WITHIN_MS = 15_000;

/**
 * A stop while GET /audit/export streams to a slow reader. Before: the export held its pooled
 * connection, the pool's end waited for it, and the stop never finished (SIGTERM waited the full
 * SHUTDOWN_TIMEOUT_MS, then exited 1). Now the export is cut short and the stop goes on.
 */
describe('an audit export under way at shutdown', () => {
  let t: TestApp;
  let stopping: Promise<void> | undefined;
  const top = () => ({ Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-stop')}` });

  beforeAll(async () => {
    t = await startTestApp('faults_export_shutdown');
    await request(t.server as never)
      .post('/org-units')
      .set(top())
      .send({ id: 'ou-stop', name: 'Tỉnh Dừng Máy', kind: 'province' })
      .expect(201);
    await seedAuditHistory(t.db.pool);
    await new Promise<void>((resolve) => (t.server as Server).listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await (stopping ?? t?.close());
  }, STOPPED_WITHIN_MS);

  it(
    'cuts the export short and the service stops',
    async () => {
      const response = await exportResponse();
      expect(response.statusCode).toBe(200);
      // The reader takes nothing more: the export waits mid-way, holding its connection.
      response.pause();
      await once(response, 'readable');

      // Before: the stop waited on the export's connection for as long as the reader did not read.
      stopping = t.close();
      await stopping;
      response.resume();
      const outcome = await finished(response).then(
        () => 'ended cleanly',
        () => 'cut short',
      );
      expect(outcome).toBe('cut short');
    },
    STOPPED_WITHIN_MS,
  );

  /** A raw request, so that the test decides when the body is read. */
  function exportResponse(): Promise<IncomingMessage> {
    const { port } = (t.server as Server).address() as AddressInfo;
    return new Promise((resolve, reject) => {
      get(
        {
          host: '127.0.0.1',
          port,
          path: '/audit/export?format=ndjson',
          headers: top(),
          agent: false,
        },
        resolve,
      ).on('error', reject);
    });
  }
});
