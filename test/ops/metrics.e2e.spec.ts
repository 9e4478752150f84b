import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Client, Pool } from 'pg';
import request from 'supertest';
import { PG_POOL } from '../../src/common/tokens';
import { startTestApp, TestApp } from '../support/test-app';

const METRICS_TOKEN = 'metrics-token-for-the-e2e-suite';

/** The value of one sample line of a Prometheus text exposition, or undefined. */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').slice(1, -1).split(',');
    if (wanted.every((label) => present.includes(label))) return Number(match[3]);
  }
  return undefined;
}

/** `/metrics` as Prometheus reads it: who may scrape, and what moves when the service works. */
describe('GET /metrics', () => {
  let t: TestApp;
  const scrape = async (): Promise<string> => {
    const answer = await request(t.server as never)
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    return answer.text;
  };
  const staff = () => ({
    Authorization: `Bearer ${t.token('u-staff', ['organization_staff', 'admin'], 'ou-metrics')}`,
  });

  beforeAll(async () => {
    t = await startTestApp('ops_metrics', { RUN_WORKERS: 'true', METRICS_TOKEN });
  });
  afterAll(() => t?.close());

  it('refuses a caller without a token (401) and one without the admin role (403), as problems', async () => {
    const anonymous = await request(t.server as never)
      .get('/metrics')
      .expect(401);
    expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(anonymous.body.rule).toBe('auth.unauthenticated');
    const wrong = await request(t.server as never)
      .get('/metrics')
      .set('Authorization', 'Bearer not-the-metrics-token-and-not-a-jwt')
      .expect(401);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    const staffOnly = await request(t.server as never)
      .get('/metrics')
      .set('Authorization', `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-metrics')}`)
      .expect(403);
    expect(staffOnly.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(staffOnly.body.rule).toBe('role.not_allowed');
  });

  it('answers METRICS_TOKEN and an admin token in the Prometheus text format', async () => {
    const byToken = await request(t.server as never)
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    expect(byToken.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(byToken.text).toMatch(/# TYPE cadreflow_http_request_duration_seconds histogram/);
    const admin = { Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-metrics-top')}` };
    // An admin's grant counts once its unit is in the registry, as on every route.
    const unknown = await request(t.server as never)
      .get('/metrics')
      .set(admin)
      .expect(403);
    expect(unknown.body.rule).toBe('scope.unknown_unit');
    await request(t.server as never)
      .post('/org-units')
      .set(admin)
      .send({ id: 'ou-metrics-top', name: 'Tỉnh Đo Lường', kind: 'province' })
      .expect(201);
    await request(t.server as never)
      .get('/metrics')
      .set(admin)
      .expect(200);
    // An admin of a unit below the top reads none of the whole service's figures (before: 200,
    // every unit's queue jobs and lags).
    await request(t.server as never)
      .post('/org-units')
      .set(admin)
      .send({
        id: 'ou-metrics-ward',
        name: 'Phường Đo Lường',
        kind: 'ward',
        parentId: 'ou-metrics-top',
      })
      .expect(201);
    const below = await request(t.server as never)
      .get('/metrics')
      .set({ Authorization: `Bearer ${t.token('u-ward-admin', ['admin'], 'ou-metrics-ward')}` })
      .expect(403);
    expect(below.body.rule).toBe('scope.top_level_only');
  });

  it("moves a request's histogram under its route template, never its raw URL", async () => {
    // Refused (the grant's unit is not registered yet): the answer is the route's all the same.
    const labels = { method: 'GET', route: '/org-units/:id', status: '403' };
    const before =
      sample(await scrape(), 'cadreflow_http_request_duration_seconds_count', labels) ?? 0;
    for (const id of ['ou-nowhere-1', 'ou-nowhere-2', 'ou-nowhere-3'])
      await request(t.server as never)
        .get(`/org-units/${id}`)
        .set(staff())
        .expect(403);
    const text = await scrape();
    expect(sample(text, 'cadreflow_http_request_duration_seconds_count', labels)).toBe(before + 3);
    expect(text).not.toMatch(/ou-nowhere/);
  });

  it('times appends and counts the statements of group commit', async () => {
    // Under the province the test above registered: a unit of its own beside it is a new
    // registry's first unit only.
    await request(t.server as never)
      .post('/org-units')
      .set({ Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-metrics-top')}` })
      .send({ id: 'ou-metrics', name: 'Xã Đo Lường', kind: 'commune', parentId: 'ou-metrics-top' })
      .expect(201);
    await request(t.server as never)
      .post('/cadres')
      .set(staff())
      .send({
        id: 'p-metrics',
        fullName: 'Người Đo',
        dateOfBirth: '1985-01-02',
        gender: 'female',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'Thạc sĩ',
        politicalTheoryLevel: 'Cao cấp',
        orgUnitId: 'ou-metrics',
      })
      .expect(201);
    const text = await scrape();
    expect(
      sample(text, 'cadreflow_event_store_append_duration_seconds_count', { outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'cadreflow_event_store_appended_events_total')).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'cadreflow_event_store_group_commit_appends_count', { streams: 'new' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'cadreflow_event_store_group_commit_events_sum', { streams: 'new' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('reads projection and saga lag, timers, queue jobs, dead letters and the pool at scrape time', async () => {
    const text = await scrape();
    for (const projection of ['audit_history', 'case_summaries', 'people'])
      expect(
        sample(text, 'cadreflow_projection_lag_events', { projection }),
      ).toBeGreaterThanOrEqual(0);
    expect(text).toMatch(/^cadreflow_saga_lag_events\{saga="[a-z0-9-]+"\} \d+$/m);
    expect(text).toMatch(/^cadreflow_projection_failing\{projection="people"\} 0$/m);
    expect(sample(text, 'cadreflow_timers', { state: 'pending' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'cadreflow_timers', { state: 'without_job' })).toBe(0);
    expect(sample(text, 'cadreflow_queue_jobs', { state: 'delayed' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'cadreflow_pg_pool_clients', { state: 'total' })).toBeGreaterThanOrEqual(1);
    // Read before the other gauges' queries are queued: the scrape does not count itself.
    expect(sample(text, 'cadreflow_pg_pool_clients', { state: 'waiting' })).toBe(0);
    expect(text).toMatch(/# TYPE cadreflow_dead_letters gauge/);
    expect(text).toMatch(/^cadreflow_process_cpu_seconds_total /m);
  });

  it('counts the pool connections opened and closed: a terminated backend is one closed', async () => {
    const pool = t.app.get<Pool>(PG_POOL);
    const closed = async () =>
      sample(await scrape(), 'cadreflow_pg_pool_connections_total', { event: 'closed' });
    const before = await closed();
    expect(before).toBeDefined();
    const sleeping = pool.query('SELECT pg_sleep(5) /* metrics: to be terminated */');
    sleeping.catch(() => undefined);
    const admin = new Client({ connectionString: t.db.url });
    await admin.connect();
    try {
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const { rowCount } = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE query LIKE 'SELECT pg_sleep(5) /* metrics: to be terminated */%' AND pid <> pg_backend_pid()`,
        );
        if (rowCount) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await admin.end();
    }
    await expect(sleeping).rejects.toMatchObject({ code: '57P01' });
    // pg-pool counts a connection as removed once it has ended, a moment after the failure.
    let after = await closed();
    for (let attempt = 0; attempt < 100 && after! <= before!; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      after = await closed();
    }
    expect(after).toBeGreaterThanOrEqual(before! + 1);
    const text = await scrape();
    expect(
      sample(text, 'cadreflow_pg_pool_connections_total', { event: 'opened' }),
    ).toBeGreaterThanOrEqual(sample(text, 'cadreflow_pg_pool_clients', { state: 'total' })!);
  });

  it('shows lag falling to 0 once the projections and sagas have handled the events', async () => {
    const caughtUp = async () => {
      const text = await scrape();
      const sagaLags = [...text.matchAll(/^cadreflow_saga_lag_events\{saga="[^"]+"\} (\d+)$/gm)];
      return (
        sagaLags.length > 0 &&
        sagaLags.every((line) => line[1] === '0') &&
        ['audit_history', 'people'].every(
          (projection) => sample(text, 'cadreflow_projection_lag_events', { projection }) === 0,
        )
      );
    };
    const started = Date.now();
    while (!(await caughtUp())) {
      if (Date.now() - started > 30_000) throw new Error('projections did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it('serves every metric the sample Grafana dashboard (docker/grafana-dashboard.json) queries', async () => {
    const dashboard = readFileSync(
      path.resolve(__dirname, '../../docker/grafana-dashboard.json'),
      'utf8',
    );
    const queried = new Set(
      [...dashboard.matchAll(/\bcadreflow_[a-z0-9_]+/g)]
        .map((match) => match[0].replace(/_(bucket|count|sum)$/, ''))
        .filter((name) => name !== 'cadreflow_overview'),
    );
    expect(queried.size).toBeGreaterThan(10);
    const text = await scrape();
    const served = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((match) => match[1]));
    expect([...queried].filter((name) => !served.has(name))).toEqual([]);
  });
});
