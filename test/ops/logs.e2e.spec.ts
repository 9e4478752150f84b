import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

interface LogLine {
  level: number;
  msg: string;
  context?: string;
  req?: Record<string, unknown>;
  res?: Record<string, unknown>;
  userId?: string;
  rule?: string;
  responseTime?: number;
  [key: string]: unknown;
}

const INFO = 30;
const WARN = 40;
const ERROR = 50;

/** The service's log stream as an operator's collector reads it: one JSON object per line. */
describe('logs', () => {
  let t: TestApp;
  const written: string[] = [];
  const lines = (): LogLine[] => written.map((line) => JSON.parse(line) as LogLine);
  const accessLine = (url: string): LogLine => {
    const found = lines().filter((line) => line.req?.url === url && line.res);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const admin = () => ({ Authorization: `Bearer ${t.token('u-admin-7', ['admin'], 'ou-logs')}` });

  beforeAll(async () => {
    t = await startTestApp(
      'ops_logs',
      { LOG_LEVEL: 'info' },
      { logDestination: { write: (line: string) => written.push(line) } },
    );
    await request(t.server as never)
      .post('/org-units')
      .set(admin())
      .send({ id: 'ou-logs', name: 'Tỉnh Nhật Ký', kind: 'province' })
      .expect(201);
  });
  afterAll(async () => {
    await t?.db.pool
      .query('ALTER TABLE IF EXISTS positions_moved RENAME TO positions')
      .catch(() => undefined);
    await t?.close();
  });

  it('writes every line as JSON', () => {
    expect(written.length).toBeGreaterThan(0);
    for (const line of written) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('writes a short access line: request id, method and URL, status, time, and the user', async () => {
    await request(t.server as never)
      .get('/positions?orgUnit=ou-logs')
      .set(admin())
      .set('X-Request-Id', 'req-logs-ok')
      .set('User-Agent', 'log-test-agent')
      .expect(200);
    const line = accessLine('/positions?orgUnit=ou-logs');
    expect(line.level).toBe(INFO);
    expect(line.req).toEqual({
      id: 'req-logs-ok',
      method: 'GET',
      url: '/positions?orgUnit=ou-logs',
    });
    expect(line.res).toEqual({ statusCode: 200 });
    expect(line.userId).toBe('u-admin-7');
    expect(typeof line.responseTime).toBe('number');
    const text = JSON.stringify(line);
    // No request headers (the token, the agent) and no response headers.
    expect(text).not.toMatch(/log-test-agent|Bearer|authorization|headers/i);
  });

  it('writes a refusal at warn with its rule, and who was refused', async () => {
    await request(t.server as never)
      .post('/cases')
      .set({ Authorization: `Bearer ${t.token('u-auditor-3', ['auditor'], 'ou-logs')}` })
      .send({})
      .expect(403);
    const refused = accessLine('/cases');
    expect(refused.level).toBe(WARN);
    expect(refused.rule).toBe('role.not_allowed');
    expect(refused.userId).toBe('u-auditor-3');

    await request(t.server as never)
      .get('/org-units?who=nobody')
      .expect(401);
    const anonymous = accessLine('/org-units?who=nobody');
    expect(anonymous.level).toBe(WARN);
    expect(anonymous.rule).toBe('auth.unauthenticated');
    expect(anonymous.userId).toBeUndefined();
  });

  it('writes a server error at error, with the rule and no stack on the access line', async () => {
    await t.db.pool.query('ALTER TABLE positions RENAME TO positions_moved');
    try {
      await request(t.server as never)
        .get('/positions')
        .set(admin())
        .expect(500);
    } finally {
      await t.db.pool.query('ALTER TABLE positions_moved RENAME TO positions');
    }
    const failed = accessLine('/positions');
    expect(failed.level).toBe(ERROR);
    expect(failed.rule).toBe('internal.unexpected');
    expect(failed.res).toEqual({ statusCode: 500 });
    expect(failed.err).toBeUndefined();
  });

  it('writes one line on shutdown with the signal and the uptime', async () => {
    const before = written.length;
    await t.app.close();
    const shutdown = lines()
      .slice(before)
      .filter((line) => /shutting down/.test(line.msg));
    expect(shutdown).toHaveLength(1);
    expect(shutdown[0]).toMatchObject({ level: INFO, signal: null });
    expect(typeof shutdown[0].uptimeSeconds).toBe('number');
    // close() again in afterAll is harmless; drop the database there.
    t.app.close = async () => undefined;
  });
});
