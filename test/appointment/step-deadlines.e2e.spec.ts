import request from 'supertest';
import { TimerHandlerRegistry } from '../../src/jobs/timers/timer-handlers';
import { startTestApp, TestApp } from '../support/test-app';

/** A step with a time limit gets a durable timer; when it lapses the case records DeadlineMissed once. */
describe('step deadlines', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('deadlines', { RUN_WORKERS: 'true' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('schedules the deadline of the current step and records a missed one without blocking the step', async () => {
    const staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-t')}` };
    await request(t.server as never)
      .post('/org-units')
      .set({ Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-t')}` })
      .send({ id: 'ou-t', name: 'Thị xã T', kind: 'town' })
      .expect(201);
    await request(t.server as never)
      .post('/positions')
      .set(staff)
      .send({
        id: 'pos-h',
        title: 'Trưởng ban',
        orgUnitId: 'ou-t',
        appointingAuthority: 'ou-t',
        rank: 5,
      })
      .expect(201);
    await request(t.server as never)
      .post('/cadres')
      .set(staff)
      .send({
        id: 'p-a',
        fullName: 'Nguyễn A',
        dateOfBirth: '1980-01-01',
        gender: 'male',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'x',
        politicalTheoryLevel: 'y',
        orgUnitId: 'ou-t',
      })
      .expect(201);
    const opened = await request(t.server as never)
      .post('/cases')
      .set(staff)
      .send({
        id: 'c-dl',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-a',
        positionId: 'pos-h',
        orgUnitId: 'ou-t',
        summary: 'x',
      })
      .expect(201);
    const dueOn = opened.body.currentStep.dueOn as string;
    expect(dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // The saga runs asynchronously from the store's subscription.
    let rows: { data: { timerId: string; dueAt: string; payload: Record<string, unknown> } }[] = [];
    for (let tries = 0; tries < 100 && rows.length === 0; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      ({ rows } = await t.db.pool.query(
        "SELECT data FROM events WHERE type = 'TimerScheduled.v1' AND data->>'target' = 'appointment-c-dl'",
      ));
    }
    expect(rows).toHaveLength(1);
    expect(rows[0].data).toMatchObject({
      kind: 'step-deadline',
      dueAt: `${dueOn}T17:00:00.000Z`,
      payload: { stepId: 'leadership-round-1' },
    });

    // Fire the timer as the worker would, twice (a redelivery): one DeadlineMissed.
    const handler = t.app.get(TimerHandlerRegistry).get('step-deadline')!;
    const timer = {
      timerId: rows[0].data.timerId,
      kind: 'step-deadline',
      target: 'appointment-c-dl',
      dueAt: new Date(rows[0].data.dueAt),
      payload: rows[0].data.payload,
    };
    const context = {
      idSeed: `timer:${timer.timerId}`,
      metadata: {
        actorId: 'system:timer:step-deadline',
        correlationId: 'c',
        causationId: null,
        occurredAt: new Date().toISOString(),
      },
      now: new Date(),
    };
    await handler(timer, context);
    await handler(timer, context);
    const missed = await t.db.pool.query(
      "SELECT data FROM events WHERE stream_id = 'appointment-c-dl' AND type = 'DeadlineMissed.v1'",
    );
    expect(missed.rows.map((r) => r.data.stepId)).toEqual(['leadership-round-1']);

    // The step can still be taken.
    const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
    const done = await request(t.server as never)
      .post('/cases/c-dl/steps/leadership-round-1')
      .set(staff)
      .send({ heldOn: today, minutesRef: 'BB', conclusion: 'ok' })
      .expect(200);
    expect(done.body.currentStep.id).toBe('expanded-nomination');
  });
});
