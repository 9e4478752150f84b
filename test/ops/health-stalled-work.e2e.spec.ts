import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/app-config';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { JobsRuntime } from '../../src/jobs/jobs-runtime';
import { anEvent } from '../event-store/event-store.contract';
import { waitFor } from '../jobs/support/jobs-harness';
import { startTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';
import { DescribedSchema, undescribedFields } from '../support/undescribed-fields';

const METRICS_TOKEN = 'metrics-token-for-the-stalled-work-suite';

interface ProjectionHealth {
  lag: number;
  stalledSince?: string;
}

/**
 * Work nobody does: an API-only instance (RUN_WORKERS=false) up alone, or a worker instance
 * wedged. The API keeps writing events and answering from read models that no longer move; its
 * `/health` must say so, from the shared checkpoints, once they have stood still past the
 * threshold (here 1 s, HEALTH_STALLED_AFTER_MS), and be well again once a worker catches up.
 */
describe('/health when no instance runs the work', () => {
  let api: TestApp;
  const admin = () => ({
    Authorization: `Bearer ${api.token('u-admin', ['organization_staff', 'admin'], 'ou-stalled')}`,
  });
  const health = () => request(api.server as never).get('/health');

  /** The fields of a /health answer that /docs (and the web client generated from it) omit. */
  async function undescribed(answer: request.Response): Promise<string[]> {
    const doc = (
      await request(api.server as never)
        .get('/docs-json')
        .expect(200)
    ).body as {
      paths: Record<string, { get: { responses: Record<string, { content?: object }> } }>;
      components: { schemas: Record<string, DescribedSchema> };
    };
    const media = answer.status === 200 ? 'application/json' : 'application/problem+json';
    const content = doc.paths['/health'].get.responses[answer.status]?.content as
      Record<string, { schema: DescribedSchema }> | undefined;
    const schema = content?.[media]?.schema;
    if (!schema) return [`(no ${media} schema for ${answer.status})`];
    return undescribedFields(answer.body, schema, doc.components.schemas);
  }

  beforeAll(async () => {
    api = await startTestApp('ops_health_stalled', {
      RUN_WORKERS: 'false',
      HEALTH_STALLED_AFTER_MS: '1000',
      METRICS_TOKEN,
    });
  });
  afterAll(() => api?.close());

  /** An instance that runs the projections, sagas and timers on the same database and queue. */
  async function startWorker(): Promise<INestApplication> {
    const config = loadConfig({
      DATABASE_URL: api.db.url,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'silent',
      RUN_WORKERS: 'true',
      QUEUE_PREFIX: api.queuePrefix,
    });
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forConfig(config)],
    }).compile();
    const worker = moduleRef.createNestApplication({ logger: false });
    await worker.init();
    return worker;
  }

  it('is 503 naming each projection left behind, how far and since when, and 200 once a worker has caught up', async () => {
    await request(api.server as never)
      .post('/org-units')
      .set(admin())
      .send({ id: 'ou-stalled', name: 'Xã Đứng Yên', kind: 'commune' })
      .expect(201);
    await request(api.server as never)
      .post('/cadres')
      .set(admin())
      .send({
        id: 'p-stalled',
        fullName: 'Người Chờ Đợi',
        dateOfBirth: '1985-01-02',
        gender: 'female',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'Thạc sĩ',
        politicalTheoryLevel: 'Cao cấp',
        orgUnitId: 'ou-stalled',
      })
      .expect(201);
    const written = new Date();

    const stalled = await waitFor(async () => {
      const answer = await health();
      // Each projection's stall is judged at its own query's moment: wait for the one looked at.
      return answer.body.details?.projections?.case_summaries?.stalledSince ? answer : undefined;
    }, 'the API-only instance to call its projections stalled');
    expect(stalled.status).toBe(503);
    expect(stalled.body.rule).toBe('service.unavailable');
    expect(stalled.body.detail).toMatch(
      /projections \(projections\) is down: projection stalled: .*case_summaries \d+ events behind, not moved since/,
    );
    const projections = stalled.body.details.projections as Record<string, unknown>;
    expect(projections.status).toBe('down');
    const caseSummaries = projections.case_summaries as ProjectionHealth;
    expect(caseSummaries.lag).toBeGreaterThan(0);
    expect(new Date(caseSummaries.stalledSince!).getTime()).toBeLessThanOrEqual(written.getTime());
    expect(stalled.body.down).toContain('projections');
    expect(await undescribed(stalled)).toEqual([]);

    const worker = await startWorker();
    try {
      const recovered = await waitFor(async () => {
        const answer = await health();
        const caseSummaries = answer.body.details?.projections?.case_summaries as
          ProjectionHealth | undefined;
        return answer.status === 200 && caseSummaries?.lag === 0 ? answer : undefined;
      }, 'the projections to catch up on the worker instance, as the API-only one sees them');
      const caughtUp = recovered.body.details.projections.case_summaries as ProjectionHealth;
      expect(caughtUp.lag).toBe(0);
      expect(caughtUp.stalledSince).toBeUndefined();
      expect(recovered.body.details.sagas.status).toBe('up');
      expect(recovered.body.details.timers).toMatchObject({ status: 'up', overdue: 0 });
      expect(await undescribed(recovered)).toEqual([]);
    } finally {
      await worker.close();
    }
  });

  it('names a projection whose rows an older version built, on /health (still 200) and on /metrics', async () => {
    const before = await health().expect(200);
    expect(before.body.details.projections.needsRebuild).toEqual([]);
    await api.db.pool.query(
      "UPDATE projection_checkpoints SET version = version - 1 WHERE name = 'case_summaries'",
    );
    const after = await health().expect(200);
    expect(after.body.details.projections.needsRebuild).toEqual(['case_summaries']);
    expect(await undescribed(after)).toEqual([]);
    const metrics = await request(api.server as never)
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    expect(metrics.text).toMatch(
      /^cadreflow_projection_needs_rebuild\{projection="case_summaries"\} 1$/m,
    );
    expect(metrics.text).toMatch(
      /^cadreflow_projection_needs_rebuild\{projection="audit_history"\} 0$/m,
    );
  });

  it('is 503 naming a saga whose events wait with its checkpoint standing still', async () => {
    // An event on a discipline case's stream, which the discipline record saga subscribes to.
    await api.app
      .get<EventStore>(EVENT_STORE)
      .append('discipline-c-nobody-runs', [anEvent()], { expectedRevision: 'no_stream' });
    const stalled = await waitFor(async () => {
      const answer = await health();
      return answer.body.details?.sagas?.['discipline-record'] ? answer : undefined;
    }, 'the API-only instance to call the discipline record saga stalled');
    expect(stalled.status).toBe(503);
    expect(stalled.body.down).toContain('sagas');
    expect(stalled.body.details.sagas['discipline-record']).toEqual({
      lag: 1,
      stalledSince: expect.any(String),
    });
    expect(stalled.body.detail).toMatch(
      /sagas \(sagas\) is down: saga stalled: .*discipline-record 1 events behind, not moved since/,
    );
    expect(await undescribed(stalled)).toEqual([]);
  });

  it('is 503 naming the timers not fired past their time while no instance runs the timer worker', async () => {
    const jobs = api.app.get(JobsRuntime);
    await jobs.scheduler.schedule(
      {
        kind: 'step-deadline',
        dueAt: new Date(Date.now() - 60_000),
        target: 'appointment-c-nobody-runs',
        payload: { stepId: 'vetting' },
        cause: 'health-overdue-timer',
      },
      { actorId: 'system', correlationId: 'health-overdue-timer', causationId: null },
    );
    const overdue = await waitFor(async () => {
      const answer = await health();
      return answer.body.details?.timers?.overdue === 1 ? answer : undefined;
    }, 'the API-only instance to call the timer overdue');
    expect(overdue.status).toBe(503);
    expect(overdue.body.down).toContain('timers');
    expect(overdue.body.detail).toMatch(/timers \(timers\) is down: 1 timers not fired, due since/);
    expect(await undescribed(overdue)).toEqual([]);
  });
});
