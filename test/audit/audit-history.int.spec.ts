import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { AuditHistoryQueries } from '../../src/audit/audit-history.queries';
import { auditHistoryProjection } from '../../src/audit/audit-history.projection';
import {
  describeCheck,
  postgresStreamIds,
  StreamCheck,
  verifyStreams,
} from '../../src/audit/audit-verification';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { rebuildProjection } from '../../src/projections/projection-rebuild';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { dropDatabase, eventsHandled, waitFor } from '../projections/projection-fixtures';
import { AuditScenario, caseEvent, seedAuditScenario } from './audit-fixtures';

describe('audit history (projection, queries, verification)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let queries: AuditHistoryQueries;
  let scenario: AuditScenario;

  beforeAll(async () => {
    db = await createTestDatabase('audit_history');
    store = new PostgresEventStore(db.pool);
    queries = new AuditHistoryQueries(db.pool);
    scenario = await seedAuditScenario(store);
    const runner = new ProjectionRunner({
      pool: db.pool,
      store,
      projection: auditHistoryProjection,
    });
    await runner.start();
    await waitFor(async () => (await eventsHandled(db.pool, 'audit_history')) === 6);
    await runner.stop();
  });
  afterAll(async () => {
    await store.close();
    await dropDatabase(db);
  });

  it("orders a case's history and keeps actor, roles, rule version, correlation and causation", async () => {
    const history = await queries.caseHistory(scenario.appointmentId);
    expect(history.map((e) => [e.revision, e.type])).toEqual([
      [0, 'AppointmentCaseOpened'],
      [1, 'BallotTallied'],
      [2, 'AppointmentDecided'],
    ]);
    const [opened, tallied, decided] = history;
    expect(tallied).toMatchObject({
      streamId: `appointment-${scenario.appointmentId}`,
      streamKind: 'appointment',
      streamKey: scenario.appointmentId,
      actorId: 'secretary-2',
      roles: ['ballot_secretary'],
      orgUnit: 'ou-province',
      definitionVersion: 'appointment-internal@1',
      ruleSet: 'vn-2025',
      correlationId: 'corr-ballot',
      causationId: opened.eventId,
      occurredAt: '2026-03-10T03:00:00.000Z',
      personId: scenario.personId,
      data: { personId: scenario.personId, present: 9, for: 7, against: 1, abstain: 1, invalid: 0 },
    });
    expect(opened.causationId).toBeNull();
    expect(decided.causationId).toBe('cmd-decide-1');
    expect(history.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    expect(opened.sequence).toBeLessThan(tallied.sequence);
    const stored = await store.readStream(`appointment-${scenario.appointmentId}`);
    expect(history.map((e) => e.hash)).toEqual(stored.map((e) => e.hash));
  });

  it('finds a discipline case by its id like any other case', async () => {
    const history = await queries.caseHistory(scenario.disciplineId);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      streamKind: 'discipline',
      actorId: 'inspector-7',
      definitionVersion: 'discipline-party@2',
    });
  });

  it("gives a person's stream plus the cases about them, in global order", async () => {
    const history = await queries.personHistory(scenario.personId);
    expect(history.map((e) => e.type)).toEqual([
      'PersonRegistered',
      'AppointmentCaseOpened',
      'DisciplineCaseOpened',
      'BallotTallied',
      'AppointmentDecided',
    ]);
    const sequences = history.map((e) => e.sequence);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    expect(await queries.personHistory('nobody')).toEqual([]);
  });

  it('a rebuild from 0 yields the same rows as live processing', async () => {
    const before = (await db.pool.query('SELECT * FROM audit_history ORDER BY sequence')).rows;
    const result = await rebuildProjection({
      pool: db.pool,
      store,
      projection: auditHistoryProjection,
      batchSize: 4,
    });
    expect(result.eventsHandled).toBe(6);
    const after = (await db.pool.query('SELECT * FROM audit_history ORDER BY sequence')).rows;
    expect(after).toEqual(before);
    const { rows: indexes } = await db.pool.query(
      "SELECT indexname FROM pg_indexes WHERE tablename = 'audit_history' ORDER BY indexname",
    );
    expect(indexes.map((row) => row.indexname)).toEqual([
      'audit_history_by_person',
      'audit_history_by_recorded_at',
      'audit_history_by_stream_key',
      'audit_history_pkey',
      'audit_history_registration_moves',
      'audit_history_sequence_unique',
    ]);
  });

  it('verification names the revision whose stored content was altered', async () => {
    const stream = `appointment-${scenario.appointmentId}`;
    const checks: StreamCheck[] = [];
    const clean = await verifyStreams(store, postgresStreamIds(db.pool), (check) =>
      checks.push(check),
    );
    expect(clean).toEqual({ checked: 4, broken: [] });

    // An insider edits a ballot tally directly in the database.
    await db.pool.query(
      `UPDATE events SET data = jsonb_set(data, '{for}', '9') WHERE stream_id = $1 AND revision = 1`,
      [stream],
    );
    const tampered = await verifyStreams(store, postgresStreamIds(db.pool, 2), () => {});
    expect(tampered.checked).toBe(4);
    expect(tampered.broken).toEqual([
      expect.objectContaining({ streamId: stream, ok: false, brokenAtRevision: 1 }),
    ]);
    expect(describeCheck(tampered.broken[0])).toContain(`${stream}: BROKEN at revision 1`);
    await db.pool.query(
      `UPDATE events SET data = jsonb_set(data, '{for}', '7') WHERE stream_id = $1 AND revision = 1`,
      [stream],
    );
  });

  it('keeps text that COPY and array literals treat specially exactly as it was stored', async () => {
    const awkward =
      'tab\there, line\nbreak\r\n back\\slash \\N "quoted" {braces}, NULL ; DROP TABLE x; -- Đắk Lắk 🇻🇳';
    const caseId = randomUUID();
    await store.append(
      `appointment-${caseId}`,
      [
        caseEvent(
          'NoteRecorded',
          { note: awkward, nested: { list: [awkward, null, 1.5] } },
          { actorId: awkward, roles: ['a,b', '{x}', '"q"', 'back\\slash', 'NULL', ''] },
        ),
      ],
      { expectedRevision: 'no_stream' },
    );
    const runner = new ProjectionRunner({
      pool: db.pool,
      store,
      projection: auditHistoryProjection,
    });
    await runner.start();
    await waitFor(async () => (await eventsHandled(db.pool, 'audit_history')) === 7);
    await runner.stop();
    const [entry] = await queries.caseHistory(caseId);
    expect(entry).toMatchObject({
      actorId: awkward,
      roles: ['a,b', '{x}', '"q"', 'back\\slash', 'NULL', ''],
      data: { note: awkward, nested: { list: [awkward, null, 1.5] } },
    });
  });
});
