import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { personDecider } from '../../src/cadres/person/person.decider';
import { loadStream } from '../../src/common/stream-command-runner';
import { DomainEvent } from '../../src/common/stream-decider';
import { loadConfig } from '../../src/config/app-config';
import { disciplineDecider } from '../../src/procedures/discipline/discipline.decider';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { JwtVerifier } from '../../src/identity/jwt-verifier';
import { initialTimerState, evolveTimer } from '../../src/jobs/timers/timer.events';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { readProjectionStatus } from '../../src/projections/projection-status';
import { REGISTERED_PROJECTIONS } from '../../src/projections/registered-projections';
import { caseDecider } from '../../src/procedures/case/decider/case.decider';
import { waitFor } from '../projections/projection-fixtures';
import { TEST_JWT_SECRET } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** An `events` row as today's code (before versioned names) wrote it. */
interface FixtureEvent {
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  contentHash: string;
  hash: string;
  recordedAt: string;
}

interface Fixture {
  orgUnits: { id: string; name: string; kind: string; parent_id: string | null; path: string[] }[];
  positions: Record<string, unknown>[];
  events: FixtureEvent[];
}

/**
 * Rows written by the suites of appointment, re-appointment, rotation and transfer, step deadlines,
 * discipline, the cross-case sagas, reference scope and timers, before stored event names carried
 * their version: every event type of those procedures, the person's record and the timers, with
 * types, data, metadata and hashes exactly as stored.
 */
const fixture = JSON.parse(
  readFileSync(path.join(__dirname, 'fixtures/unversioned-events.json'), 'utf8'),
) as Fixture;

async function loadFixture(db: TestDatabase): Promise<void> {
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    const units = [...fixture.orgUnits].sort((a, b) => a.path.length - b.path.length);
    for (const unit of units)
      await client.query(
        'INSERT INTO org_units (id, name, kind, parent_id, path) VALUES ($1, $2, $3, $4, $5)',
        [unit.id, unit.name, unit.kind, unit.parent_id, unit.path],
      );
    for (const position of fixture.positions)
      await client.query(
        `INSERT INTO positions (id, title, org_unit_id, appointing_authority, rank, is_leadership, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          position.id,
          position.title,
          position.org_unit_id,
          position.appointing_authority,
          position.rank,
          position.is_leadership,
          position.created_at,
        ],
      );
    for (const e of fixture.events)
      await client.query(
        `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, content_hash, hash, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, decode($8, 'hex'), decode($9, 'hex'), $10)`,
        [
          e.streamId,
          e.revision,
          e.eventId,
          e.type,
          e.schemaVersion,
          e.data,
          e.metadata,
          e.contentHash,
          e.hash,
          e.recordedAt,
        ],
      );
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

/** The whole service (no workers: nothing but this test writes) on the loaded database. */
async function startOn(db: TestDatabase): Promise<INestApplication> {
  const config = loadConfig({
    DATABASE_URL: db.url,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    RUN_WORKERS: 'false',
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_PER_USER_PER_MINUTE: '100000',
    QUEUE_PREFIX: `cftest-upgrade-${process.pid}`,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forConfig(config)],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureApp(app, { bodyLimitBytes: config.BODY_LIMIT_BYTES });
  await app.init();
  return app;
}

/** An event the new code's start wrote into the old store. */
interface StartWrite {
  streamId: string;
  type: string;
  data: Record<string, unknown>;
}

const byStream = new Map<string, FixtureEvent[]>();
for (const event of fixture.events)
  byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
const kindOf = (streamId: string) => streamId.slice(0, streamId.indexOf('-'));
const caseStreams = [...byStream.keys()].filter((id) =>
  ['appointment', 'reappointment', 'rotation', 'discipline'].includes(kindOf(id)),
);
const deciderOf = (streamId: string) => {
  switch (kindOf(streamId)) {
    case 'discipline':
      return disciplineDecider;
    case 'cadre':
      return personDecider;
    case 'timer':
      return { initialState: initialTimerState, evolve: evolveTimer };
    default:
      return caseDecider;
  }
};

describe('a database written before stored event names carried their version', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let store: EventStore;
  const verifier = new JwtVerifier({ secret: TEST_JWT_SECRET, maxLifetimeSeconds: 3600 });
  const as = (orgUnit: string) => ({
    Authorization: `Bearer ${verifier.sign({
      userId: 'u-auditor',
      roles: ['admin', 'organization_staff', 'inspector', 'auditor'],
      orgUnit,
    })}`,
  });
  const http = () => request(app.getHttpServer());
  /**
   * What the start itself wrote: the pending step deadlines counted again under today's counting
   * (deadline-basis.ts). The rest of the store is the fixture's, untouched.
   */
  let startWrites: StartWrite[] = [];
  const fixtureIds = new Set(fixture.events.map((e) => e.eventId));
  const writtenTo = (streamId: string) => startWrites.filter((e) => e.streamId === streamId);
  const topUnitOf = (unitId: string) => fixture.orgUnits.find((u) => u.id === unitId)!.path[0];

  beforeAll(async () => {
    db = await createTestDatabase('upgrade');
    await loadFixture(db);
    app = await startOn(db);
    store = app.get<EventStore>(EVENT_STORE);
    const { rows: written } = await db.pool.query<StartWrite & { eventId: string }>(
      `SELECT stream_id AS "streamId", event_id AS "eventId", split_part(type, '.', 1) AS type, data
         FROM events ORDER BY global_position`,
    );
    startWrites = written.filter((e) => !fixtureIds.has(e.eventId));
    // The read models, rebuilt from the first event by the new code.
    const runners = REGISTERED_PROJECTIONS.map(
      (projection) => new ProjectionRunner({ pool: db.pool, store, projection, log: () => {} }),
    );
    for (const runner of runners) await runner.start();
    await waitFor(async () =>
      (await readProjectionStatus(db.pool, REGISTERED_PROJECTIONS)).every((s) => s.lag === 0),
    );
    await Promise.all(runners.map((runner) => runner.stop()));
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('covers every event type of the procedures, discipline, the person’s record and timers', () => {
    const types = new Set(fixture.events.map((e) => e.type));
    expect(types.size).toBeGreaterThanOrEqual(34);
    expect([...types].filter((type) => type.includes('.v'))).toEqual([]);
  });

  it('counts the one stale pending deadline again at the start, and writes nothing else', () => {
    // The Party case's first step, 30 calendar days from 2 Dec 2026, was stored as 1 Jan 2027, a
    // public holiday; counted today it ends on the next working day. Before, discipline cases
    // were never counted again.
    expect(startWrites).toEqual([
      expect.objectContaining({
        streamId: 'discipline-d-b',
        type: 'StepDeadlineRecomputed',
        data: expect.objectContaining({
          stepId: 'verification',
          previousDueOn: '2027-01-01',
          dueOn: '2027-01-04',
        }),
      }),
      expect.objectContaining({ streamId: 'calendar-schedule', type: 'CalendarVersionAdopted' }),
    ]);
  });

  it('folds every stream through the new store to the state its stored events gave', async () => {
    for (const [streamId, events] of byStream) {
      if (kindOf(streamId) === 'caseslot') continue;
      const decider = deciderOf(streamId) as {
        initialState(): unknown;
        evolve(state: unknown, event: DomainEvent): unknown;
      };
      let expected = decider.initialState();
      for (const e of [...events, ...writtenTo(streamId)])
        expected = decider.evolve(expected, { type: e.type, data: e.data });
      const loaded = await loadStream(store, streamId, decider);
      expect({ streamId, state: loaded.state }).toEqual({ streamId, state: expected });
    }
  });

  it('gives the consumers one name per event: the type, never the stored spelling', async () => {
    const all = (await store.readAll('start', { limit: 100000 })).filter((e) =>
      fixtureIds.has(e.id),
    );
    expect(all).toHaveLength(fixture.events.length);
    expect(all.map((e) => e.type)).toEqual(fixture.events.map((e) => e.type));
    const { rows } = await db.pool.query<{ event_type: string }>(
      'SELECT DISTINCT event_type FROM audit_history ORDER BY event_type',
    );
    expect(rows.map((r) => r.event_type)).toEqual(
      [...new Set([...fixture.events, ...startWrites].map((e) => e.type))].sort(),
    );
    const opened = await store.readAll('start', {
      limit: 100000,
      filter: { eventTypes: ['CaseOpened', 'DisciplineCaseOpened'] },
    });
    expect(opened.map((e) => e.streamId).sort()).toEqual([...caseStreams].sort());
  });

  it('serves every case, discipline case and person, the case list and the histories over HTTP', async () => {
    const { rows: summaries } = await db.pool.query<{ stream_id: string; status: string }>(
      'SELECT stream_id, status FROM case_summaries',
    );
    expect(summaries.map((r) => r.stream_id).sort()).toEqual([...caseStreams].sort());
    for (const streamId of caseStreams) {
      const [first] = byStream.get(streamId)!;
      const id = streamId.slice(streamId.indexOf('-') + 1);
      const unit = as(topUnitOf(first.data.orgUnitId as string));
      const discipline = kindOf(streamId) === 'discipline';
      const view = await http()
        .get(discipline ? `/discipline-cases/${id}` : `/cases/${id}`)
        .set(unit);
      expect({ streamId, status: view.status }).toEqual({ streamId, status: 200 });
      expect(view.body.status).toBe(summaries.find((r) => r.stream_id === streamId)!.status);
      const history = await http().get(`/cases/${id}/history`).set(unit).expect(200);
      const types = history.body.events.map((entry: { type: string }) => entry.type);
      expect({ streamId, types }).toEqual({
        streamId,
        types: [...byStream.get(streamId)!, ...writtenTo(streamId)].map((e) => e.type),
      });
    }
    for (const streamId of [...byStream.keys()].filter((id) => kindOf(id) === 'cadre')) {
      const [first] = byStream.get(streamId)!;
      const id = streamId.slice('cadre-'.length);
      await http()
        .get(`/cadres/${id}`)
        .set(as(topUnitOf(first.data.orgUnitId as string)))
        .expect(200);
    }
    const recorded = fixture.events.filter((e) => e.type === 'DisciplineRecorded');
    const { rows: register } = await db.pool.query<{ case_id: string }>(
      'SELECT case_id FROM discipline_records ORDER BY case_id',
    );
    expect(register.map((r) => r.case_id)).toEqual(
      recorded.map((e) => e.data.caseId as string).sort(),
    );
    const { rows: people } = await db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM people',
    );
    expect(people[0].n).toBe([...byStream.keys()].filter((id) => kindOf(id) === 'cadre').length);
  });

  it('verifies every stream’s hash chain and leaves the stored rows as they were', async () => {
    for (const streamId of byStream.keys()) {
      const verified = await store.verifyStream(streamId);
      expect({ streamId, verified }).toEqual({
        streamId,
        verified: {
          ok: true,
          eventsChecked: byStream.get(streamId)!.length + writtenTo(streamId).length,
        },
      });
    }
    const { rows } = await db.pool.query<{ event_id: string; type: string; hash: string }>(
      "SELECT event_id, type, encode(hash, 'hex') AS hash FROM events ORDER BY global_position",
    );
    expect(rows.filter((row) => fixtureIds.has(row.event_id))).toEqual(
      fixture.events.map((e) => ({ event_id: e.eventId, type: e.type, hash: e.hash })),
    );
  });

  it('appends versioned names to an old stream; the mixed stream reads, projects and verifies', async () => {
    const unit = as(topUnitOf('ou-town-party'));
    await http()
      .post('/cases/c-stale/withdraw')
      .set(unit)
      .send({ reason: 'superseded' })
      .expect(200);
    const { rows } = await db.pool.query<{ type: string; schema_version: number }>(
      "SELECT type, schema_version FROM events WHERE stream_id = 'appointment-c-stale' ORDER BY revision",
    );
    expect(rows.at(-1)).toEqual({ type: 'CaseWithdrawn.v1', schema_version: 1 });
    expect(rows.slice(0, -1).map((r) => r.type)).toEqual(
      byStream.get('appointment-c-stale')!.map((e) => e.type),
    );
    const events = await store.readStream('appointment-c-stale');
    expect(events.at(-1)!.type).toBe('CaseWithdrawn');
    expect(await store.verifyStream('appointment-c-stale')).toEqual({
      ok: true,
      eventsChecked: rows.length,
    });
    const view = await http().get('/cases/c-stale').set(unit).expect(200);
    expect(view.body.status).toBe('withdrawn');
  });
});
