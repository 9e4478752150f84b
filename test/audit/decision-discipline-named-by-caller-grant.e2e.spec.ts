import request from 'supertest';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * An appointment's decision refused for a discipline case opened since the vetting is read by
 * whoever sends the decision, so the case is named as far as the caller's grant reaches, as the
 * opening's and a nomination's refusals name it. Before, a province leader deciding a town case
 * was told of the province committee's own case as "a discipline case opened by another unit",
 * without its id (judged by the town's grant, which does not reach it); a town leader still is.
 */
describe("an appointment decision's discipline refusal, named by the caller's grant", () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (userId: string, roles: string[], unit: string) => ({
    Authorization: `Bearer ${t.token(userId, roles, unit)}`,
  });
  const townStaff = () => as('u-town-staff', ['organization_staff'], 'ou-town');
  const townSecretary = () => as('u-town-secretary', ['ballot_secretary'], 'ou-town');
  const townLeader = () => as('u-town-leader', ['leadership'], 'ou-town');
  const provLeader = () => as('u-prov-leader', ['leadership'], 'ou-prov');
  const provInspector = () => as('u-prov-inspector', ['inspector'], 'ou-prov');
  const step = (stepId: string, who: Record<string, string>, body: object) =>
    http().post(`/cases/c-appoint/steps/${stepId}`).set(who).send(body);
  const nomination = {
    heldOn: today,
    minutesRef: 'BB-2',
    members: 15,
    summoned: 15,
    present: 15,
    invalid: 0,
    candidates: [{ personId: 'p-official', votes: 12 }],
  };
  const tally = { members: 9, summoned: 9, present: 9, for: 8, against: 1, abstain: 0, invalid: 0 };
  const ballot = {
    heldOn: today,
    minutesRef: 'BB-3',
    tallies: [{ personId: 'p-official', tally }],
  };
  const decision = {
    heldOn: today,
    number: '216-QĐ/TU',
    signer: 'Bí thư Thị ủy',
    effectiveFrom: today,
  };
  const streams = ['appointment-c-appoint', 'cadre-p-official'];

  beforeAll(async () => {
    t = await startTestApp('decision_named_by_caller', { RUN_WORKERS: 'true' });
    await buildRegistry(t, townStaff(), {
      within: { id: 'ou-prov', name: 'Tỉnh Demo', kind: 'province' },
      positions: [
        { id: 'pos-deputy', rank: 4 },
        { id: 'pos-head', rank: 5 },
      ],
      people: [
        {
          id: 'p-official',
          posts: [{ positionId: 'pos-deputy', from: addDays(today, -1500), termEnd: null }],
          pool: ['pos-head'],
        },
      ],
    });
    await http()
      .post('/org-units')
      .set(as('u-admin', ['admin'], 'ou-prov'))
      .send({
        id: 'ou-prov-party',
        name: 'Tỉnh ủy Demo',
        kind: 'party_committee',
        parentId: 'ou-prov',
      })
      .expect(201);
    await http()
      .post('/cases')
      .set(townStaff())
      .send({
        id: 'c-appoint',
        procedure: 'appointment',
        definition: 'appointment.internal',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm trưởng',
      })
      .expect(201);
    await step('leadership-round-1', townStaff(), {
      heldOn: today,
      minutesRef: 'BB-1',
      conclusion: 'post agreed',
    }).expect(200);
    await step('expanded-nomination', townSecretary(), nomination).expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses a nominee's head decision at a ballot whose rule gives the head no tie to break", async () => {
    const before = await streamEventCount(t.db.pool, streams);
    const refused = await step('leadership-round-2', townSecretary(), {
      ...ballot,
      tallies: [{ personId: 'p-official', tally, headDecision: 'for' }],
    }).expect(400);
    expect(refused.body).toMatchObject({
      rule: 'step.field_not_taken',
      field: 'tallies[0].headDecision',
    });
    expect(refused.body.message).toContain(
      'the ballot of step leadership-round-2 does not let the head of the collective break a tie (headBreaksTie: false',
    );
    expect(await streamEventCount(t.db.pool, streams)).toBe(before);
  });

  it('the decision names the case to a leader whose grant reaches it, and not to one whose grant does not', async () => {
    await step('leadership-round-2', townSecretary(), ballot).expect(200);
    await step('key-officials-nomination', townSecretary(), nomination).expect(200);
    const final = await step('leadership-round-3', townSecretary(), ballot).expect(200);
    expect(final.body).toMatchObject({ appointee: 'p-official', currentStep: { id: 'vetting' } });
    await step('vetting', townStaff(), {
      heldOn: today,
      items: [
        'background',
        'asset_declaration',
        'political_standards',
        'residence_party_cell_opinion',
        'health',
      ].map((item) => ({ item, result: 'cleared', note: 'verified' })),
    }).expect(200);
    // The province committee, the town's sibling, opens a case about the appointee since.
    await http()
      .post('/discipline-cases')
      .set(provInspector())
      .send({
        id: 'd-sibling',
        definition: 'discipline.party',
        personId: 'p-official',
        orgUnitId: 'ou-prov-party',
        summary: 'Vi phạm quy định về đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -100),
          description: 'chi tiết vụ việc',
          source: 'inspection',
        },
      })
      .expect(201);
    await eventually(
      async () =>
        (
          await http()
            .get('/cadres/p-official')
            .set(as('u-prov-auditor', ['auditor'], 'ou-prov'))
            .expect(200)
        ).body,
      (body: { openCases: { caseId: string }[] }) =>
        body.openCases.some((c) => c.caseId === 'd-sibling'),
    );
    const before = await streamEventCount(t.db.pool, streams);

    const named = await step('decision', provLeader(), decision).expect(422);
    expect(named.body).toMatchObject({
      rule: 'discipline.case_open',
      disciplineCases: ['d-sibling'],
      disciplineCasesElsewhere: 0,
    });
    expect(named.body.detail).toContain('(discipline case d-sibling)');
    expect(named.body.detail).not.toContain('opened by another unit');

    const told = await step('decision', townLeader(), decision).expect(422);
    expect(told.body).toMatchObject({
      rule: 'discipline.case_open',
      disciplineCases: [],
      disciplineCasesElsewhere: 1,
    });
    expect(told.body.detail).toContain('(a discipline case opened by another unit)');
    expect(JSON.stringify(told.body)).not.toContain('d-sibling');
    expect(await streamEventCount(t.db.pool, streams)).toBe(before);
  });
});
