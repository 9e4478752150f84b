import request from 'supertest';
import * as path from 'node:path';
import { loadCalendar } from '../../src/workflow/calendar/working-day-calendar';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { waitUntilSettled } from '../sagas/support/engine-settled';

/**
 * A step is never due after the legal time limit that governs it, and once that limit has passed
 * with the step not done, the case and the inbox say "overdue". Before, a civil-service discipline
 * case detected long ago showed its first step due 30 days after the opening, past the case's own
 * time to decide; a resignation opened late showed the talk due 10 working days after the opening
 * although the talk's limit, counted from the letter, had passed, and nothing was overdue.
 */
describe('a legal time limit caps the deadlines of the steps it governs', () => {
  let t: TestApp;
  const today = vietnamToday();
  const calendar = loadCalendar(path.resolve(__dirname, '../../seeds/calendar'));
  const http = () => request(t.server as never);
  let staff: Record<string, string>;
  let inspector: Record<string, string>;
  let leader: Record<string, string>;
  const post = {
    positionId: 'pos-deputy',
    from: addDays(today, -900),
    termEnd: addDays(today, 900),
  };

  beforeAll(async () => {
    t = await startTestApp('legal_deadline', { RUN_WORKERS: 'true' });
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    inspector = { Authorization: `Bearer ${t.token('u-inspector', ['inspector'], 'ou-town')}` };
    leader = { Authorization: `Bearer ${t.token('u-leader', ['leadership'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [{ id: 'pos-deputy', rank: 3 }],
      people: ['p-soon', 'p-late', 'p-letter', 'p-resigns', 'p-again'].map((id) => ({
        id,
        posts: [post],
      })),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const openDiscipline = (id: string, personId: string, detectedOn: string) =>
    http()
      .post('/discipline-cases')
      .set(inspector)
      .send({
        id,
        definition: 'discipline.civil-service',
        personId,
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Vi phạm quy định quản lý đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -200),
          detectedOn,
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
          severity: 'warning',
        },
      })
      .expect(201);
  const inboxItem = async (
    who: Record<string, string>,
    caseId: string,
    done: (item: never) => boolean,
  ) =>
    eventually(
      async () =>
        (await http().get('/inbox').set(who).expect(200)).body.items.find(
          (item: { caseId: string }) => item.caseId === caseId,
        ),
      (item) => item !== undefined && done(item as never),
    );

  it('a discipline step is due no later than the time to decide, and says so', async () => {
    const opened = await openDiscipline('d-soon', 'p-soon', addDays(today, -70));
    const decideBy = opened.body.timeLimit.decideBy;
    // The first step's own 30 days would run past the case's time to decide.
    expect(calendar.periodEnd(addDays(today, 30)) > decideBy).toBe(true);
    expect(opened.body.currentStep).toMatchObject({
      id: 'verification',
      dueOn: decideBy,
      dueLimitedBy: 'discipline.time_limit',
      overdue: false,
    });
    const moved = await http()
      .post('/discipline-cases/d-soon/steps/verification')
      .set(inspector)
      .send({ heldOn: today, minutesRef: 'BB-1', conclusion: 'vi phạm', violationConfirmed: true })
      .expect(200);
    expect(moved.body.currentStep).toMatchObject({
      id: 'self-criticism',
      dueOn: decideBy,
      dueLimitedBy: 'discipline.time_limit',
    });
    const item = await inboxItem(staff, 'd-soon', (i: { dueOn: string }) => i.dueOn === decideBy);
    expect(item).toMatchObject({ dueOn: decideBy, overdue: false });
  });

  it('a time to decide that has passed makes the step overdue on the case and in the inbox; extending it gives the step its own day', async () => {
    const opened = await openDiscipline('d-late', 'p-late', addDays(today, -100));
    const decideBy = opened.body.timeLimit.decideBy;
    expect(decideBy < today).toBe(true);
    expect(opened.body.currentStep).toMatchObject({
      dueOn: decideBy,
      dueLimitedBy: 'discipline.time_limit',
      overdue: true,
    });
    const item = await inboxItem(inspector, 'd-late', () => true);
    expect(item).toMatchObject({ dueOn: decideBy, overdue: true });

    const extended = await http()
      .post('/discipline-cases/d-late/extend')
      .set(leader)
      .send({ reason: 'cần giám định' })
      .expect(200);
    // 150 days from detection end after the step's own 30 days from the opening.
    const own = calendar.periodEnd(addDays(today, 30));
    expect(extended.body.timeLimit.decideBy > own).toBe(true);
    expect(extended.body.currentStep).toMatchObject({
      dueOn: own,
      dueLimitedBy: null,
      overdue: false,
    });
    const after = await inboxItem(inspector, 'd-late', (i: { dueOn: string }) => i.dueOn === own);
    expect(after).toMatchObject({ dueOn: own, overdue: false });
  });

  it('a resignation talk is due by the limit counted from the letter, overdue once it passed', async () => {
    const letterReceivedOn = addDays(today, -25);
    const opened = await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'r-late',
        procedure: 'removal',
        definition: 'removal.resignation',
        personId: 'p-letter',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Đơn xin từ chức',
        grounds: { letterReceivedOn, reason: 'Lý do sức khỏe' },
      })
      .expect(201);
    const talkDueBy = calendar.addWorkingDays(letterReceivedOn, 10);
    expect(opened.body.facts).toMatchObject({ talkDueBy, openedAfterTalkDue: true });
    expect(opened.body.currentStep).toMatchObject({
      id: 'talk',
      dueOn: talkDueBy,
      dueLimitedBy: 'removal.resignation.talk',
      overdue: true,
    });
    const item = await inboxItem(staff, 'r-late', () => true);
    expect(item).toMatchObject({ dueOn: talkDueBy, overdue: true });
  });

  it('a resignation decision is due by the limit counted from the letter (Quy định 377-QĐ/TW: 10 + 10 working days), and says so', async () => {
    const letterReceivedOn = addDays(today, -25);
    const secretary = {
      Authorization: `Bearer ${t.token('u-secretary', ['ballot_secretary'], 'ou-town')}`,
    };
    const opened = await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'r-decide',
        procedure: 'removal',
        definition: 'removal.resignation',
        personId: 'p-resigns',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Đơn xin từ chức',
        grounds: { letterReceivedOn, reason: 'Lý do sức khỏe' },
      })
      .expect(201);
    const decisionDueBy = calendar.addWorkingDays(letterReceivedOn, 20);
    expect(opened.body.facts).toMatchObject({ decisionDueBy });
    await http()
      .post('/cases/r-decide/steps/talk')
      .set(staff)
      .send({ heldOn: today, conclusion: 'Giữ nguyện vọng từ chức' })
      .expect(200);
    const balloted = await http()
      .post('/cases/r-decide/steps/leadership-ballot')
      .set(secretary)
      .send({
        heldOn: today,
        minutesRef: 'BB-1',
        tally: { members: 9, summoned: 9, present: 9, for: 6, against: 3, abstain: 0, invalid: 0 },
      })
      .expect(200);
    // Its own 5 working days from the ballot would fall after the limit: the limit is the day.
    expect(calendar.addWorkingDays(today, 5) > decisionDueBy).toBe(true);
    expect(balloted.body.currentStep).toMatchObject({
      id: 'decision',
      dueOn: decisionDueBy,
      dueLimitedBy: 'removal.resignation.decisionLimit',
    });
  });

  it("extending the time to decide of a step the case came to again replaces that visit's timer", async () => {
    const opened = await openDiscipline('d-again', 'p-again', addDays(today, -70));
    const decideBy = opened.body.timeLimit.decideBy;
    const verification = (violationConfirmed: boolean) => ({
      heldOn: today,
      minutesRef: 'BB-1',
      conclusion: violationConfirmed ? 'vi phạm' : 'không vi phạm',
      violationConfirmed,
    });
    const verified = await http()
      .post('/discipline-cases/d-again/steps/verification')
      .set(inspector)
      .send(verification(true))
      .expect(200);
    const correct = (revision: number, violationConfirmed: boolean) =>
      http()
        .post('/discipline-cases/d-again/steps/verification/corrections')
        .set(inspector)
        .set('If-Match', `"${revision}"`)
        .send({ reason: 'biên bản ghi nhầm', ...verification(violationConfirmed) })
        .expect(200);
    const closed = await correct(verified.body.revision, false);
    expect(closed.body.status).toBe('closed');
    // Confirmed after all: the self-criticism step is current a second time, due by the limit.
    const again = await correct(closed.body.revision, true);
    expect(again.body.currentStep).toMatchObject({ id: 'self-criticism', dueOn: decideBy });

    await http()
      .post('/discipline-cases/d-again/extend')
      .set(leader)
      .send({ reason: 'cần giám định' })
      .expect(200);
    const own = calendar.periodEnd(addDays(today, 30));
    const page = await http().get('/discipline-cases/d-again').set(inspector).expect(200);
    expect(page.body.currentStep).toMatchObject({ id: 'self-criticism', dueOn: own });

    // Before: the second visit's timer, for the old limit, stayed pending beside the new one.
    await waitUntilSettled(t.db.pool, () => new Date(), 'discipline-d-again');
    const { rows } = await t.db.pool.query<{
      data: { payload: { stepId: string; dueOn: string } };
    }>(
      `SELECT scheduled.data FROM events scheduled
        WHERE scheduled.type = 'TimerScheduled.v1' AND scheduled.data->>'kind' = 'step-deadline'
          AND scheduled.data->>'target' = 'discipline-d-again'
          AND NOT EXISTS (SELECT 1 FROM events settled WHERE settled.stream_id = scheduled.stream_id
                            AND settled.type IN ('TimerFired.v1', 'TimerCancelled.v1'))
          AND NOT EXISTS (SELECT 1 FROM events later WHERE later.type = 'TimerScheduled.v1'
                            AND later.data->'supersedes' ? (scheduled.data->>'timerId'))`,
    );
    expect(rows.map(({ data }) => data.payload)).toEqual([
      expect.objectContaining({ stepId: 'self-criticism', dueOn: own }),
    ]);
  });
});
