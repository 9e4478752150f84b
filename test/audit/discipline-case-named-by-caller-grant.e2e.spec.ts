import request from 'supertest';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A nomination's refusal for a candidate's open discipline case is read by whoever records the
 * nomination, so the case is named as far as the caller's grant reaches, as the opening's refusal
 * names it. Before, a province secretary recording a town case's nomination was told of the
 * province's own case as "a discipline case opened by a unit above" (the town case's unit does not
 * reach it); a town secretary is still told of it without its id.
 */
describe("a nomination's discipline refusal, named by the caller's grant", () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (userId: string, roles: string[], unit: string) => ({
    Authorization: `Bearer ${t.token(userId, roles, unit)}`,
  });
  const townStaff = () => as('u-town-staff', ['organization_staff'], 'ou-town');
  const townSecretary = () => as('u-town-secretary', ['ballot_secretary'], 'ou-town');
  const provSecretary = () => as('u-prov-secretary', ['ballot_secretary'], 'ou-prov');
  const provInspector = () => as('u-prov-inspector', ['inspector'], 'ou-prov');
  const nomination = {
    heldOn: today,
    minutesRef: 'BB-2',
    members: 25,
    summoned: 25,
    present: 24,
    invalid: 0,
    candidates: [
      { personId: 'p-runner-up', votes: 7 },
      { personId: 'p-official', votes: 17 },
    ],
  };

  beforeAll(async () => {
    t = await startTestApp('case_named_by_caller', { RUN_WORKERS: 'true' });
    await buildRegistry(t, townStaff(), {
      within: { id: 'ou-prov', name: 'Tỉnh Demo', kind: 'province' },
      positions: [
        { id: 'pos-deputy', rank: 3 },
        { id: 'pos-head', rank: 4 },
      ],
      people: [
        {
          id: 'p-official',
          posts: [
            { positionId: 'pos-deputy', from: addDays(today, -1700), termEnd: addDays(today, 160) },
          ],
          pool: ['pos-head'],
        },
        { id: 'p-runner-up', pool: ['pos-head'] },
      ],
    });
    await http()
      .post('/discipline-cases')
      .set(provInspector())
      .send({
        id: 'd-prov',
        definition: 'discipline.party',
        personId: 'p-official',
        orgUnitId: 'ou-prov',
        summary: 'Vi phạm quy định về đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -100),
          description: 'chi tiết vụ việc',
          source: 'inspection',
        },
      })
      .expect(201);
    await http()
      .post('/discipline-cases/d-prov/steps/verification')
      .set(provInspector())
      .send({ heldOn: today, minutesRef: 'BB-1', conclusion: 'x', violationConfirmed: true })
      .expect(200);
    await eventually(
      async () =>
        (
          await http()
            .get('/cadres/p-official')
            .set(as('u-prov-auditor', ['auditor'], 'ou-prov'))
            .expect(200)
        ).body,
      (body: { openCases: { caseId: string; stage: string | null }[] }) =>
        body.openCases.some((c) => c.caseId === 'd-prov' && c.stage === 'past_verification'),
    );
    await http()
      .post('/cases')
      .set(townStaff())
      .send({
        id: 'c-appoint',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-runner-up',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm trưởng',
      })
      .expect(201);
    await http()
      .post('/cases/c-appoint/steps/leadership-round-1')
      .set(townStaff())
      .send({ heldOn: today, minutesRef: 'BB-1', conclusion: 'agreed' })
      .expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("names the case to a caller whose grant reaches it, at the candidate's place", async () => {
    const refused = await http()
      .post('/cases/c-appoint/steps/expanded-nomination')
      .set(provSecretary())
      .send(nomination)
      .expect(422);
    expect(refused.body).toMatchObject({
      rule: 'discipline.case_open',
      field: 'candidates[1].personId',
      disciplineCases: ['d-prov'],
      disciplineCasesElsewhere: 0,
    });
    expect(refused.body.detail).toContain('(discipline case d-prov)');
    expect(refused.body.detail).not.toContain('opened by a unit above');
  });

  it('tells a caller whose grant does not reach it of the case without its id', async () => {
    const refused = await http()
      .post('/cases/c-appoint/steps/expanded-nomination')
      .set(townSecretary())
      .send(nomination)
      .expect(422);
    expect(refused.body).toMatchObject({
      rule: 'discipline.case_open',
      field: 'candidates[1].personId',
      disciplineCases: [],
      disciplineCasesElsewhere: 1,
    });
    expect(JSON.stringify(refused.body)).not.toContain('d-prov');
  });
});
