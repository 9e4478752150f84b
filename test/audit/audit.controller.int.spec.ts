import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AuditModule } from '../../src/audit/audit.module';
import { auditHistoryProjection } from '../../src/audit/audit-history.projection';
import { CSV_HEADER } from '../../src/audit/audit-formats';
import { PG_POOL } from '../../src/common/tokens';
import { EVENT_STORE } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { ProjectionsModule } from '../../src/projections/projections.module';
import { ProjectionsService } from '../../src/projections/projections.service';
import { projectionsHealth } from '../../src/projections/projection-health';
import { stalledSince } from '../../src/health/stalled-since';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import {
  dropDatabase,
  eventsHandled,
  readAllVisible,
  waitFor,
} from '../projections/projection-fixtures';
import { AuditScenario, seedAuditScenario } from './audit-fixtures';
import { Global, Module } from '@nestjs/common';

/** Parses our CSV (quoted fields, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return rows;
}

describe('audit HTTP API', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let app: INestApplication;
  let scenario: AuditScenario;

  beforeAll(async () => {
    db = await createTestDatabase('audit_api');
    store = new PostgresEventStore(db.pool);
    scenario = await seedAuditScenario(store);

    @Global()
    @Module({
      providers: [
        { provide: PG_POOL, useValue: db.pool },
        { provide: EVENT_STORE, useValue: store },
      ],
      exports: [PG_POOL, EVENT_STORE],
    })
    class TestInfrastructureModule {}

    const moduleRef = await Test.createTestingModule({
      imports: [
        TestInfrastructureModule,
        ProjectionsModule.register({ projections: [auditHistoryProjection] }),
        AuditModule,
      ],
    }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
    await waitFor(async () => (await eventsHandled(db.pool, 'audit_history')) === 6);
  });
  afterAll(async () => {
    await app?.close();
    await store.close();
    await dropDatabase(db);
  });

  it('GET /cases/:id/history returns the ordered history with actor, correlation and causation', async () => {
    const response = await request(app.getHttpServer())
      .get(`/cases/${scenario.appointmentId}/history`)
      .expect(200);
    expect(response.body.id).toBe(scenario.appointmentId);
    const events = response.body.events as Record<string, unknown>[];
    expect(events.map((e) => e.type)).toEqual([
      'AppointmentCaseOpened',
      'BallotTallied',
      'AppointmentDecided',
    ]);
    expect(events[1]).toMatchObject({
      actorId: 'secretary-2',
      roles: ['ballot_secretary'],
      correlationId: 'corr-ballot',
      causationId: events[0].eventId,
      ruleSet: 'vn-2025',
      revision: 1,
    });
    await request(app.getHttpServer()).get('/cases/no-such-case/history').expect(404);
  });

  it('GET /cases/:id/history.csv gives the same rows as CSV', async () => {
    const response = await request(app.getHttpServer())
      .get(`/cases/${scenario.appointmentId}/history.csv`)
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(response.text.slice(1));
    expect(`${rows[0].join(',')}\r\n`).toBe(CSV_HEADER);
    const column = (name: string): number => rows[0].indexOf(name);
    expect(rows.slice(1).map((r) => r[column('type')])).toEqual([
      'AppointmentCaseOpened',
      'BallotTallied',
      'AppointmentDecided',
    ]);
    expect(rows[2][column('correlationId')]).toBe('corr-ballot');
    // Data travels as one JSON cell, so user text inside it cannot become a spreadsheet formula.
    expect(JSON.parse(rows[3][column('data')]).decision).toBe('=SUM(A1)');
    expect(rows[3][column('data')].startsWith('{')).toBe(true);
  });

  it("GET /cadres/:id/history includes the person's stream and the cases about them", async () => {
    const response = await request(app.getHttpServer())
      .get(`/cadres/${scenario.personId}/history`)
      .expect(200);
    expect(
      response.body.events.map(
        (e: { streamKind: string; type: string }) => `${e.streamKind}:${e.type}`,
      ),
    ).toEqual([
      'cadre:PersonRegistered',
      'appointment:AppointmentCaseOpened',
      'discipline:DisciplineCaseOpened',
      'appointment:BallotTallied',
      'appointment:AppointmentDecided',
    ]);
  });

  it('GET /audit/export streams NDJSON and CSV with every row, filtered by recorded time', async () => {
    const ndjson = await request(app.getHttpServer())
      .get('/audit/export?format=ndjson')
      .expect(200);
    expect(ndjson.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = ndjson.text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
    const stored = await readAllVisible(store, 6);
    expect(lines.map((l) => l.eventId)).toEqual(stored.map((e) => e.id));
    expect(lines.map((l) => l.hash)).toEqual(stored.map((e) => e.hash));

    const csv = await request(app.getHttpServer()).get('/audit/export?format=csv').expect(200);
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(csv.text.slice(1));
    expect(rows).toHaveLength(7);
    expect(rows.slice(1).map((r) => r[0])).toEqual(stored.map((e) => e.id));
    // The quoted finding with a comma and quotes survives the round trip.
    const disciplineRow = rows.find((r) => r.includes('DisciplineCaseOpened'))!;
    expect(JSON.parse(disciplineRow[rows[0].indexOf('data')]).finding).toBe(
      'late asset declaration, "minor"',
    );

    const fourth = stored[3].recordedAt;
    const ranged = await request(app.getHttpServer())
      .get(`/audit/export?from=${encodeURIComponent(fourth)}`)
      .expect(200);
    // Stored times have microseconds, the boundary only milliseconds: events recorded in the same
    // millisecond as the fourth, just before it, are at or after the boundary too.
    const fromFourth = stored.filter((e) => e.recordedAt >= fourth).map((e) => e.id);
    expect(fromFourth).toEqual(expect.arrayContaining(stored.slice(3).map((e) => e.id)));
    expect(
      ranged.text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).eventId),
    ).toEqual(fromFourth);
    const empty = await request(app.getHttpServer())
      .get('/audit/export?format=csv&to=2000-01-01')
      .expect(200);
    expect(empty.text).toBe(`\uFEFF${CSV_HEADER}`);
  });

  it('GET /audit/export reads a day as the whole day in Vietnam and a time without offset as Vietnam time', async () => {
    const stored = await readAllVisible(store, 6);
    const ids = stored.map((e) => e.id);
    const exported = async (query: string) =>
      (await request(app.getHttpServer()).get(`/audit/export?${query}`).expect(200)).text
        .trimEnd()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).eventId);
    // Vietnam time (UTC+7, no daylight saving) of the first event, written without an offset.
    const local = new Date(Date.parse(stored[0].recordedAt) + 7 * 3600 * 1000).toISOString();
    const day = local.slice(0, 10);
    // Before: a day was midnight UTC, exclusive, so from=to=that day gave nothing.
    expect(await exported(`from=${day}&to=${day}`)).toEqual(ids);
    // Before: 20:18 without offset was read as 20:18 UTC, seven hours after the events.
    const minute = local.slice(0, 16);
    expect(await exported(`from=${minute}:00&to=${minute}:59`)).toContain(stored[0].id);
    expect(await exported(`to=${day}`)).toEqual(ids);
    const lastWritten = stored.at(-1)!.recordedAt;
    // A time to the millisecond is taken whole: the event recorded within it counts.
    expect(await exported(`to=${encodeURIComponent(lastWritten)}`)).toEqual(ids);
  });

  it('GET /audit/export refuses bad parameters with a clear message', async () => {
    const bad = await request(app.getHttpServer()).get('/audit/export?format=xml').expect(400);
    expect(bad.body.message).toContain('format must be one of csv, ndjson');
    await request(app.getHttpServer()).get('/audit/export?from=yesterday').expect(400);
    await request(app.getHttpServer())
      .get('/audit/export?from=2026-02-01&to=2026-01-01')
      .expect(400);
  });

  it('GET /audit/verify names the revision altered behind the store', async () => {
    const stream = `appointment-${scenario.appointmentId}`;
    const clean = await request(app.getHttpServer())
      .get(`/audit/verify?stream=${stream}`)
      .expect(200);
    expect(clean.body).toEqual({
      streamId: stream,
      ok: true,
      eventsChecked: 3,
      historyDisagreements: [],
      intact: true,
    });

    await db.pool.query(
      `UPDATE events SET metadata = jsonb_set(metadata, '{actorId}', '"someone-else"') WHERE stream_id = $1 AND revision = 2`,
      [stream],
    );
    const broken = await request(app.getHttpServer())
      .get(`/audit/verify?stream=${stream}`)
      .expect(200);
    expect(broken.body).toMatchObject({
      streamId: stream,
      ok: false,
      brokenAtRevision: 2,
      reasonCode: 'content_mismatch',
      intact: false,
    });

    await request(app.getHttpServer()).get('/audit/verify').expect(400);
    await request(app.getHttpServer()).get('/audit/verify?stream=appointment-nothing').expect(404);
  });

  it('reports projection lag for the health check', async () => {
    const service = app.get(ProjectionsService);
    expect(await service.lags()).toEqual({ audit_history: 0 });
    const health = await projectionsHealth(service, (checkpoint) =>
      stalledSince(db.pool, checkpoint, 30_000),
    ).check();
    expect(health).toMatchObject({
      healthy: true,
      data: { audit_history: { lag: 0 }, needsRebuild: [] },
    });
  });
});
