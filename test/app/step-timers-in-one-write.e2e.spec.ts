import request from 'supertest';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

interface StoredRow {
  stream_id: string;
  type: string;
  transaction_id: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** A step writes the deadline timers it moves in its own write; the saga only where it could not. */
describe("a step's deadline timers, written with the step", () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const today = vietnamToday();
  const http = () => request(t.server as never);

  beforeAll(async () => {
    // The sagas run: the second case needs the step-deadlines saga.
    t = await startTestApp('step-timers-one-write', { RUN_WORKERS: 'true' });
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [{ id: 'pos-deputy', rank: 5 }],
      people: [{ id: 'p-pooled', dateOfBirth: '1988-02-02', pool: ['pos-deputy'] }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const open = (id: string) =>
    http()
      .post('/cases')
      .set(staff)
      .send({
        id,
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-pooled',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm Phó trưởng phòng',
      })
      .expect(201);
  const firstStep = (id: string) =>
    http()
      .post(`/cases/${id}/steps/leadership-round-1`)
      .set(staff)
      .send({ heldOn: today, minutesRef: 'BB-1', conclusion: 'agreed' })
      .expect((response) => expect(response.status).toBeLessThan(300));
  const withdraw = (id: string) =>
    http().post(`/cases/${id}/withdraw`).set(staff).send({ reason: 'test' }).expect(200);

  /** The case's step at revision 1 and every timer event it caused. */
  async function stepAndItsTimers(id: string) {
    const { rows } = await t.db.pool.query<StoredRow>(
      `WITH step AS (SELECT event_id FROM events WHERE stream_id = $1 AND revision = 1)
       SELECT stream_id, type, transaction_id::text, data, metadata FROM events
        WHERE (stream_id = $1 AND revision = 1)
           OR (stream_id LIKE 'timer-%' AND metadata->>'causationId' = (SELECT event_id FROM step))
        ORDER BY global_position`,
      [`appointment-${id}`],
    );
    const step = rows.find((row) => row.stream_id === `appointment-${id}`)!;
    return { step, timers: rows.filter((row) => row !== step) };
  }

  const timerOf = (rows: StoredRow[], type: string) =>
    rows.filter((row) => row.type.startsWith(`${type}.`)).map((row) => row.data);

  /** The case's first step's timer, as CaseOpened scheduled it. */
  async function firstTimer(id: string): Promise<{ stream_id: string; timer_id: string }> {
    const { rows } = await t.db.pool.query<{ stream_id: string; timer_id: string }>(
      `SELECT stream_id, data->>'timerId' AS timer_id FROM events
        WHERE type LIKE 'TimerScheduled.%' AND data->>'target' = $1`,
      [`appointment-${id}`],
    );
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  it("writes the step and the next step's timer, superseding the step's own, in one transaction, marked so the saga leaves them", async () => {
    await open('s-1');
    const first = await firstTimer('s-1');
    await firstStep('s-1');
    const { step, timers } = await stepAndItsTimers('s-1');
    expect(step.metadata.writtenWith).toEqual(['step-deadlines']);
    // One timer event a step: the first step's timer is settled by the next one's, not cancelled.
    expect(timerOf(timers, 'TimerCancelled')).toEqual([]);
    expect(timerOf(timers, 'TimerScheduled')).toEqual([
      expect.objectContaining({
        kind: 'step-deadline',
        target: 'appointment-s-1',
        payload: expect.objectContaining({ stepId: 'expanded-nomination' }),
        supersedes: [first.timer_id],
      }),
    ]);
    expect(new Set([step, ...timers].map((row) => row.transaction_id)).size).toBe(1);
    expect(timers.every((row) => row.metadata.actorId === 'system:saga:step-deadlines')).toBe(true);
    await withdraw('s-1');
  });

  it("writes the step with the next step's timer when the step's own has fired, and leaves the fired one fired", async () => {
    await open('s-2');
    const first = await firstTimer('s-2');
    // The first step's deadline fired before the step was recorded: its timer is no longer pending.
    await t.app.get<EventStore>(EVENT_STORE).append(
      first.stream_id,
      [
        {
          id: `fired-${first.timer_id}`,
          type: 'TimerFired',
          data: { timerId: first.timer_id, firedAt: new Date().toISOString() },
          metadata: {
            actorId: 'system:timer',
            correlationId: 'test',
            causationId: null,
            occurredAt: new Date().toISOString(),
          },
        },
      ],
      { expectedRevision: 0 },
    );
    await firstStep('s-2');
    const { step, timers } = await stepAndItsTimers('s-2');
    expect(step.metadata.writtenWith).toEqual(['step-deadlines']);
    expect(timerOf(timers, 'TimerScheduled')).toEqual([
      expect.objectContaining({
        payload: expect.objectContaining({ stepId: 'expanded-nomination' }),
      }),
    ]);
    expect(timers.every((row) => row.transaction_id === step.transaction_id)).toBe(true);
    // The fired timer was not cancelled after the fact.
    const stored = await t.app.get<EventStore>(EVENT_STORE).readStream(first.stream_id);
    expect(stored.map((event) => event.type)).toEqual(['TimerScheduled', 'TimerFired']);
    await withdraw('s-2');
  });
});
