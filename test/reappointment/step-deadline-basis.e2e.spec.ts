import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

/**
 * Each step's time limit (its definition's steps[].deadline) runs from the day the step before it
 * was held, so a vetting done early leaves a decision due before the day the vetting itself was
 * due (the outside tester's «05/01/2027 tạm tính» then «Quyết định» due 28/12/2026). The view says
 * which limit made each day and from when (currentStep.dueCounted); before, it gave the day alone.
 * And a flagged vetting item sent without its note is refused naming the item, not its position.
 */
describe('where a step deadline is counted from, and a flagged item without its note', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const bearer = (user: string, roles: string[]) => ({
    Authorization: `Bearer ${t.token(user, roles, 'ou-ha-noi')}`,
  });
  const staff = () => bearer('staff-1', ['organization_staff']);
  const tally = (members: number, forVotes: number) => ({
    members,
    summoned: members,
    present: members,
    for: forVotes,
    against: members - forVotes,
    abstain: 0,
    invalid: 0,
  });
  const view = async (id: string) =>
    (await http().get(`/cases/${id}`).set(staff()).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp('step_deadline_basis');
    await buildRegistry(t, staff(), {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      positions: [{ id: 'pos-head', rank: 4 }],
      people: [
        {
          id: 'p-one',
          dateOfBirth: '1980-05-05',
          termRated: true,
          posts: [
            { positionId: 'pos-head', from: addDays(today, -1800), termEnd: addDays(today, 30) },
          ],
        },
      ],
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('names the step limit and the day it runs from; a decision after an early vetting is due first', async () => {
    const opened = await http()
      .post('/cases')
      .set(staff())
      .send({
        id: 'c-basis',
        procedure: 'reappointment',
        definition: 'reappointment.standard',
        personId: 'p-one',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm lại',
      })
      .expect(201);
    // reappointment.standard@3: self-assessment 10 working days, from the opening.
    expect(opened.body.currentStep.dueCounted).toEqual({
      from: opened.body.openedOn,
      since: 'opening',
      workingDays: 10,
      days: null,
    });
    const secretary = bearer('secretary-1', ['ballot_secretary']);
    const leader = bearer('leader-1', ['leadership']);
    const steps: [string, Record<string, string>, object][] = [
      ['self-assessment', staff(), { conclusion: 'ok' }],
      ['key-officials-confidence', secretary, { minutesRef: 'BB-1', tally: tally(40, 30) }],
      ['head-evaluation', leader, { conclusion: 'Recommended' }],
      ['leadership-ballot', secretary, { minutesRef: 'BB-2', tally: tally(13, 11) }],
    ];
    for (const [stepId, who, body] of steps)
      await http()
        .post(`/cases/c-basis/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);

    const atVetting = (await view('c-basis')).currentStep;
    expect(atVetting).toMatchObject({
      id: 'vetting',
      dueLimitedBy: null,
      dueCounted: { from: today, since: 'previousStep', workingDays: 20, days: null },
    });

    // A flagged item without its note: refused on that note, naming the item as the form does.
    const refused = await http()
      .post('/cases/c-basis/steps/vetting')
      .set(staff())
      .send({
        heldOn: today,
        items: [
          { item: 'political_standards', result: 'flagged' },
          { item: 'background', result: 'cleared' },
        ],
      })
      .expect(400);
    expect(refused.body).toMatchObject({ rule: 'field.required', field: 'items[0].note' });
    // Before: «items[0].note: a flagged item needs a note saying why», the item unnamed.
    expect(refused.body.detail).toBe(
      'items[0].note: political_standards («Tiêu chuẩn chính trị») is flagged and needs a note saying why',
    );

    await http()
      .post('/cases/c-basis/steps/vetting')
      .set(staff())
      .send({
        heldOn: today,
        items: ['background', 'asset_declaration', 'political_standards', 'health'].map((item) => ({
          item,
          result: 'cleared',
        })),
      })
      .expect(200);
    const atDecision = (await view('c-basis')).currentStep;
    // The decision's own 15 working days from the day the vetting was held: before the day the
    // vetting's 20 were due, which is the law's figure, and the view says so.
    expect(atDecision).toMatchObject({
      id: 'decision',
      dueCounted: { from: today, since: 'previousStep', workingDays: 15, days: null },
    });
    expect(atDecision.dueOn < atVetting.dueOn).toBe(true);
  });
});
