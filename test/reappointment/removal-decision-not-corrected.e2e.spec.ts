import request from 'supertest';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A removal (relief) ends a post on a later day than it is decided, while the term's
 * re-appointment waits at its decision step. The removal's decision is the end the post's holding
 * stream (`postholding-…`) records and a re-appointment is judged against, so it stays as issued:
 * staff asking to move its day later with **Sửa bước** are refused (422
 * `step.correction_of_decision`), as is withdrawing the case (409 `case.closed`); the case is not
 * offered the correction and writes nothing; the re-appointment decided after it is refused, and
 * the record shows the post ending on the day decided. Were a decision ever corrected, the holding
 * stream would have to follow it, or a re-appointment would be judged against an end the record no
 * longer shows.
 */
describe('a removal decision staff try to correct', () => {
  let t: TestApp;
  const today = vietnamToday();
  const termEnd = addDays(today, 30);
  const decidedEnd = addDays(today, 10);
  const askedEnd = addDays(today, 20);
  const http = () => request(t.server as never);
  const as = (who: string, role: string) => ({
    Authorization: `Bearer ${t.token(`u-${who}`, [role], 'ou-town')}`,
  });
  const staff = () => as('staff', 'organization_staff');
  const secretary = () => as('secretary', 'ballot_secretary');
  const leader = () => as('leader', 'leadership');
  const tally = { members: 9, summoned: 9, present: 9, for: 8, against: 1, abstain: 0, invalid: 0 };
  const cleared = ['background', 'asset_declaration', 'political_standards', 'health'].map(
    (item) => ({ item, result: 'cleared' }),
  );
  type Step = [string, Record<string, string>, object];

  beforeAll(async () => {
    t = await startTestApp('removal_not_corrected', { RUN_WORKERS: 'true' });
    await buildRegistry(t, staff(), {
      positions: [{ id: 'pos-head', rank: 5 }],
      people: [
        {
          id: 'p-lan',
          posts: [{ positionId: 'pos-head', from: addDays(today, -1800), termEnd }],
          // Rated, so that the re-appointment's vetting is cleared and its decision is judged by
          // the removal alone (an unrated year would flag it and refuse the decision first).
          termRated: true,
        },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const takeSteps = async (caseId: string, steps: Step[]) => {
    for (const [stepId, who, body] of steps)
      await http()
        .post(`/cases/${caseId}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
  };
  const decision = (number: string, effectiveFrom: string) => ({
    heldOn: today,
    number,
    signer: 'Chủ tịch',
    effectiveFrom,
  });
  const record = () =>
    http()
      .get('/cadres/p-lan')
      .set(staff())
      .expect(200)
      .then((r) => r.body);
  let reappointment: string;

  it('brings the re-appointment the service opened and a removal to their decision steps', async () => {
    const opened = await eventually(record, (body) =>
      body.openCases.some((c: { procedure: string }) => c.procedure === 'reappointment'),
    );
    reappointment = opened.openCases.find(
      (c: { procedure: string }) => c.procedure === 'reappointment',
    ).caseId;
    await takeSteps(reappointment, [
      ['self-assessment', staff(), { conclusion: 'ok' }],
      ['key-officials-confidence', secretary(), { minutesRef: 'BB-1', tally }],
      ['head-evaluation', leader(), { conclusion: 'Recommended' }],
      ['leadership-ballot', secretary(), { minutesRef: 'BB-2', tally }],
      ['vetting', staff(), { items: cleared }],
    ]);
    await http()
      .post('/cases')
      .set(staff())
      .send({
        id: 'm-lan',
        procedure: 'removal',
        definition: 'removal.relief',
        personId: 'p-lan',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Cho thôi giữ chức vụ',
        grounds: { kind: 'own_request', reference: 'Đơn ngày 01/12' },
      })
      .expect(201);
    await takeSteps('m-lan', [
      ['talk', staff(), { conclusion: 'Đã trao đổi', personOpinion: 'Đồng ý' }],
      ['leadership-ballot', secretary(), { minutesRef: 'BB-3', tally }],
    ]);
  });

  it('keeps the removal as decided: its day is not moved, and the re-appointment is judged by it', async () => {
    const decided = await http()
      .post('/cases/m-lan/steps/decision')
      .set(leader())
      .send(decision('QĐ-m-lan', decidedEnd))
      .expect(200);
    expect(decided.body.allowedNext).not.toContainEqual(
      expect.objectContaining({ action: 'correct-step' }),
    );

    const corrected = await http()
      .post('/cases/m-lan/steps/decision/corrections')
      .set(staff())
      .set('If-Match', `"${decided.body.revision}"`)
      .send({ ...decision('QĐ-m-lan', askedEnd), reason: 'Ngày hiệu lực ghi nhầm' })
      .expect(422);
    expect(corrected.body).toMatchObject({
      rule: 'step.correction_of_decision',
      field: 'stepId',
    });
    // Issued, taking effect on its later day, and ending the post then (before: "has taken
    // effect (the post and its term are assigned)", untrue of a removal effective later).
    expect(corrected.body.message).toBe(
      `the decision of step decision has been issued and takes effect on ${decidedEnd} (the post ends that day); it cannot be corrected here`,
    );
    // Nor is it undone by withdrawing the case.
    const withdrawn = await http()
      .post('/cases/m-lan/withdraw')
      .set(staff())
      .send({ reason: 'Ngày hiệu lực ghi nhầm' })
      .expect(409);
    expect(withdrawn.body.rule).toBe('case.closed');
    const after = await http().get('/cases/m-lan').set(staff()).expect(200);
    expect(after.body.revision).toBe(decided.body.revision);

    // Refused on the day decided, whether read from the holding or already withdrawn by the removal.
    const renewed = await http()
      .post(`/cases/${reappointment}/steps/decision`)
      .set(leader())
      .send(decision('QĐ-r-lan', termEnd));
    expect([409, 422]).toContain(renewed.status);
    expect(['case.closed', 'reappointment.post_ended']).toContain(renewed.body.rule);
    if (renewed.body.rule === 'reappointment.post_ended')
      expect(renewed.body).toMatchObject({ endedOn: decidedEnd, termEnd });

    // The record ends the post on the day decided, and no renewed term of it is to come.
    const held = (body: { posts: { positionId: string; endsOn?: string }[] }) =>
      body.posts.find((post) => post.positionId === 'pos-head');
    const settled = await eventually(
      record,
      (body) => body.openCases.length === 0 && held(body)?.endsOn !== undefined,
    );
    expect(held(settled)).toMatchObject({ termEnd, endsOn: decidedEnd });
    expect(settled.upcomingPosts).toEqual([]);
    expect(settled.openCases).toEqual([]);
  });
});
