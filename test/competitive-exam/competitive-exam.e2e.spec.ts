import * as path from 'node:path';
import request from 'supertest';
import { TimerHandlerRegistry } from '../../src/jobs/timers/timer-handlers';
import { addCalendarDays, loadCalendar } from '../../src/workflow/calendar/working-day-calendar';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let tries = 0; tries < 100 && !done(value); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/**
 * A competitive examination for a leadership post (thi tuyển, exam.leadership-post@1) over HTTP:
 * the scheme, the candidates checked against the post's standards, the board's scores of the
 * written project and the interview, the result, and the winner's appointment on their record.
 */
describe('competitive examination for a leadership post over HTTP', () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const calendar = loadCalendar(path.resolve(__dirname, '../../seeds/calendar'));
  const http = () => request(t.server as never);
  const record = (personId: string) =>
    http()
      .get(`/cadres/${personId}`)
      .set(h.staff)
      .expect(200)
      .then((r) => r.body);

  beforeAll(async () => {
    t = await startTestApp('competitive-exam', { RUN_WORKERS: 'true' });
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
      auditor: ['auditor'],
    })) {
      h[who] = { Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}` };
    }
    // A candidate who is also organization staff: the scores about them are never theirs to see.
    h.candidate = {
      Authorization: `Bearer ${t.token('u-an', ['organization_staff'], 'ou-town', 'p-an')}`,
    };
    const deputy = { positionId: 'pos-deputy', from: addDays(today, -1500), termEnd: null };
    await buildRegistry(t, h.staff, {
      positions: [
        { id: 'pos-deputy', rank: 4 },
        ...['pos-head-1', 'pos-head-2', 'pos-head-3', 'pos-head-4', 'pos-head-5', 'pos-head-6'].map(
          (id) => ({
            id,
            rank: 5,
          }),
        ),
      ],
      people: [
        ...['p-an', 'p-binh', 'p-cuong'].map((id) => ({ id, posts: [deputy] })),
        // Near retirement: fewer years left than a full term of a higher post needs.
        { id: 'p-old', dateOfBirth: '1966-06-01', gender: 'male' as const, posts: [deputy] },
        // The head of the sixth post, in its first term.
        {
          id: 'p-dung',
          posts: [
            { positionId: 'pos-head-6', from: addDays(today, -400), termEnd: addDays(today, 1400) },
          ],
        },
      ],
    });
    await http()
      .post('/org-units')
      .set({ Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-town')}` })
      .send({ id: 'ou-other', name: 'Huyện khác', kind: 'town' })
      .expect(201);
    h.other = { Authorization: `Bearer ${t.token('u-other', ['organization_staff'], 'ou-other')}` };
    await http()
      .post('/cadres')
      .set(h.other)
      .send({
        id: 'p-outside',
        fullName: 'Người ngoài',
        dateOfBirth: '1985-02-02',
        gender: 'female',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'Thạc sĩ',
        politicalTheoryLevel: 'Cao cấp',
        orgUnitId: 'ou-other',
      })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  const step = (caseId: string, stepId: string, who: string, body: object) =>
    http().post(`/cases/${caseId}/steps/${stepId}`).set(h[who]).send(body);
  const listed = (who: string, query: string) =>
    http()
      .get(`/cases?${query}`)
      .set(h[who])
      .expect(200)
      .then((r) => r.body.items as { caseId: string; personId: string; status: string }[]);
  const listedCase = (who: string, query: string, caseId: string) =>
    listed(who, query).then((items) => items.find((c) => c.caseId === caseId));
  const open = (caseId: string, positionId: string) =>
    http().post('/cases').set(h.staff).send({
      id: caseId,
      procedure: 'competitive_exam',
      definition: 'exam.leadership-post',
      positionId,
      orgUnitId: 'ou-town',
      summary: 'Thi tuyển chức danh trưởng phòng',
    });
  const register = (caseId: string, people: string[]) =>
    step(caseId, 'registration', 'staff', {
      heldOn: today,
      minutesRef: 'BB-DK',
      candidates: people.map((personId) => ({ personId })),
    });
  /** Five members present; each candidate gets the five scores given. */
  const scores = (entries: [string, number[]][], extra: object = {}) => ({
    heldOn: today,
    minutesRef: 'BB-CHAM',
    board: { members: 5, present: 5 },
    scores: entries.map(([personId, memberScores]) => ({ personId, memberScores })),
    ...extra,
  });
  const five = (n: number) => [n, n, n, n, n];

  async function openAndRegister(caseId: string, positionId: string, people: string[]) {
    await open(caseId, positionId).expect(201);
    await step(caseId, 'exam-scheme', 'staff', {
      heldOn: today,
      minutesRef: 'KH-01',
      conclusion: 'Đề án thi tuyển được phê duyệt',
    }).expect(200);
    await register(caseId, people).expect(200);
  }

  it('appoints the winner by the highest total and puts the post on their record', async () => {
    const opened = await open('c-exam', 'pos-head-1').expect(201);
    expect(opened.body).toMatchObject({
      definition: 'exam.leadership-post@1',
      procedure: 'appointment',
      personId: null,
      fillsPost: true,
    });
    await step('c-exam', 'exam-scheme', 'staff', {
      heldOn: today,
      minutesRef: 'KH-01',
      conclusion: 'Đề án thi tuyển được phê duyệt',
    }).expect(200);
    const registered = await register('c-exam', ['p-an', 'p-binh', 'p-cuong']).expect(200);
    expect(registered.body.nominees).toEqual(['p-an', 'p-binh', 'p-cuong']);
    // p-cuong averages 40, under the pass mark of 50: only two go on to the interview.
    const written = await step(
      'c-exam',
      'written-project',
      'secretary',
      scores([
        ['p-an', [80, 82, 78, 80, 80]],
        ['p-binh', five(70)],
        ['p-cuong', five(40)],
      ]),
    ).expect(200);
    expect(written.body.nominees).toEqual(['p-an', 'p-binh']);
    // Totals: p-an 80 + 70 = 150, p-binh 70 + 85 = 155.
    const interview = await step(
      'c-exam',
      'interview',
      'secretary',
      scores([
        ['p-an', five(70)],
        ['p-binh', five(85)],
      ]),
    ).expect(200);
    expect(interview.body).toMatchObject({ appointee: 'p-binh', currentStep: { id: 'result' } });
    // The secretary who typed them is not among the roles that see unannounced scores; staff are.
    const asStaff = await http().get('/cases/c-exam').set(h.staff).expect(200);
    const scored = asStaff.body.steps.find((s: { stepId: string }) => s.stepId === 'interview');
    expect(scored.winner).toEqual({ personId: 'p-binh', by: 'highest_total', rule: null });
    expect(scored.scores).toEqual([
      expect.objectContaining({ personId: 'p-an', average: 70, total: 150, outcome: 'passed' }),
      expect.objectContaining({ personId: 'p-binh', average: 85, total: 155, outcome: 'passed' }),
    ]);
    // A candidate never sees the board's scores, even with a role that may.
    const asCandidate = await http().get('/cases/c-exam').set(h.candidate).expect(200);
    const hidden = asCandidate.body.steps.find((s: { stepId: string }) => s.stepId === 'interview');
    expect(hidden).toMatchObject({
      reason: 'withheld from the subject',
      withheld: ['scores', 'reason', 'passed'],
      winner: { personId: 'p-binh' },
    });
    expect(hidden.scores).toBeUndefined();
    // Nor who passed, from the case's nominees (before: they listed those still standing).
    expect(asCandidate.body).toMatchObject({
      nominees: null,
      nomineesWithheld: 'withheld from the subject',
    });
    for (const nominee of asCandidate.body.nomineeTallies ?? [])
      expect(nominee.standing).toBeNull();
    await step('c-exam', 'result', 'staff', {
      heldOn: today,
      minutesRef: 'TB-KQ',
      conclusion: 'Công bố kết quả: người trúng tuyển p-binh',
    }).expect(200);
    // Before the decision the case names nobody: the person filter does not reveal the winner.
    const waiting = await eventually(
      () => listedCase('candidate', 'procedure=appointment', 'c-exam'),
      (item) => item?.status === 'open',
    );
    expect(waiting).toMatchObject({ personId: null, status: 'open' });
    expect(await listedCase('candidate', 'person=p-binh', 'c-exam')).toBeUndefined();
    // Whoever recorded the scores may not issue the decision.
    await step('c-exam', 'decision', 'secretary', {
      heldOn: today,
      number: '318/QĐ-UBND',
      signer: 'Chủ tịch UBND',
      effectiveFrom: today,
    }).expect(403);
    const decided = await step('c-exam', 'decision', 'leader', {
      heldOn: today,
      number: '318/QĐ-UBND',
      signer: 'Chủ tịch UBND',
      effectiveFrom: today,
    }).expect(200);
    expect(decided.body).toMatchObject({ status: 'decided', appointee: 'p-binh' });
    // The decision names the winner: the case is theirs in the list (before: personId "") and
    // in their history (before: absent although it put them into the post).
    const linked = await eventually(
      () => listedCase('staff', 'person=p-binh', 'c-exam'),
      (item) => item?.status === 'decided',
    );
    expect(linked).toMatchObject({ personId: 'p-binh', status: 'decided' });
    expect(await listedCase('staff', 'procedure=appointment', 'c-exam')).toMatchObject({
      personId: 'p-binh',
    });
    const history = await eventually(
      () =>
        http()
          .get('/cadres/p-binh/history')
          .set(h.auditor)
          .expect(200)
          .then((r) => r.body.events as { streamId: string; type: string; personId: string }[]),
      (events) => events.some((e) => e.type === 'DecisionIssued'),
    );
    const ofTheCase = history.filter((e) => e.streamId === 'appointment-c-exam');
    expect(ofTheCase.map((e) => e.type)).toEqual(
      expect.arrayContaining(['CaseOpened', 'ExamScoresRecorded', 'DecisionIssued']),
    );
    expect(ofTheCase.find((e) => e.type === 'DecisionIssued')?.personId).toBe('p-binh');
    // The runner-up's history does not hold the case the winner was appointed by.
    const runnerUp = await http().get('/cadres/p-an/history').set(h.auditor).expect(200);
    expect(
      runnerUp.body.events.filter((e: { streamId: string }) => e.streamId === 'appointment-c-exam'),
    ).toEqual([]);
    const winner = await eventually(
      () => record('p-binh'),
      (body) => body.posts.some((p: { positionId: string }) => p.positionId === 'pos-head-1'),
    );
    expect(winner.posts.map((p: { positionId: string }) => p.positionId)).toEqual(['pos-head-1']);
    expect((await record('p-an')).posts.map((p: { positionId: string }) => p.positionId)).toEqual([
      'pos-deputy',
    ]);
  });

  it("refuses a candidate who does not meet the post's standards, naming the rule, and writes nothing", async () => {
    await open('c-exam-refused', 'pos-head-2').expect(201);
    const before = await step('c-exam-refused', 'exam-scheme', 'staff', {
      heldOn: today,
      minutesRef: 'KH-02',
      conclusion: 'Đề án thi tuyển được phê duyệt',
    }).expect(200);
    const refused = await register('c-exam-refused', ['p-an', 'p-old']).expect(422);
    expect(refused.body).toMatchObject({
      rule: 'exam.candidate_ineligible',
      field: 'candidates[1].personId',
    });
    expect(refused.body.message).toMatch(
      /p-old does not meet the post's standards: years_to_retirement: retires on/,
    );
    expect(refused.body.message).toMatch(/Luật|Nghị định|Quy định|Bộ luật/);
    const tooFew = await register('c-exam-refused', ['p-an']).expect(422);
    expect(tooFew.body).toMatchObject({ rule: 'exam.too_few_candidates', field: 'candidates' });
    expect(tooFew.body.message).toMatch(/at least 2 \(.*Nghị định 170\/2025/);
    const after = await http().get('/cases/c-exam-refused').set(h.staff).expect(200);
    expect(after.body.revision).toBe(before.body.revision);
    expect(after.body.currentStep.id).toBe('registration');
  });

  it('refuses a candidate who holds the post already, naming the rule and the route, and writes nothing', async () => {
    await open('c-exam-holder', 'pos-head-6').expect(201);
    const before = await step('c-exam-holder', 'exam-scheme', 'staff', {
      heldOn: today,
      minutesRef: 'KH-06',
      conclusion: 'Đề án thi tuyển được phê duyệt',
    }).expect(200);
    const refused = await register('c-exam-holder', ['p-an', 'p-dung']).expect(422);
    expect(refused.body).toMatchObject({
      rule: 'exam.candidate_holds_post',
      field: 'candidates[1].personId',
    });
    expect(refused.body.message).toMatch(
      /p-dung already holds pos-head-6 since .*: an examination is held to fill a post the candidates do not hold; to renew the term held, use re-appointment/,
    );
    const after = await http().get('/cases/c-exam-holder').set(h.staff).expect(200);
    expect(after.body.revision).toBe(before.body.revision);
    expect(after.body.currentStep.id).toBe('registration');
    await register('c-exam-holder', ['p-an', 'p-cuong']).expect(200);
  });

  it('refuses scores off the scale or from too small a board, and rejects the case when nobody passes', async () => {
    await openAndRegister('c-exam-fail', 'pos-head-3', ['p-an', 'p-binh']);
    const offScale = await step(
      'c-exam-fail',
      'written-project',
      'secretary',
      scores([
        ['p-an', [80, 80, 80, 80, 101]],
        ['p-binh', five(60)],
      ]),
    ).expect(400);
    expect(offScale.body).toMatchObject({
      rule: 'exam.score_out_of_scale',
      field: 'scores[0].memberScores[4]',
    });
    const smallBoard = await step('c-exam-fail', 'written-project', 'secretary', {
      ...scores([
        ['p-an', [80, 80, 80, 80]],
        ['p-binh', [60, 60, 60, 60]],
      ]),
      board: { members: 7, present: 4 },
    }).expect(422);
    expect(smallBoard.body).toMatchObject({
      rule: 'exam.board_too_few_present',
      field: 'board.present',
    });
    const missing = await step(
      'c-exam-fail',
      'written-project',
      'secretary',
      scores([['p-an', five(80)]]),
    ).expect(400);
    expect(missing.body).toMatchObject({ rule: 'exam.candidate_missing', field: 'scores' });
    const failed = await step(
      'c-exam-fail',
      'written-project',
      'secretary',
      scores([
        ['p-an', five(49)],
        ['p-binh', [50, 40, 45, 50, 49]],
      ]),
    ).expect(200);
    expect(failed.body).toMatchObject({
      status: 'rejected',
      rejection: { rule: 'exam.no_candidate_passed' },
    });
  });

  it('level totals go to the last part, then to the authority’s choice', async () => {
    await openAndRegister('c-exam-tie', 'pos-head-4', ['p-an', 'p-binh']);
    await step(
      'c-exam-tie',
      'written-project',
      'secretary',
      scores([
        ['p-an', five(80)],
        ['p-binh', five(80)],
      ]),
    ).expect(200);
    const level = scores([
      ['p-an', five(75)],
      ['p-binh', five(75)],
    ]);
    const needsChoice = await step('c-exam-tie', 'interview', 'secretary', level).expect(422);
    expect(needsChoice.body).toMatchObject({
      rule: 'exam.level_candidates_need_choice',
      field: 'winnerChoice',
    });
    expect(needsChoice.body.message).toMatch(/Nghị định 170\/2025/);
    const chosen = await step('c-exam-tie', 'interview', 'secretary', {
      ...level,
      winnerChoice: 'p-an',
    }).expect(200);
    const interview = chosen.body.steps.find((s: { stepId: string }) => s.stepId === 'interview');
    expect(interview.withheld).toEqual(['scores', 'reason', 'passed']);
    expect(interview.winner).toMatchObject({ personId: 'p-an', by: 'authority_choice' });
    expect(chosen.body.appointee).toBe('p-an');
  });

  it('keeps every id inside the caller’s grant', async () => {
    await open('c-exam-scope', 'pos-head-5').expect(201);
    await step('c-exam-scope', 'exam-scheme', 'staff', {
      heldOn: today,
      minutesRef: 'KH-03',
      conclusion: 'Đề án thi tuyển được phê duyệt',
    }).expect(200);
    const outside = await register('c-exam-scope', ['p-an', 'p-outside']).expect(403);
    expect(outside.body).toMatchObject({
      rule: 'scope.out_of_scope',
      field: 'candidates[1].personId',
    });
    const otherUnit = await http()
      .post('/cases/c-exam-scope/steps/registration')
      .set(h.other)
      .send({ heldOn: today, minutesRef: 'X', candidates: [{ personId: 'p-outside' }] })
      .expect(403);
    expect(otherUnit.body).toMatchObject({ rule: 'scope.out_of_scope', field: 'id' });
    await http().get('/cases/c-exam-scope').set(h.other).expect(403);
  });

  it('records a missed registration period on the case', async () => {
    await open('c-exam-late', 'pos-head-3').expect(201);
    await step('c-exam-late', 'exam-scheme', 'staff', {
      heldOn: today,
      minutesRef: 'KH-04',
      conclusion: 'Đề án thi tuyển được phê duyệt',
    }).expect(200);
    const stream = 'appointment-c-exam-late';
    let rows: { data: { timerId: string; dueAt: string; payload: Record<string, unknown> } }[] = [];
    for (let tries = 0; tries < 100 && rows.length === 0; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      ({ rows } = await t.db.pool.query(
        "SELECT data FROM events WHERE type = 'TimerScheduled.v1' AND data->>'target' = $1 AND data->'payload'->>'stepId' = 'registration'",
        [stream],
      ));
    }
    expect(rows).toHaveLength(1);
    // 30 calendar days, moved to the next working day when the last one is off.
    const due = addCalendarDays(today, 30);
    expect(rows[0].data.dueAt.slice(0, 10) >= due).toBe(true);
    expect(calendar.isWorkingDay(rows[0].data.dueAt.slice(0, 10))).toBe(true);
    const handler = t.app.get(TimerHandlerRegistry).get('step-deadline')!;
    await handler(
      {
        timerId: rows[0].data.timerId,
        kind: 'step-deadline',
        target: stream,
        dueAt: new Date(rows[0].data.dueAt),
        payload: rows[0].data.payload,
      },
      {
        idSeed: `timer:${rows[0].data.timerId}`,
        metadata: {
          actorId: 'system:timer:step-deadline',
          correlationId: 'c',
          causationId: null,
          occurredAt: new Date().toISOString(),
        },
        now: new Date(),
      },
    );
    const missed = await t.db.pool.query(
      "SELECT data FROM events WHERE stream_id = $1 AND type = 'DeadlineMissed.v1'",
      [stream],
    );
    expect(missed.rows.map((r) => r.data.stepId)).toEqual(['registration']);
  });
});
