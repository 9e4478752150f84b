import request from 'supertest';
import { TimerHandlerRegistry } from '../../src/jobs/timers/timer-handlers';
import { addMonths } from '../../src/workflow/rules/retirement';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

interface TimerData {
  timerId: string;
  kind: string;
  target: string;
  dueAt: string;
  payload: Record<string, unknown>;
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let tries = 0; tries < 100 && !done(value); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/** Cases move each other along through the durable sagas, on the real store, Redis and workers. */
describe('domain sagas', () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  // The recorded terms end after their re-appointment notice day (90 working days before, Quy
  // định 377-QĐ/TW): recorded nearer, the notice would open a re-appointment at once.
  const TERM_END = addDays(today, 160);
  const http = () => request(t.server as never);
  const record = (personId: string) =>
    http()
      .get(`/cadres/${personId}`)
      .set(h.staff)
      .expect(200)
      .then((r) => r.body);

  beforeAll(async () => {
    t = await startTestApp('domain-sagas', { RUN_WORKERS: 'true' });
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      inspector: ['inspector'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
    })) {
      h[who] = { Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}` };
    }
    await buildRegistry(t, h.staff, {
      positions: [{ id: 'pos-head', rank: 5 }],
      people: [
        {
          id: 'p-term',
          termRated: true,
          posts: [{ positionId: 'pos-head', from: addDays(today, -1700), termEnd: TERM_END }],
        },
        {
          // Some 61 years old: retires within two years (Nghị định 135/2019 schedule in the rule
          // set), so the re-appointment runs to retirement (reappointment.extendToRetirementBelowYears).
          id: 'p-retiring',
          termRated: true,
          dateOfBirth: addDays(today, -Math.round(61 * 365.25)),
          gender: 'male',
          posts: [{ positionId: 'pos-head', from: addDays(today, -1700), termEnd: TERM_END }],
        },
        {
          id: 'p-removed',
          termRated: true,
          posts: [{ positionId: 'pos-head', from: addDays(today, -1700), termEnd: TERM_END }],
        },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const reappoint = async (caseId: string, personId: string) => {
    await http()
      .post('/cases')
      .set(h.staff)
      .send({
        id: caseId,
        procedure: 'reappointment',
        definition: 'reappointment.standard',
        personId,
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'x',
      })
      .expect(201);
  };

  /** The steps of a re-appointment up to its decision, each passing. */
  const takeStepsToDecision = async (caseId: string) => {
    await http()
      .post(`/cases/${caseId}/steps/self-assessment`)
      .set(h.staff)
      .send({ heldOn: today, conclusion: 'ok' })
      .expect(200);
    await http()
      .post(`/cases/${caseId}/steps/key-officials-confidence`)
      .set(h.secretary)
      .send({
        heldOn: today,
        minutesRef: 'B',
        tally: {
          members: 40,
          summoned: 40,
          present: 38,
          for: 30,
          against: 6,
          abstain: 2,
          invalid: 0,
        },
      })
      .expect(200);
    await http()
      .post(`/cases/${caseId}/steps/head-evaluation`)
      .set(h.leader)
      .send({ heldOn: today, conclusion: 'ok' })
      .expect(200);
    await http()
      .post(`/cases/${caseId}/steps/leadership-ballot`)
      .set(h.secretary)
      .send({
        heldOn: today,
        minutesRef: 'B',
        tally: {
          members: 13,
          summoned: 13,
          present: 13,
          for: 11,
          against: 2,
          abstain: 0,
          invalid: 0,
        },
      })
      .expect(200);
    await http()
      .post(`/cases/${caseId}/steps/vetting`)
      .set(h.staff)
      .send({
        heldOn: today,
        items: ['background', 'asset_declaration', 'political_standards', 'health'].map((item) => ({
          item,
          result: 'cleared',
        })),
      })
      .expect(200);
  };

  /** Fires a re-appointment reminder timer as the worker would. */
  const fireReminder = async (reminder: TimerData) => {
    const handler = t.app.get(TimerHandlerRegistry).get('reappointment-reminder')!;
    const timer = {
      timerId: reminder.timerId,
      kind: reminder.kind,
      target: reminder.target,
      dueAt: new Date(reminder.dueAt),
      payload: reminder.payload,
    };
    await handler(timer, {
      idSeed: `timer:${reminder.timerId}`,
      metadata: {
        actorId: 'system:timer:reappointment-reminder',
        correlationId: 'c',
        causationId: null,
        occurredAt: new Date().toISOString(),
      },
      now: new Date(),
    });
  };

  it('a re-appointment decision assigns the new term on the record and schedules the notice, which opens the next case once', async () => {
    await reappoint('r-term', 'p-term');
    const opened = await eventually(
      () => record('p-term'),
      (body) => body.openCases.length === 1,
    );
    expect(opened.openCases).toEqual([
      expect.objectContaining({ caseId: 'r-term', procedure: 'reappointment' }),
    ]);
    await takeStepsToDecision('r-term');
    const effectiveFrom = TERM_END;
    const decided = await http()
      .post('/cases/r-term/steps/decision')
      .set(h.leader)
      .send({ heldOn: today, number: '301-QĐ/TU', signer: 'Bí thư', effectiveFrom })
      .expect(200);
    const termEnd = decided.body.decision.termEnd as string;
    expect(termEnd).toBe(addMonths(effectiveFrom, 60));

    const assigned = await eventually(
      () => record('p-term'),
      // The new term starts where the recorded term ends: the post is held on.
      (body) => body.posts[0]?.renewedBy?.termEnd === termEnd && body.openCases.length === 0,
    );
    // Before: the term held had endsOn the new term's first day, and the new term was a post to
    // come (upcomingPosts), as though the holder left the post they were re-appointed to.
    expect(assigned.posts).toEqual([
      expect.objectContaining({
        positionId: 'pos-head',
        endsOn: null,
        renewedBy: { from: effectiveFrom, termEnd, decisionRef: `301-QĐ/TU (${today})` },
      }),
    ]);
    expect(assigned.upcomingPosts).toEqual([]);
    // The notice the decision set is named before it is given.
    expect(assigned.reappointmentNoticesAhead).toEqual([
      {
        positionId: 'pos-head',
        termEnd,
        noticeOn: decided.body.decision.reappointmentNoticeOn,
        decisionRef: `301-QĐ/TU (${today})`,
      },
    ]);

    const timers = await eventually(
      async () =>
        (
          await t.db.pool.query(
            "SELECT data, transaction_id::text AS tx FROM events WHERE type = 'TimerScheduled.v1' AND data->>'target' = 'reappointment-r-term' AND data->>'kind' IN ('reappointment-reminder', 'term-end')",
          )
        ).rows,
      (rows) => rows.length === 2,
    );
    // The decision's two timers, after its record: one write, both or neither.
    expect(timers[0].tx).toBe(timers[1].tx);
    const reminder = timers.find((row) => row.data.kind === 'reappointment-reminder')!.data;
    expect(reminder.payload).toMatchObject({
      termEnd,
      noticeOn: decided.body.decision.reappointmentNoticeOn,
    });

    // Fire the reminder as the worker would, twice: one re-appointment case, one notice on the record.
    await fireReminder(reminder);
    await fireReminder(reminder);
    const after = await record('p-term');
    expect(after.reappointmentsDue).toHaveLength(1);
    expect(after.reappointmentsDue[0]).toMatchObject({
      action: 'open_case',
      termEnd,
      refusal: null,
    });
    // Given, it is no longer ahead.
    expect(after.reappointmentNoticesAhead).toEqual([]);
    const { rows } = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE type = 'CaseOpened.v1' AND data->>'personId' = 'p-term'",
    );
    expect(rows[0].n).toBe(2);
    await http().get(`/cases/${after.reappointmentsDue[0].caseId}`).set(h.staff).expect(200);
  });

  it('a re-appointment to the holder’s retirement schedules no notice: nothing is re-appointed when they retire', async () => {
    await reappoint('r-retiring', 'p-retiring');
    await eventually(
      () => record('p-retiring'),
      (body) => body.openCases.length === 1,
    );
    await takeStepsToDecision('r-retiring');
    const decided = await http()
      .post('/cases/r-retiring/steps/decision')
      .set(h.leader)
      .send({
        heldOn: today,
        number: '302-QĐ/TU',
        signer: 'Bí thư',
        effectiveFrom: TERM_END,
      })
      .expect(200);
    const { termEnd, details } = decided.body.decision;
    expect(details).toMatchObject({ applied: 'extended_to_retirement', retirementDate: termEnd });
    // Before: a notice 90 working days before the day the holder retires.
    expect(decided.body.decision.reappointmentNoticeOn).toBeUndefined();
    const renewed = await eventually(
      () => record('p-retiring'),
      // The new term starts where the recorded term ends: the post is held on.
      (body) => body.posts[0]?.renewedBy?.termEnd === termEnd && body.openCases.length === 0,
    );
    expect(renewed.reappointmentNoticesAhead).toEqual([]);
    const timers = await eventually(
      async () =>
        (
          await t.db.pool.query(
            "SELECT data FROM events WHERE type = 'TimerScheduled.v1' AND data->>'target' = 'reappointment-r-retiring' AND data->>'kind' IN ('reappointment-reminder', 'term-end')",
          )
        ).rows.map((row) => row.data.kind),
      (kinds) => kinds.includes('term-end'),
    );
    expect(timers).toEqual(['term-end']);

    // A reminder scheduled for such a term before this rule, when it fires: no case, no notice.
    await fireReminder({
      timerId: 'reminder-before-the-rule',
      kind: 'reappointment-reminder',
      target: 'reappointment-r-retiring',
      dueAt: new Date().toISOString(),
      payload: { stream: 'reappointment-r-retiring', termEnd, noticeOn: today },
    });
    const after = await record('p-retiring');
    expect(after.reappointmentsDue).toEqual([]);
    const { rows } = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE type = 'CaseOpened.v1' AND data->>'personId' = 'p-retiring'",
    );
    expect(rows[0].n).toBe(1);
  });

  it('removal from post ends the post and withdraws the open re-appointment citing the decision', async () => {
    await reappoint('r-removed', 'p-removed');
    await eventually(
      () => record('p-removed'),
      (body) => body.openCases.length === 1,
    );
    await http()
      .post('/discipline-cases')
      .set(h.inspector)
      .send({
        id: 'd-rm',
        definition: 'discipline.civil-service',
        personId: 'p-removed',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'x',
        violation: {
          category: 'budget',
          committedOn: addDays(today, -30),
          description: 'x',
          source: 'report',
          severity: 'removal_from_post',
        },
      })
      .expect(201);
    for (const [stepId, who, extra] of [
      ['verification', 'inspector', { violationConfirmed: true }],
      ['self-criticism', 'staff', {}],
      ['review', 'inspector', {}],
    ] as const) {
      await http()
        .post(`/discipline-cases/d-rm/steps/${stepId}`)
        .set(h[who])
        .send({ heldOn: today, minutesRef: 'B', conclusion: 'x', ...extra })
        .expect(200);
    }
    await http()
      .post('/discipline-cases/d-rm/steps/ballot')
      .set(h.secretary)
      .send({
        heldOn: today,
        minutesRef: 'B',
        tally: {
          members: 5,
          summoned: 5,
          present: 5,
          invalid: 0,
          noDiscipline: 0,
          votesByForm: { removal_from_post: 5 },
        },
      })
      .expect(200);
    await http()
      .post('/discipline-cases/d-rm/steps/decision')
      .set(h.leader)
      .send({
        heldOn: today,
        number: '7-QĐ',
        signer: 'Chủ tịch',
        form: 'removal_from_post',
        effectiveFrom: today,
      })
      .expect(200);

    const withdrawn = await eventually(
      () =>
        http()
          .get('/cases/r-removed')
          .set(h.staff)
          .expect(200)
          .then((r) => r.body),
      (body) => body.status === 'withdrawn',
    );
    expect(withdrawn.withdrawal.reason).toBe(
      `withdrawn: the holder was removed from the post by 7-QĐ (${today}) (discipline case d-rm)`,
    );
    // The withdrawal says why; a decided discipline no longer flags an open re-appointment first
    // (reappointment.blockedWhile holds it back only while the discipline case is pending).
    expect(withdrawn.vetting.discipline_bar).toBeUndefined();
    const person = await eventually(
      () => record('p-removed'),
      (body) => body.posts.length === 0 && body.openCases.length === 0,
    );
    expect(person.pastPosts[0]).toMatchObject({
      positionId: 'pos-head',
      reason: 'discipline: removal_from_post (case d-rm)',
    });
  });
});
