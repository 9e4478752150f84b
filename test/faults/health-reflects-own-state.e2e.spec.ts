import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/app-config';
import { ProjectionsService } from '../../src/projections/projections.service';
import { WORKER_LEASES } from '../../src/leases/leases.module';
import { WorkerLeases } from '../../src/leases/worker-leases';
import { waitFor } from '../jobs/support/jobs-harness';
import { startTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';
import { freePort } from './support/private-redis';

/**
 * Two instances share one database and so one row per projection in `projection_checkpoints`.
 * Each answers /health for itself: a broken neighbour does not make a healthy instance 503, and
 * an instance whose own projection fails says so until it recovers.
 */
describe('/health reflects the instance’s own projections', () => {
  let healthy: TestApp;

  beforeAll(async () => {
    healthy = await startTestApp('faults_health', { RUN_WORKERS: 'true' });
  });
  afterAll(async () => {
    await healthy?.close();
  });

  const health = () => request(healthy.server as never).get('/health');
  const staff = () => ({
    Authorization: `Bearer ${healthy.token('u-staff', ['organization_staff', 'admin'], 'ou-faults')}`,
  });

  it('stays 200 while another instance on the same database cannot reach its event store', async () => {
    expect((await health()).status).toBe(200);
    // Started as the issue describes: a wrong event store URL (nothing listens there).
    const config = loadConfig({
      DATABASE_URL: healthy.db.url,
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_URL: `kurrentdb://127.0.0.1:${await freePort()}?tls=false`,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'silent',
      RUN_WORKERS: 'true',
      QUEUE_PREFIX: healthy.queuePrefix,
    });
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forConfig(config)],
    }).compile();
    const broken: INestApplication = moduleRef.createNestApplication({ logger: false });
    // The healthy instance holds every worker lease; drained, it lets the broken one run them.
    const leases = healthy.app.get<WorkerLeases>(WORKER_LEASES);
    await leases.pause();
    try {
      await broken.init().catch(() => undefined);
      const projections = broken.get(ProjectionsService);
      await waitFor(
        async () => [...projections.ownFailures().values()].some((failure) => failure !== null),
        'the broken instance’s projection runners to fail',
        30_000,
      );
      // The broken instance knows it is failing; the healthy one is not told so.
      const answer = await health();
      expect(answer.status).toBe(200);
      expect(JSON.stringify(answer.body.details.projections)).not.toMatch(/failing/);
      const shared = await healthy.db.pool.query(
        'SELECT name FROM projection_checkpoints WHERE last_error IS NOT NULL',
      );
      expect(shared.rows).toEqual([]);
    } finally {
      await broken.close().catch(() => undefined);
      leases.resume();
    }
  });

  it('is 503 naming the failure while its own projection fails, and 200 again once it recovers', async () => {
    // The projection's own write fails (a constraint its row breaks); reads of the table still work,
    // as opening a case needs them.
    await healthy.db.pool.query(
      "ALTER TABLE case_summaries ADD CONSTRAINT projection_write_fails CHECK (case_id <> 'c-faults-health') NOT VALID",
    );
    let restored = false;
    try {
      await request(healthy.server as never)
        .post('/org-units')
        .set(staff())
        .send({ id: 'ou-faults', name: 'Xã Sự Cố', kind: 'commune' })
        .expect(201);
      await request(healthy.server as never)
        .post('/cadres')
        .set(staff())
        .send({
          id: 'p-faults-health',
          fullName: 'Người Kiểm Tra',
          dateOfBirth: '1985-01-02',
          gender: 'female',
          ethnicity: 'Kinh',
          partyMember: true,
          educationLevel: 'Thạc sĩ',
          politicalTheoryLevel: 'Cao cấp',
          orgUnitId: 'ou-faults',
        })
        .expect(201);
      await request(healthy.server as never)
        .post('/positions')
        .set(staff())
        .send({
          id: 'pos-faults',
          title: 'Chủ tịch',
          orgUnitId: 'ou-faults',
          appointingAuthority: 'ou-faults',
          rank: 3,
        })
        .expect(201);
      await request(healthy.server as never)
        .post('/cases')
        .set(staff())
        .send({
          id: 'c-faults-health',
          procedure: 'appointment',
          definition: 'appointment.internal',
          personId: 'p-faults-health',
          positionId: 'pos-faults',
          orgUnitId: 'ou-faults',
          summary: 'Bổ nhiệm',
        })
        .expect(201);
      const failing = await waitFor(
        async () => {
          const response = await health();
          return response.status === 503 ? response : undefined;
        },
        '/health to report the failing projection',
        30_000,
      );
      expect(failing.body.details.projections.status).toBe('down');
      expect(failing.body.details.projections.case_summaries.failing).toMatch(/case_summaries/);

      await healthy.db.pool.query(
        'ALTER TABLE case_summaries DROP CONSTRAINT IF EXISTS projection_write_fails',
      );
      restored = true;
      const recovered = await waitFor(
        async () => {
          const response = await health();
          // 200 comes back as soon as the projection stops failing, with its lag still counted
          // down as it catches up; the test waits for both.
          return response.status === 200 &&
            response.body.details.projections.case_summaries?.lag === 0
            ? response
            : undefined;
        },
        '/health to be 200 once the projection caught up',
        60_000,
      );
      expect(recovered.body.details.projections.case_summaries).toMatchObject({ lag: 0 });
      expect(recovered.body.details.projections.case_summaries.failing).toBeUndefined();
    } finally {
      if (!restored)
        await healthy.db.pool
          .query('ALTER TABLE case_summaries DROP CONSTRAINT IF EXISTS projection_write_fails')
          .catch(() => undefined);
    }
  });
});
