import request from 'supertest';
import { TimerHandlerRegistry } from '../../src/jobs/timers/timer-handlers';
import { waitUntilSettled } from '../sagas/support/engine-settled';
import { buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

interface PendingTimer {
  timerId: string;
  dueAt: string;
  payload: { stepId: string; dueOn: string };
}

/**
 * A correction that makes a step current again (vetting found incomplete after all, a failed
 * ballot corrected back to a pass) gives that step a deadline again: a pending timer, and a
 * DeadlineMissed on the case when it lapses; so does a step the case comes to again by a step
 * after such a correction. Before, a step the case went back to got no timer, and one it came to
 * again got its first timer's id, already settled: dropped as a repeat.
 */
describe('the deadline of a step a correction makes current again', () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const tally = (forVotes: number) => ({
    heldOn: today,
    minutesRef: 'BB-05',
    tally: {
      members: 13,
      summoned: 13,
      present: 13,
      for: forVotes,
      against: 13 - forVotes,
      abstain: 0,
      invalid: 0,
    },
  });
  const nominationOf = (personId: string) => ({
    heldOn: today,
    minutesRef: 'BB-02',
    members: 25,
    summoned: 25,
    present: 24,
    invalid: 0,
    candidates: [{ personId, votes: 16 }],
  });
  const staffItems = [
    'background',
    'asset_declaration',
    'political_standards',
    'residence_party_cell_opinion',
    'health',
  ];
  const vetting = (items: string[]) => ({
    heldOn: today,
    items: items.map((item) => ({ item, result: 'cleared' })),
  });

  async function openCaseAtRound3(caseId: string, positionId: string, personId = 'p-an') {
    const nomination = nominationOf(personId);
    await http()
      .post('/cases')
      .set(h.staff)
      .send({
        id: caseId,
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId,
        positionId,
        orgUnitId: 'ou-town',
        summary: 'Fill the post',
      })
      .expect(201);
    const steps: [string, string, object][] = [
      ['leadership-round-1', 'staff', { heldOn: today, minutesRef: 'BB-01', conclusion: 'ok' }],
      ['expanded-nomination', 'secretary', nomination],
      ['leadership-round-2', 'secretary', tally(10)],
      ['key-officials-nomination', 'secretary', { ...nomination, minutesRef: 'BB-04' }],
    ];
    for (const [stepId, who, body] of steps)
      await http().post(`/cases/${caseId}/steps/${stepId}`).set(h[who]).send(body).expect(200);
  }

  const step = (caseId: string, stepId: string, who: string, body: object) =>
    http().post(`/cases/${caseId}/steps/${stepId}`).set(h[who]).send(body).expect(200);
  const correct = (caseId: string, stepId: string, body: object) =>
    http().post(`/cases/${caseId}/steps/${stepId}/corrections`).set(h.staff).send(body).expect(200);

  /** The case's step-deadline timers neither fired, cancelled nor superseded, once the saga has run. */
  async function pendingDeadlines(caseId: string): Promise<PendingTimer[]> {
    await waitUntilSettled(t.db.pool, () => new Date(), `case ${caseId}`);
    const { rows } = await t.db.pool.query<{ data: PendingTimer }>(
      `SELECT scheduled.data FROM events scheduled
        WHERE scheduled.type = 'TimerScheduled.v1' AND scheduled.data->>'kind' = 'step-deadline'
          AND scheduled.data->>'target' = $1
          AND NOT EXISTS (SELECT 1 FROM events settled WHERE settled.stream_id = scheduled.stream_id
                            AND settled.type IN ('TimerFired.v1', 'TimerCancelled.v1'))
          AND NOT EXISTS (SELECT 1 FROM events later WHERE later.type = 'TimerScheduled.v1'
                            AND later.data->'supersedes' ? (scheduled.data->>'timerId'))`,
      [`appointment-${caseId}`],
    );
    return rows.map((row) => row.data);
  }

  /** Fires a timer as the worker would when its day has passed, and reads the steps missed. */
  async function fire(caseId: string, timer: PendingTimer): Promise<string[]> {
    const handler = t.app.get(TimerHandlerRegistry).get('step-deadline')!;
    await handler(
      {
        timerId: timer.timerId,
        kind: 'step-deadline',
        target: `appointment-${caseId}`,
        dueAt: new Date(timer.dueAt),
        payload: timer.payload,
      },
      {
        idSeed: `timer:${timer.timerId}`,
        metadata: {
          actorId: 'system:timer:step-deadline',
          correlationId: 'c',
          causationId: null,
          occurredAt: new Date().toISOString(),
        },
        now: new Date(),
      },
    );
    const missed = await t.db.pool.query<{ data: { stepId: string } }>(
      "SELECT data FROM events WHERE stream_id = $1 AND type = 'DeadlineMissed.v1' ORDER BY revision",
      [`appointment-${caseId}`],
    );
    return missed.rows.map((row) => row.data.stepId);
  }

  interface ListedStep {
    id: string;
    deadlineMissed: boolean;
  }

  /** The case's current step as the case list shows it once it has read the case's last event. */
  async function listed(caseId: string): Promise<ListedStep | null> {
    const stream = `appointment-${caseId}`;
    const caughtUp = async () => {
      const { rows } = await t.db.pool.query(
        `SELECT 1 FROM projection_checkpoints checkpoint,
                (SELECT transaction_id, global_position FROM events WHERE stream_id = $1
                  ORDER BY revision DESC LIMIT 1) last
          WHERE checkpoint.name = 'case_summaries' AND checkpoint.position IS NOT NULL
            AND (split_part(checkpoint.position, '/', 1)::xid8,
                 split_part(checkpoint.position, '/', 2)::bigint)
                >= (last.transaction_id, last.global_position)`,
        [stream],
      );
      return rows.length > 0;
    };
    for (let tries = 0; tries < 600 && !(await caughtUp()); tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    if (!(await caughtUp())) throw new Error(`the case list did not read ${stream} to its end`);
    const list = await http()
      .get('/cases?procedure=appointment&limit=100')
      .set(h.staff)
      .expect(200);
    const item = list.body.items.find((row: { caseId: string }) => row.caseId === caseId);
    return item.currentStep as ListedStep | null;
  }

  beforeAll(async () => {
    t = await startTestApp('reopened_step_deadline', { RUN_WORKERS: 'true' });
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      secretary: ['ballot_secretary'],
    }))
      h[who] = { Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}` };
    await buildRegistry(t, h.staff, {
      positions: [
        { id: 'pos-head', rank: 5 },
        { id: 'pos-deputy', rank: 4 },
        { id: 'pos-office', rank: 5 },
        { id: 'pos-inspection', rank: 5 },
        { id: 'pos-propaganda', rank: 5 },
        { id: 'pos-vice-office', rank: 4 },
        { id: 'pos-finance', rank: 5 },
        { id: 'pos-planning', rank: 5 },
      ],
      people: [
        {
          id: 'p-an',
          posts: [{ positionId: 'pos-deputy', from: '2021-03-01', termEnd: '2026-03-01' }],
          pool: ['pos-head', 'pos-office', 'pos-inspection'],
        },
        {
          id: 'p-binh',
          posts: [{ positionId: 'pos-vice-office', from: '2021-03-01', termEnd: '2026-03-01' }],
          pool: ['pos-propaganda'],
        },
        {
          id: 'p-chi',
          posts: [{ positionId: 'pos-deputy', from: '2021-03-01', termEnd: '2026-03-01' }],
          pool: ['pos-finance', 'pos-planning'],
        },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('vetting completed, then corrected as incomplete: the vetting step has a deadline again and it is missed when it lapses', async () => {
    await openCaseAtRound3('c-vet', 'pos-head');
    await step('c-vet', 'leadership-round-3', 'secretary', tally(10));
    await step('c-vet', 'vetting', 'staff', vetting(staffItems));
    const reopened = await correct('c-vet', 'vetting', {
      reason: 'the health certificate had not been received',
      ...vetting(staffItems.filter((item) => item !== 'health')),
    });
    expect(reopened.body).toMatchObject({ status: 'open', currentStep: { id: 'vetting' } });
    const dueOn = reopened.body.currentStep.dueOn as string;
    expect(dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const pending = await pendingDeadlines('c-vet');
    expect(pending).toEqual([
      expect.objectContaining({
        dueAt: `${dueOn}T17:00:00.000Z`,
        payload: expect.objectContaining({ stepId: 'vetting', dueOn }),
      }),
    ]);
    expect(await fire('c-vet', pending[0])).toEqual(['vetting']);
  });

  it('a passed ballot corrected to a failure and back: the step after it has a deadline again', async () => {
    await openCaseAtRound3('c-twice', 'pos-office');
    await step('c-twice', 'leadership-round-3', 'secretary', tally(10));
    const failed = await correct('c-twice', 'leadership-round-3', {
      reason: 'minutes say 6',
      ...tally(6),
    });
    expect(failed.body.status).toBe('rejected');
    const passed = await correct('c-twice', 'leadership-round-3', {
      reason: 'minutes say 10 after all',
      ...tally(10),
    });
    expect(passed.body).toMatchObject({ status: 'open', currentStep: { id: 'vetting' } });
    const dueOn = passed.body.currentStep.dueOn as string;

    // The timer the failing version gave the ballot step went when the pass left it.
    const pending = await pendingDeadlines('c-twice');
    expect(pending).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ stepId: 'vetting', dueOn }) }),
    ]);
    expect(await fire('c-twice', pending[0])).toEqual(['vetting']);
  });

  it('vetting completed, corrected as incomplete and completed again: the decision step has a deadline again', async () => {
    await openCaseAtRound3('c-again', 'pos-inspection');
    await step('c-again', 'leadership-round-3', 'secretary', tally(10));
    await step('c-again', 'vetting', 'staff', vetting(staffItems));
    await correct('c-again', 'vetting', {
      reason: 'the health certificate had not been received',
      ...vetting(staffItems.filter((item) => item !== 'health')),
    });
    const completed = await step('c-again', 'vetting', 'staff', vetting(['health']));
    expect(completed.body).toMatchObject({ status: 'open', currentStep: { id: 'decision' } });
    const dueOn = completed.body.currentStep.dueOn as string;
    expect(dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // The timer the correction gave the vetting step went when the vetting was completed again.
    const pending = await pendingDeadlines('c-again');
    expect(pending).toEqual([
      expect.objectContaining({
        dueAt: `${dueOn}T17:00:00.000Z`,
        payload: expect.objectContaining({ stepId: 'decision', dueOn }),
      }),
    ]);
    expect(await fire('c-again', pending[0])).toEqual(['decision']);
  });

  it('a step that misses its deadline again on a later visit, and the step after it, each have their miss recorded once', async () => {
    await openCaseAtRound3('c-late', 'pos-propaganda', 'p-binh');
    await step('c-late', 'leadership-round-3', 'secretary', tally(10));
    /** Fires the case's one pending deadline twice, as a repeated delivery would. */
    const lapse = async (stepId: string) => {
      const pending = await pendingDeadlines('c-late');
      expect(pending.map((timer) => timer.payload.stepId)).toEqual([stepId]);
      await fire('c-late', pending[0]);
      return fire('c-late', pending[0]);
    };
    expect(await lapse('vetting')).toEqual(['vetting']);

    await step('c-late', 'vetting', 'staff', vetting(staffItems));
    await correct('c-late', 'vetting', {
      reason: 'the health certificate had not been received',
      ...vetting(staffItems.filter((item) => item !== 'health')),
    });
    expect(await lapse('vetting')).toEqual(['vetting', 'vetting']);

    await step('c-late', 'vetting', 'staff', vetting(['health']));
    expect(await lapse('decision')).toEqual(['vetting', 'vetting', 'decision']);

    const { rows } = await t.db.pool.query<{ data: { stepId: string; stepVisit?: number } }>(
      "SELECT data FROM events WHERE stream_id = $1 AND type = 'DeadlineMissed.v1' ORDER BY revision",
      ['appointment-c-late'],
    );
    // Each miss names the visit of the step that missed it (absent: the first).
    expect(rows.map(({ data }) => [data.stepId, data.stepVisit])).toEqual([
      ['vetting', undefined],
      ['vetting', 2],
      ['decision', 2],
    ]);
  });

  it("the case list's missed deadline is the current step's: a correction that sends the case back clears it, and the step's own miss sets it again", async () => {
    await openCaseAtRound3('c-list', 'pos-finance', 'p-chi');
    await step('c-list', 'leadership-round-3', 'secretary', tally(10));
    await step('c-list', 'vetting', 'staff', vetting(staffItems));
    const [decisionTimer] = await pendingDeadlines('c-list');
    expect(await fire('c-list', decisionTimer)).toEqual(['decision']);
    expect(await listed('c-list')).toMatchObject({ id: 'decision', deadlineMissed: true });

    await correct('c-list', 'vetting', {
      reason: 'the health certificate had not been received',
      ...vetting(staffItems.filter((item) => item !== 'health')),
    });
    // Before: the decision's miss stayed on the case, now back at a vetting with a new deadline.
    expect(await listed('c-list')).toEqual(
      expect.objectContaining({ id: 'vetting', deadlineMissed: false }),
    );

    const [vettingTimer] = await pendingDeadlines('c-list');
    expect(await fire('c-list', vettingTimer)).toEqual(['decision', 'vetting']);
    expect(await listed('c-list')).toMatchObject({ id: 'vetting', deadlineMissed: true });

    await step('c-list', 'vetting', 'staff', vetting(['health']));
    expect(await listed('c-list')).toMatchObject({ id: 'decision', deadlineMissed: false });
  });

  it("a correction that leaves the case on the step that missed its deadline keeps the case list's flag", async () => {
    await openCaseAtRound3('c-kept', 'pos-planning', 'p-chi');
    await step('c-kept', 'leadership-round-3', 'secretary', tally(10));
    await step('c-kept', 'vetting', 'staff', vetting(staffItems));
    const [decisionTimer] = await pendingDeadlines('c-kept');
    expect(await fire('c-kept', decisionTimer)).toEqual(['decision']);
    expect(await listed('c-kept')).toMatchObject({ id: 'decision', deadlineMissed: true });

    const kept = await correct('c-kept', 'vetting', {
      reason: 'the asset declaration was listed twice',
      ...vetting(staffItems),
    });
    expect(kept.body).toMatchObject({ status: 'open', currentStep: { id: 'decision' } });
    // Before: any correction of another step cleared it, though the decision's visit (and its
    // recorded miss, which is not recorded again) is the same.
    expect(await listed('c-kept')).toMatchObject({ id: 'decision', deadlineMissed: true });
  });
});
