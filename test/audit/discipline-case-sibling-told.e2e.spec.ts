import request from 'supertest';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A discipline case about a town's official opened in a unit that is not above the town (the
 * province's Party committee, the town's sibling) is told to the town without its id, as one a
 * unit above opened is, but as what it is: "a discipline case opened by another unit". Before,
 * the eligibility reason and the refusal of an appointment's opening said "by a unit above"; the
 * refusal of a re-appointment's opening ("1 opened by a unit above") and a suspension's facts still
 * did after that.
 */
describe('a discipline case a sibling unit opened, as the town is told of it', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (userId: string, roles: string[], unit: string) => ({
    Authorization: `Bearer ${t.token(userId, roles, unit)}`,
  });
  const townStaff = () => as('u-town-staff', ['organization_staff'], 'ou-town');
  const provInspector = () => as('u-prov-inspector', ['inspector'], 'ou-prov');

  beforeAll(async () => {
    t = await startTestApp('case_sibling_told', { RUN_WORKERS: 'true' });
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
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the eligibility reason says another unit opened it, without its id', async () => {
    const eligibility = await http()
      .get('/cadres/p-official/eligibility?for=pos-head')
      .set(townStaff())
      .expect(200);
    const open = (eligibility.body.reasons as { rule: string; reason: string }[]).find(
      (r) => r.rule === 'discipline.case_open',
    );
    expect(open?.reason).toMatch(/^a discipline case opened by another unit is open/);
    expect(JSON.stringify(eligibility.body)).not.toContain('d-sibling');
    expect(JSON.stringify(eligibility.body)).not.toContain('unit above');
  });

  it("the appointment's opening is refused telling of it the same way", async () => {
    const refused = await http()
      .post('/cases')
      .set(townStaff())
      .send({
        id: 'c-appoint',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-official',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm trưởng',
      })
      .expect(422);
    expect(refused.body.rule).toBe('discipline.case_open');
    expect(refused.body.message).toContain('a discipline case opened by another unit');
    expect(JSON.stringify(refused.body)).not.toContain('d-sibling');
  });

  it("a re-appointment's opening is refused counting it as opened by another unit", async () => {
    const refused = await http()
      .post('/cases')
      .set(townStaff())
      .send({
        id: 'c-reappoint',
        procedure: 'reappointment',
        definition: 'reappointment.standard',
        personId: 'p-official',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm lại phó',
      })
      .expect(422);
    // The person the opening names is what is refused (before: field null).
    expect(refused.body).toMatchObject({
      rule: 'reappointment.discipline_pending',
      field: 'personId',
    });
    expect(refused.body.message).toContain(
      'a discipline case about the holder is pending (1 opened by another unit)',
    );
    expect(JSON.stringify(refused.body)).not.toContain('unit above');
    expect(JSON.stringify(refused.body)).not.toContain('d-sibling');
  });

  it("a suspension's facts count it as opened by another unit", async () => {
    const opened = await http()
      .post('/cases')
      .set(townStaff())
      .send({
        id: 'c-suspend',
        procedure: 'removal',
        definition: 'removal.suspension',
        personId: 'p-official',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Tạm đình chỉ công tác',
      })
      .expect(201);
    expect(opened.body.facts).toMatchObject({
      disciplineCases: [],
      disciplineCasesElsewhere: 1,
      disciplineCasesByAnotherUnit: 1,
    });
    expect(JSON.stringify(opened.body)).not.toContain('d-sibling');
  });
});
