import * as http from 'node:http';
import { JwtVerifier } from '../../src/identity/jwt-verifier';
import { TEST_JWT_SECRET } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { freePort } from './support/private-redis';
import { ServiceProcess } from './support/service-process';

const CLIENTS = 4;
const TOP = 'ou-noreset-top';
const LAST_WRITE = 'ou-noreset-last';

type Outcome =
  | { at: number; status: number; connection?: string; reused: boolean }
  | { at: number; error: string; reused: boolean };

/**
 * SIGTERM while clients loop over keep-alive connections (node:http, whose `reusedSocket` tells a
 * request sent on a connection already open from one on a new one). Before: the drain closed
 * "idle" connections at the signal and after every answer, and Node counts as idle a connection
 * whose request is not parsed yet: a request written just before the signal, and one on a
 * connection the client had just opened (after an answer with `Connection: close`), were reset
 * unprocessed (ECONNRESET, "socket hang up") well after the signal. Now every request is answered
 * (with `Connection: close`) or refused at connect once the listening socket has closed.
 */
describe('SIGTERM drain: no request reset on a keep-alive connection', () => {
  let db: TestDatabase;
  let service: ServiceProcess;
  let port: number;
  const token = new JwtVerifier({ secret: TEST_JWT_SECRET }).sign({
    userId: 'u-noreset-admin',
    roles: ['admin'],
    orgUnit: TOP,
  });

  beforeAll(async () => {
    db = await createTestDatabase('faults_keepalive_noreset');
    port = await freePort();
    service = new ServiceProcess({
      DATABASE_URL: db.url,
      PORT: String(port),
      QUEUE_PREFIX: `cftest-faults-noreset-${process.pid}`,
      JWT_SECRET: TEST_JWT_SECRET,
      RUN_WORKERS: 'false',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_PER_USER_PER_MINUTE: '1000000',
    });
    await service.start(300_000);
  }, 360_000);

  afterAll(async () => {
    await service?.kill();
    await db?.drop();
  }, 60_000);

  const send = (
    agent: http.Agent,
    method: string,
    path: string,
    body?: object,
    onSent?: () => void,
  ): Promise<Outcome> =>
    new Promise((resolve) => {
      const payload = body ? JSON.stringify(body) : undefined;
      const request = http.request({
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(payload ? { 'Content-Type': 'application/json' } : {}),
        },
      });
      request.on('response', (response) => {
        response.resume();
        response.on('end', () =>
          resolve({
            at: Date.now(),
            status: response.statusCode ?? 0,
            connection: response.headers.connection,
            reused: request.reusedSocket,
          }),
        );
      });
      request.on('error', (error: NodeJS.ErrnoException) =>
        resolve({
          at: Date.now(),
          error: error.code ?? error.message,
          reused: request.reusedSocket,
        }),
      );
      request.end(payload, onSent);
    });

  it('answers every request on an open connection, the write sent just before the signal included', async () => {
    const setup = new http.Agent({ keepAlive: true });
    const created = await send(setup, 'POST', '/org-units', {
      id: TOP,
      name: 'Tỉnh Không Cắt',
      kind: 'province',
    });
    expect(created).toMatchObject({ status: 201 });
    setup.destroy();

    const outcomes: Outcome[] = [];
    let stopped = false;
    const client = async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      while (!stopped) {
        const outcome = await send(agent, 'GET', `/org-units/${TOP}`);
        outcomes.push(outcome);
        if ('error' in outcome) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      agent.destroy();
    };
    const clients = Array.from({ length: CLIENTS }, client);
    await new Promise((resolve) => setTimeout(resolve, 1000));

    // A client gets an answer, then at once writes on the same connection; the signal follows.
    const writer = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect(await send(writer, 'GET', `/org-units/${TOP}`)).toMatchObject({ status: 200 });
    let signalled = 0;
    let exited: Promise<unknown> = Promise.resolve();
    const lastWrite = send(
      writer,
      'POST',
      '/org-units',
      { id: LAST_WRITE, name: 'Xã Cuối', kind: 'commune', parentId: TOP },
      () => {
        signalled = Date.now();
        exited = service.terminate(15_000);
      },
    );
    const written = await lastWrite;
    expect(await exited).toEqual({ code: 0, signal: null });
    stopped = true;
    await Promise.all(clients);
    writer.destroy();

    expect(written).toMatchObject({ status: 201, reused: true, connection: 'close' });
    const { rows } = await db.pool.query(`SELECT id FROM org_units WHERE id = $1`, [LAST_WRITE]);
    expect(rows).toHaveLength(1);

    const after = outcomes.filter((outcome) => outcome.at >= signalled);
    expect(after.some((outcome) => 'status' in outcome)).toBe(true);
    // Answered (any status), or refused at connect: never a connection reset under a request.
    const cut = after
      .filter((outcome) => 'error' in outcome && outcome.error !== 'ECONNREFUSED')
      .map((outcome) => ({ ...outcome, msAfterSignal: outcome.at - signalled }));
    expect(cut).toEqual([]);
    expect(outcomes.filter((outcome) => 'status' in outcome && outcome.status !== 200)).toEqual([]);
  }, 120_000);
});
