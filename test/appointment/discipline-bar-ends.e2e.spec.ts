import request from 'supertest';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { TimerHandlerRegistry } from '../../src/jobs/timers/timer-handlers';
import { TimerFiring } from '../../src/jobs/timers/timer-firing';
import { timerStreamId } from '../../src/jobs/timers/timer.events';
import { movableClock } from '../support/movable-clock';
import {
  addDays,
  buildPostAppointmentTown,
  eventually as shortly,
  townHeaders,
  vietnamToday,
} from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A discipline bar that ends by time holds an appointment's decision back only until its end: on
 * that day (Vietnam time) the case's `vetting-flag-end` timer reads the item again from the
 * record and clears it. Before, the flag stayed until staff pressed «Kiểm tra lại theo hồ sơ» or
 * redid the vetting. A second firing, or one on a closed case, does nothing.
 */
jest.setTimeout(240_000);

describe('a discipline bar that ends by time', () => {
  let t: TestApp;
  let h: Record<string, Record<string, string>> = {};
  const clock = movableClock();
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const step = (caseId: string, stepId: string, who: string, body: object) =>
    http().post(`/cases/${caseId}/steps/${stepId}`).set(h[who]).send(body);
  const caseOf = (caseId: string) =>
    http()
      .get(`/cases/${caseId}`)
      .set(h.staff)
      .expect(200)
      .then(
        (r) =>
          r.body as { status: string; vetting: Record<string, { result: string; note: string }> },
      );
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean) => {
    let value = await shortly(read, done);
    for (let tries = 0; tries < 6 && !done(value); tries += 1) value = await shortly(read, done);
    return value;
  };
  const nomination = (personId: string) => ({
    heldOn: today,
    minutesRef: 'BB-2',
    members: 15,
    summoned: 15,
    present: 15,
    invalid: 0,
    candidates: [{ personId, votes: 12 }],
  });
  const ballot = (personId: string) => ({
    heldOn: today,
    minutesRef: 'BB-3',
    tallies: [
      {
        personId,
        tally: { members: 9, summoned: 9, present: 9, for: 8, against: 1, abstain: 0, invalid: 0 },
      },
    ],
  });
  const vetting = {
    heldOn: today,
    items: [
      'background',
      'asset_declaration',
      'political_standards',
      'residence_party_cell_opinion',
      'health',
    ].map((item) => ({ item, result: 'cleared', note: 'verified' })),
  };

  async function toVetting(caseId: string, positionId: string, personId: string) {
    await http()
      .post('/cases')
      .set(h.staff)
      .send({
        id: caseId,
        procedure: 'appointment',
        definition: 'appointment.internal',
        positionId,
        personId,
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm Trưởng phòng',
      })
      .expect(201);
    const round1 = { heldOn: today, minutesRef: 'BB-1', conclusion: 'post agreed' };
    await step(caseId, 'leadership-round-1', 'staff', round1).expect(200);
    await step(caseId, 'expanded-nomination', 'secretary', nomination(personId)).expect(200);
    await step(caseId, 'leadership-round-2', 'secretary', ballot(personId)).expect(200);
    await step(caseId, 'key-officials-nomination', 'secretary', nomination(personId)).expect(200);
    await step(caseId, 'leadership-round-3', 'secretary', ballot(personId)).expect(200);
  }

  /** A civil servant's reprimand (discipline.civil-service), decided today: it bars a higher post. */
  async function decideReprimand(caseId: string, personId: string) {
    await http()
      .post('/discipline-cases')
      .set(h.inspector)
      .send({
        id: caseId,
        definition: 'discipline.civil-service',
        personId,
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'x',
        violation: {
          category: 'budget',
          committedOn: addDays(today, -30),
          description: 'x',
          source: 'report',
          severity: 'reprimand',
        },
      })
      .expect(201);
    for (const [stepId, who, extra] of [
      ['verification', 'inspector', { violationConfirmed: true }],
      ['self-criticism', 'staff', {}],
      ['review', 'inspector', {}],
    ] as const) {
      await http()
        .post(`/discipline-cases/${caseId}/steps/${stepId}`)
        .set(h[who])
        .send({ heldOn: today, minutesRef: 'B', conclusion: 'x', ...extra })
        .expect(200);
    }
    const tally = { members: 5, summoned: 5, present: 5, invalid: 0, noDiscipline: 0 };
    await http()
      .post(`/discipline-cases/${caseId}/steps/ballot`)
      .set(h.secretary)
      .send({ heldOn: today, minutesRef: 'B', tally: { ...tally, votesByForm: { reprimand: 5 } } })
      .expect(200);
    await http()
      .post(`/discipline-cases/${caseId}/steps/decision`)
      .set(h.leader)
      .send({
        heldOn: today,
        number: `7-QĐ/${caseId}`,
        signer: 'Chủ tịch',
        form: 'reprimand',
        effectiveFrom: today,
      })
      .expect(200);
  }

  /** The case at its vetting, the bar decided first: the vetting reads it from the record and flags it. */
  async function flaggedAtVetting(
    caseId: string,
    positionId: string,
    personId: string,
    discipline: string,
  ) {
    await toVetting(caseId, positionId, personId);
    await decideReprimand(discipline, personId);
    await eventually(
      () => caseOf(caseId),
      (body) => body.vetting.discipline_bar?.result === 'flagged',
    );
    const vetted = await step(caseId, 'vetting', 'staff', vetting).expect(200);
    expect(vetted.body.vetting.discipline_bar).toMatchObject({
      result: 'flagged',
      source: 'record',
    });
    const endsOn = /bars a higher post until (\d{4}-\d\d-\d\d)/.exec(
      vetted.body.vetting.discipline_bar.note,
    )![1];
    return { endsOn, timer: await flagEndTimer(caseId) };
  }

  type TimerData = {
    timerId: string;
    dueAt: string;
    target: string;
    payload: Record<string, unknown>;
  };
  async function flagEndTimer(caseId: string): Promise<TimerData> {
    const read = () =>
      t.db.pool
        .query(
          "SELECT data FROM events WHERE type = 'TimerScheduled.v1' AND data->>'kind' = 'vetting-flag-end' AND data->'payload'->>'caseId' = $1",
          [caseId],
        )
        .then((r) => r.rows.map((row) => row.data as TimerData));
    const rows = await eventually(read, (found) => found.length > 0);
    expect(rows).toHaveLength(1);
    return rows[0];
  }
  const clearedEvents = (caseId: string) =>
    t.db.pool
      .query(
        "SELECT metadata FROM events WHERE stream_id LIKE $1 AND type = 'VettingItemClearedFromRecord.v1'",
        [`%-${caseId}`],
      )
      .then((r) => r.rows.map((row) => row.metadata as Record<string, string | null>));
  const handler = () => t.app.get(TimerHandlerRegistry).get('vetting-flag-end')!;
  const fireByHand = (timer: TimerData) =>
    handler()(
      { ...timer, kind: 'vetting-flag-end', dueAt: new Date(timer.dueAt) },
      {
        idSeed: timer.timerId,
        now: clock.now(),
        metadata: {
          actorId: 'system:timer:vetting-flag-end',
          correlationId: 'c',
          causationId: null,
          occurredAt: clock.now().toISOString(),
        },
      },
    );

  beforeAll(async () => {
    t = await startTestApp('appt_bar_ends', { RUN_WORKERS: 'true' }, { clock });
    h = townHeaders(t, {
      staff: ['organization_staff'],
      inspector: ['inspector'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
    });
    await buildPostAppointmentTown(t, h.staff, today);
  });
  afterAll(async () => {
    clock.reset();
    await t?.close();
  });

  it('clears the flag on the day the bar ends, once however often the timer fires', async () => {
    const { endsOn, timer } = await flaggedAtVetting('c-be1', 'pos-head-1', 'p-an', 'd-be1');
    // Due at the start of the bar's last-plus-one day in Vietnam (UTC+7): the day it no longer bars.
    expect(timer.dueAt).toBe(new Date(`${endsOn}T00:00:00+07:00`).toISOString());
    expect(timer.payload).toMatchObject({ caseId: 'c-be1', item: 'discipline_bar', endsOn });
    const firing = new TimerFiring(
      t.app.get<EventStore>(EVENT_STORE),
      t.app.get(TimerHandlerRegistry),
      clock,
    );
    // Not yet due: firing it early does nothing.
    expect(await firing.fire(timer.timerId)).toMatchObject({ notDueForMs: expect.any(Number) });
    expect((await caseOf('c-be1')).vetting.discipline_bar.result).toBe('flagged');

    clock.setDay(endsOn);
    await firing.fire(timer.timerId);
    const cleared = await caseOf('c-be1');
    expect(cleared.vetting.discipline_bar).toMatchObject({ result: 'cleared', source: 'record' });
    expect(cleared.vetting.discipline_bar.note).toMatch(
      new RegExp(`^read again from the record on ${endsOn}: `),
    );
    const [event] = await clearedEvents('c-be1');
    expect(event.actorId).toBe('system:timer:vetting-flag-end');
    expect(event.causationId).toBeTruthy();
    expect(event.correlationId).toBeTruthy();

    // Fired again (a redelivery), or its handler run again: nothing more, and no error.
    await firing.fire(timer.timerId);
    await fireByHand(timer);
    await fireByHand({ ...timer, timerId: `${timer.timerId}-again` });
    expect(await clearedEvents('c-be1')).toHaveLength(1);
    clock.reset();
  });

  it('a bar decided after the vetting, flagged by the discipline workflow, clears itself too', async () => {
    await toVetting('c-be3', 'pos-head-3', 'p-cuong');
    await step('c-be3', 'vetting', 'staff', vetting).expect(200);
    await decideReprimand('d-be3', 'p-cuong');
    const flagged = await eventually(
      () => caseOf('c-be3'),
      (body) => body.vetting.discipline_bar?.result === 'flagged',
    );
    const endsOn = /bars a higher post until (\d{4}-\d\d-\d\d)/.exec(
      flagged.vetting.discipline_bar.note,
    )![1];
    const timer = await flagEndTimer('c-be3');
    expect(timer.payload).toMatchObject({ caseId: 'c-be3', item: 'discipline_bar', endsOn });
    clock.setDay(endsOn);
    await new TimerFiring(
      t.app.get<EventStore>(EVENT_STORE),
      t.app.get(TimerHandlerRegistry),
      clock,
    ).fire(timer.timerId);
    expect((await caseOf('c-be3')).vetting.discipline_bar.result).toBe('cleared');
    expect(await clearedEvents('c-be3')).toHaveLength(1);
    clock.reset();
  });

  it('a case withdrawn before the bar ends has its timer cancelled, and a late firing does nothing', async () => {
    const { endsOn, timer } = await flaggedAtVetting('c-be2', 'pos-head-2', 'p-binh', 'd-be2');
    await http()
      .post('/cases/c-be2/withdraw')
      .set(h.staff)
      .send({ reason: 'rút hồ sơ' })
      .expect(200);
    const store = t.app.get<EventStore>(EVENT_STORE);
    const timerEvents = await eventually(
      () =>
        store.readStream(timerStreamId(timer.timerId)).then((events) => events.map((e) => e.type)),
      (types) => types.includes('TimerCancelled'),
    );
    expect(timerEvents).toEqual(['TimerScheduled', 'TimerCancelled']);
    clock.setDay(endsOn);
    await expect(fireByHand(timer)).resolves.toBeUndefined();
    expect((await caseOf('c-be2')).status).toBe('withdrawn');
    expect(await clearedEvents('c-be2')).toHaveLength(0);
    clock.reset();
  });
});
