import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { startTestApp, TestApp } from '../support/test-app';
import { deleteRedisKeys } from '../jobs/support/jobs-harness';

type Answer = { status: number; body: Record<string, unknown>; connection?: string };

/**
 * A load balancer asks `/health` to know where to send requests. Once a stop has begun (a signal,
 * any close of the application) the instance finishes what is under way and closes its
 * connections: its `/health` must say so (503, `service` down, since when) rather than 200 while
 * it still answers on connections already open.
 */
describe('/health while the instance stops', () => {
  let test: TestApp;
  let port: number;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  beforeAll(async () => {
    test = await startTestApp('health_stopping');
    const server = test.server as http.Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  }, 120_000);

  afterAll(async () => {
    agent.destroy();
    await test?.db.drop();
    await deleteRedisKeys(test?.queuePrefix ?? 'none');
  }, 60_000);

  const health = (): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const request = http.get({ host: '127.0.0.1', port, path: '/health', agent }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: JSON.parse(text) as Record<string, unknown>,
            connection: response.headers.connection,
          }),
        );
      });
      request.on('error', reject);
    });

  it('answers 503 naming the stop, on a connection still open, from the moment the stop begins', async () => {
    const before = await health();
    expect(before.status).toBe(200);
    expect(before.body.details).toMatchObject({ service: { status: 'up' } });

    const stoppedAt = Date.now();
    const closing = test.app.close();
    const during = await health();
    await closing;

    expect(during.status).toBe(503);
    expect(during.body.down).toEqual(expect.arrayContaining(['service']));
    expect(during.body.detail).toMatch(
      /this instance \(service\) is down: stopping since .*send new ones to another instance/,
    );
    const service = (during.body.details as Record<string, { stoppingSince: string }>).service;
    expect(Date.parse(service.stoppingSince)).toBeGreaterThanOrEqual(stoppedAt - 1000);
    // The answer also tells the client to go: the connection closes after it.
    expect(during.connection).toBe('close');
  }, 60_000);
});
