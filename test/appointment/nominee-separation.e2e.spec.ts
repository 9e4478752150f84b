import request from 'supertest';
import { buildPostAppointmentTown, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A case opened for a post names no one until its decision, so separation of duties cannot look
 * only at the person it is about: a nominee or examination candidate takes no step of it, and
 * two accounts of one person are one person to the tally/decision rule. Before, a cadre user
 * holding staff, secretary and leadership roles nominated himself, recorded every ballot and the
 * vetting, and a second account of his appointed him.
 */
describe('nominees and candidates take no step of a post case', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const h: Record<string, Record<string, string>> = {};
  const as = (userId: string, roles: string[], personId?: string) => ({
    Authorization: `Bearer ${t.token(userId, roles, 'ou-town', personId)}`,
  });

  beforeAll(async () => {
    t = await startTestApp('nominee_separation', { RUN_WORKERS: 'true' });
    h.staff = as('u-staff', ['organization_staff']);
    h.secretary = as('u-secretary', ['ballot_secretary']);
    h.leader = as('u-leader', ['leadership']);
    // p-an, a cadre of the town holding every role a post case needs.
    h.an = as('u-an', ['organization_staff', 'ballot_secretary', 'leadership'], 'p-an');
    h.colleague = as('u-colleague', ['organization_staff', 'ballot_secretary', 'leadership']);
    // p-dung records tallies under one account and holds leadership under another.
    h.dungSecretary = as('u-dung', ['ballot_secretary'], 'p-dung');
    h.dungLeader = as('u-dung-2', ['leadership'], 'p-dung');
    await buildPostAppointmentTown(t, h.staff, today);
  });
  afterAll(async () => {
    await t?.close();
  });

  const step = (caseId: string, stepId: string, who: string, body: object) =>
    http().post(`/cases/${caseId}/steps/${stepId}`).set(h[who]).send(body);
  const openPostCase = (caseId: string, positionId: string, who = 'staff') =>
    http().post('/cases').set(h[who]).send({
      id: caseId,
      procedure: 'appointment',
      definition: 'appointment.internal',
      positionId,
      orgUnitId: 'ou-town',
      summary: 'Bổ nhiệm trưởng phòng',
    });
  const nomination = (candidates: [string, number][]) => ({
    heldOn: today,
    minutesRef: 'BB-2',
    members: 15,
    summoned: 15,
    present: 15,
    invalid: 0,
    candidates: candidates.map(([personId, votes]) => ({ personId, votes })),
  });
  const tally = (yes: number) => ({
    members: 9,
    summoned: 9,
    present: 9,
    for: yes,
    against: 9 - yes,
    abstain: 0,
    invalid: 0,
  });
  const ballot = (votes: [string, number][]) => ({
    heldOn: today,
    minutesRef: 'BB-3',
    tallies: votes.map(([personId, yes]) => ({ personId, tally: tally(yes) })),
  });
  const roundOne = {
    heldOn: today,
    minutesRef: 'BB-1',
    conclusion: 'post, standards and planning pool agreed',
  };
  const revisionOf = async (caseId: string) =>
    (await http().get(`/cases/${caseId}`).set(h.staff).expect(200)).body.revision as number;

  it('refuses a step that names the actor as a nominee, and writes nothing', async () => {
    await openPostCase('c-self', 'pos-head-1', 'an').expect(201);
    await step('c-self', 'leadership-round-1', 'an', roundOne).expect(200);
    const before = await revisionOf('c-self');
    const own = await step(
      'c-self',
      'expanded-nomination',
      'an',
      nomination([
        ['p-binh', 5],
        ['p-an', 10],
      ]),
    ).expect(403);
    expect(own.body).toMatchObject({ rule: 'separation.subject', field: 'candidates[1].personId' });
    expect(own.body.message).toMatch(/you are the subject of this case's nominations \(p-an\)/);
    expect(await revisionOf('c-self')).toBe(before);
  });

  it('once named a nominee, the cadre takes no further step, correction or ending of the case; the view says why', async () => {
    await step(
      'c-self',
      'expanded-nomination',
      'secretary',
      nomination([
        ['p-an', 10],
        ['p-binh', 5],
      ]),
    ).expect(200);
    const refused = [
      await step('c-self', 'leadership-round-2', 'an', ballot([['p-an', 8]])),
      await http()
        .post('/cases/c-self/steps/expanded-nomination/corrections')
        .set(h.an)
        .send({ ...nomination([['p-binh', 10]]), reason: 'mistyped' }),
      await http().post('/cases/c-self/withdraw').set(h.an).send({ reason: 'x' }),
      await http().post('/cases/c-self/reject').set(h.an).send({ reason: 'x' }),
    ];
    for (const response of refused) {
      expect(response.status).toBe(403);
      expect(response.body.rule).toBe('separation.subject');
    }
    const view = (await http().get('/cases/c-self').set(h.an).expect(200)).body;
    expect(view.allowedNext).toEqual([]);
    expect(view.readerMayNotAct).toEqual({
      rule: 'separation.subject',
      message: "you are the subject of this case's nominations (p-an) and may not act on it",
    });
    const byStaff = (await http().get('/cases/c-self').set(h.staff).expect(200)).body;
    expect(byStaff.readerMayNotAct).toBeUndefined();
    expect(byStaff.allowedNext.length).toBeGreaterThan(0);
  });

  it('leaves a case naming the reader as a nominee out of their inbox', async () => {
    const items = (who: string) =>
      http()
        .get('/inbox')
        .set(h[who])
        .expect(200)
        .then((r) => r.body.items as { caseId: string; step: string }[]);
    // Projected up to the nomination that names him: the colleague sees the round-2 ballot
    // waiting (the case in the inbox alone may still be at the nomination step, naming no one).
    expect(
      await eventually(
        () => items('colleague'),
        (list) => list.some((i) => i.caseId === 'c-self' && i.step === 'leadership-round-2'),
      ),
    ).toContainEqual(expect.objectContaining({ caseId: 'c-self', step: 'leadership-round-2' }));
    expect((await items('an')).map((i) => i.caseId)).not.toContain('c-self');
  });

  it('another account of whoever recorded a tally may not issue the decision', async () => {
    await openPostCase('c-dung', 'pos-head-2').expect(201);
    await step('c-dung', 'leadership-round-1', 'staff', roundOne).expect(200);
    await step(
      'c-dung',
      'expanded-nomination',
      'dungSecretary',
      nomination([['p-binh', 12]]),
    ).expect(200);
    await step('c-dung', 'leadership-round-2', 'secretary', ballot([['p-binh', 5]])).expect(200);
    await step(
      'c-dung',
      'key-officials-nomination',
      'secretary',
      nomination([['p-binh', 12]]),
    ).expect(200);
    await step('c-dung', 'leadership-round-3', 'secretary', ballot([['p-binh', 5]])).expect(200);
    await step('c-dung', 'vetting', 'staff', {
      heldOn: today,
      items: [
        'background',
        'asset_declaration',
        'political_standards',
        'residence_party_cell_opinion',
        'health',
      ].map((item) => ({ item, result: 'cleared', note: 'verified' })),
    }).expect(200);
    const decision = {
      heldOn: today,
      number: '215-QĐ/TU',
      signer: 'Bí thư Thị ủy',
      effectiveFrom: today,
    };
    const sameperson = await step('c-dung', 'decision', 'dungLeader', decision).expect(403);
    expect(sameperson.body.rule).toBe('separation.tally_and_decision');
    const decided = await step('c-dung', 'decision', 'leader', decision).expect(200);
    expect(decided.body).toMatchObject({ status: 'decided', decision: { appointee: 'p-binh' } });
  });

  it('an examination candidate neither registers himself nor records the board’s scores', async () => {
    await http()
      .post('/cases')
      .set(h.staff)
      .send({
        id: 'c-exam',
        procedure: 'competitive_exam',
        definition: 'exam.leadership-post',
        positionId: 'pos-head-3',
        orgUnitId: 'ou-town',
        summary: 'Thi tuyển trưởng phòng',
      })
      .expect(201);
    await step('c-exam', 'exam-scheme', 'an', {
      heldOn: today,
      minutesRef: 'KH-01',
      conclusion: 'Đề án thi tuyển được phê duyệt',
    }).expect(200);
    const registration = (people: string[]) => ({
      heldOn: today,
      minutesRef: 'BB-DK',
      candidates: people.map((personId) => ({ personId })),
    });
    const himself = await step(
      'c-exam',
      'registration',
      'an',
      registration(['p-binh', 'p-an']),
    ).expect(403);
    expect(himself.body).toMatchObject({
      rule: 'separation.subject',
      field: 'candidates[1].personId',
    });
    await step('c-exam', 'registration', 'staff', registration(['p-an', 'p-binh'])).expect(200);
    const scores = await step('c-exam', 'written-project', 'an', {
      heldOn: today,
      minutesRef: 'BB-CHAM',
      board: { members: 5, present: 5 },
      scores: [
        { personId: 'p-an', memberScores: [90, 90, 90, 90, 90] },
        { personId: 'p-binh', memberScores: [60, 60, 60, 60, 60] },
      ],
    }).expect(403);
    expect(scores.body).toMatchObject({ rule: 'separation.subject', field: 'scores[0].personId' });
    const view = (await http().get('/cases/c-exam').set(h.an).expect(200)).body;
    expect(view.readerMayNotAct).toMatchObject({ rule: 'separation.subject' });
    expect(view.allowedNext).toEqual([]);
  });
});
