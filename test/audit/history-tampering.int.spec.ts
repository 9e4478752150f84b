import { Global, INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AuditModule } from '../../src/audit/audit.module';
import { auditHistoryProjection } from '../../src/audit/audit-history.projection';
import {
  describeDisagreement,
  wholeStoreHistoryDisagreements,
} from '../../src/audit/history-agreement';
import { PG_POOL } from '../../src/common/tokens';
import { EVENT_STORE } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { ProjectionsModule } from '../../src/projections/projections.module';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { dropDatabase, eventsHandled, waitFor } from '../projections/projection-fixtures';
import { AuditScenario, seedAuditScenario } from './audit-fixtures';

/**
 * A database administrator edits the audit history TABLE behind the service (the store's events
 * left alone): a line's actor and data changed with its hash kept, a line deleted, a line forged
 * with no event behind it. Before, the verification compared the hash column only, took a
 * missing line for "not yet projected" and walked the store's events only: all three passed.
 */
describe('the audit history table changed behind the service', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let app: INestApplication;
  let scenario: AuditScenario;
  const verify = (stream: string) =>
    request(app.getHttpServer()).get(`/audit/verify?stream=${stream}`).expect(200);
  const lineOf = async (stream: string, revision: number) =>
    (
      await db.pool.query('SELECT * FROM audit_history WHERE stream_id = $1 AND revision = $2', [
        stream,
        revision,
      ])
    ).rows[0];

  beforeAll(async () => {
    db = await createTestDatabase('history_tampering');
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

  it('agrees before anything is changed', async () => {
    const stream = `appointment-${scenario.appointmentId}`;
    expect((await verify(stream)).body).toMatchObject({ intact: true, historyDisagreements: [] });
    expect(await wholeStoreHistoryDisagreements(db.pool, store)).toEqual([]);
  });

  it('names a line whose actor and data were edited with its hash left alone (was intact)', async () => {
    const stream = `appointment-${scenario.appointmentId}`;
    const line = await lineOf(stream, 2);
    await db.pool.query(
      `UPDATE audit_history SET actor_id = 'ke-mao-danh',
              data = jsonb_set(data, '{number}', '"999-QĐ/GIA"') WHERE event_id = $1`,
      [line.event_id],
    );
    const checked = await verify(stream);
    expect(checked.body.intact).toBe(false);
    expect(checked.body.historyDisagreements).toEqual([
      {
        code: 'history_disagrees',
        streamId: stream,
        revision: 2,
        eventId: line.event_id,
        historyHash: line.hash,
        storeHash: line.hash,
        // The store's content still gives the history's hash: the line was changed.
        storeContentHash: line.hash,
        columns: ['actor_id', 'data'],
      },
    ]);
  });

  it('names a line deleted below the projection’s checkpoint (was "not yet projected")', async () => {
    const stream = `discipline-${scenario.disciplineId}`;
    const line = await lineOf(stream, 0);
    await db.pool.query('DELETE FROM audit_history WHERE event_id = $1', [line.event_id]);
    const checked = await verify(stream);
    expect(checked.body.intact).toBe(false);
    expect(checked.body.historyDisagreements).toEqual([
      {
        code: 'history_line_missing',
        streamId: stream,
        revision: 0,
        eventId: line.event_id,
        historyHash: null,
        storeHash: line.hash,
        storeContentHash: line.hash,
        columns: [],
      },
    ]);
  });

  it("names an event whose recorded_at was moved back 400 days in the store alone: the history's copy of it", async () => {
    const stream = `cadre-${scenario.personId}`;
    await db.pool.query(
      `UPDATE events SET recorded_at = recorded_at - interval '400 days' WHERE stream_id = $1`,
      [stream],
    );
    const checked = await verify(stream);
    // The chain does not cover recorded_at: only the history's copy shows the change.
    expect(checked.body).toMatchObject({ ok: true, intact: false });
    expect(checked.body.historyDisagreements).toMatchObject([
      { code: 'history_disagrees', revision: 0, columns: ['recorded_at'] },
    ]);
    // recorded_at is in no hash: which side was changed cannot be told (before: "the history's
    // line was changed", when it was the store's).
    const line = describeDisagreement(checked.body.historyDisagreements[0]);
    expect(line).toMatch(
      /\(differs in recorded_at\): audit history hash [0-9a-f]{64}, which the store's content still gives: the store's recorded_at and the history's differ; recorded_at is outside the hash chain, so which was changed cannot be told$/,
    );
    expect(line).not.toContain("the history's line was changed");
    await db.pool.query(
      `UPDATE events SET recorded_at = recorded_at + interval '400 days' WHERE stream_id = $1`,
      [stream],
    );
  });

  it("gives the hash the store's content gives now beside a line whose event's data was edited in the store alone", async () => {
    const stream = `cadre-${scenario.personId}`;
    const line = await lineOf(stream, 0);
    await db.pool.query(
      `UPDATE events SET data = jsonb_set(data, '{name}', '"Nguyễn Văn B"') WHERE event_id = $1`,
      [line.event_id],
    );
    try {
      const checked = await verify(stream);
      const [found] = checked.body.historyDisagreements;
      expect(found).toMatchObject({ revision: 0, columns: ['data'], historyHash: line.hash });
      // Before: only storeHash, the stored column, the same value as the history's (the screen
      // read "lịch sử kiểm toán ghi mã băm eaa94d…, kho sự kiện ghi eaa94d…").
      expect(found.storeHash).toBe(line.hash);
      expect(found.storeContentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(found.storeContentHash).not.toBe(line.hash);
    } finally {
      await db.pool.query(
        `UPDATE events SET data = jsonb_set(data, '{name}', '"Nguyễn Văn A"') WHERE event_id = $1`,
        [line.event_id],
      );
    }
  });

  it('the whole-store check names lines forged with no event behind them (was missed), with the rest', async () => {
    const other = `appointment-${scenario.otherCaseId}`;
    const forge = (eventId: string, streamId: string, revision: number, sequence: number) =>
      db.pool.query(
        `INSERT INTO audit_history
           SELECT $1, $4, global_position, $2, stream_kind, substr($2, strpos($2, '-') + 1), $3, event_type,
                  schema_version, actor_id, roles, org_unit, definition_version, rule_set,
                  occurred_at, recorded_at, correlation_id, causation_id, hash, person_id, data
             FROM audit_history WHERE stream_id = $5 AND revision = 0`,
        [eventId, streamId, revision, sequence, other],
      );
    await forge('forged-in-a-case', other, 1, 901);
    await forge('forged-in-no-stream', 'appointment-ghost', 0, 902);
    const found = await wholeStoreHistoryDisagreements(db.pool, store);
    expect(
      found.map(({ code, streamId, revision, eventId, storeHash }) => ({
        code,
        streamId,
        revision,
        eventId,
        storeHash,
      })),
    ).toEqual(
      [
        {
          code: 'history_disagrees',
          streamId: `appointment-${scenario.appointmentId}`,
          revision: 2,
          eventId: expect.any(String),
          storeHash: expect.any(String),
        },
        {
          code: 'history_disagrees',
          streamId: other,
          revision: 1,
          eventId: 'forged-in-a-case',
          storeHash: null,
        },
        {
          code: 'history_disagrees',
          streamId: 'appointment-ghost',
          revision: 0,
          eventId: 'forged-in-no-stream',
          storeHash: null,
        },
        {
          code: 'history_line_missing',
          streamId: `discipline-${scenario.disciplineId}`,
          revision: 0,
          eventId: expect.any(String),
          storeHash: expect.any(String),
        },
      ].sort((a, b) => a.streamId.localeCompare(b.streamId)),
    );
    expect(found.map(describeDisagreement).join('\n')).toMatch(
      /appointment-ghost: HISTORY DISAGREES at revision 0 \(event forged-in-no-stream\): audit history hash [0-9a-f]{64}, store hash \(event gone from the store\)/,
    );
    // The stream check names the forged line of its stream too.
    const checked = await verify(other);
    expect(checked.body.historyDisagreements).toMatchObject([
      { eventId: 'forged-in-a-case', storeHash: null },
    ]);
  });
});
