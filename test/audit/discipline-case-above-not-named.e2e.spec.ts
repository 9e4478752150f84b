import request from 'supertest';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A province's discipline case about a town's official still weighs in the town's procedures: it
 * holds back a re-appointment and an appointment to a higher post, and grounds a suspension. But
 * the town may not read the case (`GET /discipline-cases/:id` is 403 to it), so what it is told and
 * what its cases store speak of "a discipline case opened by a unit above", never its id. Before,
 * the re-appointment refusal, the suspension's facts, the eligibility reason and the vetting note
 * each named `d-above`. The refusal of an appointment's opening naming the official, which the
 * case holds back from its opening, tells of it the same way.
 */
describe('a discipline case a unit above opened, as the unit below is told of it', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (userId: string, roles: string[], unit: string) => ({
    Authorization: `Bearer ${t.token(userId, roles, unit)}`,
  });
  const townStaff = () => as('u-town-staff', ['organization_staff'], 'ou-town');
  const townSecretary = () => as('u-town-secretary', ['ballot_secretary'], 'ou-town');
  const townAuditor = () => as('u-town-auditor', ['auditor'], 'ou-town');
  const provInspector = () => as('u-prov-inspector', ['inspector'], 'ou-prov');
  const noIdAbove = (body: unknown) => expect(JSON.stringify(body)).not.toContain('d-above');

  beforeAll(async () => {
    t = await startTestApp('case_above_unnamed', { RUN_WORKERS: 'true' });
    await buildRegistry(t, townStaff(), {
      within: { id: 'ou-prov', name: 'Tỉnh Demo', kind: 'province' },
      positions: [
        { id: 'pos-deputy', rank: 3 },
        { id: 'pos-head', rank: 4 },
        { id: 'pos-head-2', rank: 4 },
      ],
      people: [
        {
          id: 'p-official',
          posts: [
            { positionId: 'pos-deputy', from: addDays(today, -1700), termEnd: addDays(today, 160) },
          ],
          pool: ['pos-head'],
        },
        { id: 'p-runner-up' },
      ],
    });
    // The town's appointment of the official, carried to its vetting before the case above opens
    // (from its opening the case refuses an opening or a nomination naming the official).
    const meeting = { heldOn: today, minutesRef: 'BB-1', conclusion: 'agreed' };
    const nomination = {
      heldOn: today,
      minutesRef: 'BB-2',
      members: 25,
      summoned: 25,
      present: 24,
      invalid: 0,
      candidates: [
        { personId: 'p-official', votes: 17 },
        { personId: 'p-runner-up', votes: 7 },
      ],
    };
    const ballot = {
      heldOn: today,
      minutesRef: 'BB-3',
      tally: { members: 13, summoned: 13, present: 12, for: 9, against: 3, abstain: 0, invalid: 0 },
    };
    await http()
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
      .expect(201);
    for (const [step, who, body] of [
      ['leadership-round-1', townStaff, meeting],
      ['expanded-nomination', townSecretary, nomination],
      ['leadership-round-2', townSecretary, ballot],
      ['key-officials-nomination', townSecretary, nomination],
      ['leadership-round-3', townSecretary, ballot],
    ] as const)
      await http().post(`/cases/c-appoint/steps/${step}`).set(who()).send(body).expect(200);
    await http()
      .post('/discipline-cases')
      .set(provInspector())
      .send({
        id: 'd-above',
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
      .post('/discipline-cases/d-above/steps/verification')
      .set(provInspector())
      .send({ heldOn: today, minutesRef: 'BB-1', conclusion: 'x', violationConfirmed: true })
      .expect(200);
    // The record notes the case's stage by a saga: wait until the province reads it past verification.
    await eventually(
      async () =>
        (
          await http()
            .get('/cadres/p-official')
            .set(as('u-prov-auditor', ['auditor'], 'ou-prov'))
            .expect(200)
        ).body,
      (body: { openCases: { caseId: string; stage: string | null }[] }) =>
        body.openCases.some((c) => c.caseId === 'd-above' && c.stage === 'past_verification'),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the eligibility for a higher post says a case opened above bars it, without its id', async () => {
    const town = await http()
      .get('/cadres/p-official/eligibility?for=pos-head')
      .set(townStaff())
      .expect(200);
    expect(town.body.eligible).toBe(false);
    expect(town.body.reasons).toContainEqual({
      rule: 'discipline.case_open',
      reason: expect.stringMatching(/^a discipline case opened by a unit above is open \(/),
    });
    noIdAbove(town.body);
    // The province, whose case it is, reads its id.
    const province = await http()
      .get('/cadres/p-official/eligibility?for=pos-head')
      .set(as('u-prov-staff', ['organization_staff'], 'ou-prov'))
      .expect(200);
    expect(JSON.stringify(province.body)).toContain('discipline case d-above is open');
  });

  it('the opening naming the official is refused for the case, not naming it', async () => {
    const refused = await http()
      .post('/cases')
      .set(townStaff())
      .send({
        id: 'c-appoint-later',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-official',
        positionId: 'pos-head-2',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm trưởng',
      })
      .expect(422);
    expect(refused.body).toMatchObject({
      rule: 'discipline.case_open',
      field: 'personId',
      disciplineCases: [],
      disciplineCasesElsewhere: 1,
    });
    expect(refused.body.detail).toContain(
      'p-official is within the period of a discipline case (a discipline case opened by a unit above), open (',
    );
    noIdAbove(refused.body);
  });

  it("the town's appointment vetting flags the case without naming it", async () => {
    const vetted = await http()
      .post('/cases/c-appoint/steps/vetting')
      .set(townStaff())
      .send({
        heldOn: today,
        items: ['background', 'asset_declaration', 'residence_party_cell_opinion', 'health'].map(
          (item) => ({ item, result: 'cleared', note: 'verified' }),
        ),
      })
      .expect(200);
    expect(vetted.body.vetting.discipline_bar).toMatchObject({
      result: 'flagged',
      source: 'record',
      note: expect.stringMatching(/^a discipline case opened by a unit above is pending \(/),
    });
    noIdAbove(vetted.body);
    // The stored vetting note, as the case's history (the audit's reading) gives it.
    // Until the history projection has reached the case, the route answers 404 (no such case).
    const history = await eventually(
      async () => (await http().get('/cases/c-appoint/history').set(townAuditor())).body,
      (body: { events?: { type: string }[] }) =>
        body.events?.some((e) => e.type === 'VettingItemsRecorded') ?? false,
    );
    expect(JSON.stringify(history)).toContain('a discipline case opened by a unit above');
    noIdAbove(history);
  });

  it('a re-appointment is refused for the pending case, not naming it', async () => {
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
    expect(refused.body.rule).toBe('reappointment.discipline_pending');
    expect(JSON.stringify(refused.body)).toContain(
      'a discipline case about the holder is pending (1 opened by a unit above)',
    );
    noIdAbove(refused.body);
  });

  it("a suspension opens on the case above; the town's case counts it, not names it", async () => {
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
    expect(opened.body.facts).toMatchObject({ disciplineCases: [], disciplineCasesElsewhere: 1 });
    noIdAbove(opened.body);
    const read = await http().get('/cases/c-suspend').set(townStaff()).expect(200);
    noIdAbove(read.body);
    const history = await eventually(
      async () =>
        // 404 until the history projection has reached the person: read again.
        (await http().get('/cadres/p-official/history').set(townAuditor())).body,
      (body: { events?: { type: string; data: { caseId?: string } }[] }) =>
        !!body.events?.some((e) => e.type === 'CaseOpened' && e.data.caseId === 'c-suspend'),
    );
    noIdAbove(history);
  });
});
