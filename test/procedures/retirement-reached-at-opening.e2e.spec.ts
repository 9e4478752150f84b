import request from 'supertest';
import { buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Every procedure whose decision gives the person a post refuses, at its opening, one who has
 * reached the retirement age (`retirement.age`: Bộ luật Lao động 2019 art. 169, Nghị định
 * 135/2020): their definitions name the `retirement_reached` opening check, judged by one function
 * (`definitionOpeningRefusals`) with one rule, field and sentence. Before, a transfer, an election
 * nomination, an approval in principle and a consultation opened (201) and ran until their
 * decision, and a rotation said only that too few years were left
 * (`rotation.too_close_to_retirement`); an appointment and a rotation judged it in their own code.
 */
describe('opening a case that gives a post to a person past the retirement age', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);

  beforeAll(async () => {
    t = await startTestApp('retirement_reached_opening');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-director', rank: 5 },
        { id: 'pos-deputy', rank: 4 },
        { id: 'pos-head', rank: 5 },
      ],
      people: [
        {
          // Retires on 2020-01-31 (60 under Bộ luật Lao động 2012, and the month's end).
          id: 'p-old',
          dateOfBirth: '1960-01-01',
          gender: 'male',
          posts: [{ positionId: 'pos-director', from: '2015-01-01', termEnd: null }],
          // In no planning pool: the pool takes no one who cannot serve a full term
          // (planning.not_enough_working_time).
        },
        // Born 1982-05-05: retires in 2044.
        { id: 'p-young', pool: ['pos-deputy'] },
      ],
    });
    await http()
      .post('/positions')
      .set(staff)
      .send({
        id: 'pos-vice-chair',
        title: 'pos-vice-chair',
        orgUnitId: 'ou-town',
        appointingAuthority: 'ou-town',
        rank: 4,
        filledBy: 'election',
      })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  const open = (procedure: string, definition: string, personId: string, positionId: string) =>
    http()
      .post('/cases')
      .set(staff)
      .send({ procedure, definition, personId, positionId, orgUnitId: 'ou-town', summary: 'x' });

  it.each([
    ['appointment', 'appointment.internal', 'pos-deputy'],
    ['competitive_exam', 'exam.leadership-post', 'pos-deputy'],
    ['transfer', 'transfer.standard', 'pos-deputy'],
    ['rotation', 'rotation.standard', 'pos-deputy'],
    ['election', 'election.nomination', 'pos-vice-chair'],
    ['approval_in_principle', 'approval.in-principle', 'pos-deputy'],
    ['consultation', 'consultation.inter-level', 'pos-deputy'],
  ])(
    '%s refuses them 422 age.retirement_reached on personId',
    async (procedure, definition, positionId) => {
      const refused = await open(procedure, definition, 'p-old', positionId).expect(422);
      expect(refused.body).toMatchObject({
        rule: 'age.retirement_reached',
        field: 'personId',
        retirementDate: '2020-01-31',
      });
      expect(refused.body.message).toMatch(
        /^personId: p-old reached the retirement age: retires on 2020-01-31, on or before /,
      );
    },
  );

  it('the eligibility asked before opening gives the refusal the opening gives, first', async () => {
    const opened = (procedure: string, definition: string) =>
      open(procedure, definition, 'p-old', 'pos-deputy').expect(422);
    const eligibility = (procedure: string) =>
      http()
        .get(`/cadres/p-old/eligibility?for=pos-deputy&procedure=${procedure}`)
        .set(staff)
        .expect(200);
    const rotation = await opened('rotation', 'rotation.standard');
    const asked = await eligibility('rotation');
    expect(asked.body.eligible).toBe(false);
    expect(asked.body.reasons[0]).toEqual({
      rule: rotation.body.rule,
      reason: rotation.body.message,
    });
    const appointment = await opened('appointment', 'appointment.internal');
    const appointable = await eligibility('appointment');
    expect(appointable.body.eligible).toBe(false);
    expect(appointable.body.reasons[0]).toEqual({
      rule: appointment.body.rule,
      reason: appointment.body.message.replace(/^personId: p-old /, ''),
    });
  });

  it('a competitive examination refuses them as a candidate at registration, as a nominee is', async () => {
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'c-exam',
        procedure: 'competitive_exam',
        definition: 'exam.leadership-post',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Thi tuyển',
      })
      .expect(201);
    const today = vietnamToday();
    await http()
      .post('/cases/c-exam/steps/exam-scheme')
      .set(staff)
      .send({ heldOn: today, minutesRef: 'KH-01', conclusion: 'Đề án thi tuyển được phê duyệt' })
      .expect(200);
    const refused = await http()
      .post('/cases/c-exam/steps/registration')
      .set(staff)
      .send({
        heldOn: today,
        minutesRef: 'BB-DK',
        candidates: [{ personId: 'p-young' }, { personId: 'p-old' }],
      })
      .expect(422);
    expect(refused.body).toMatchObject({
      rule: 'age.retirement_reached',
      field: 'candidates[1].personId',
      retirementDate: '2020-01-31',
    });
    expect(refused.body.message).toMatch(
      /^candidates\[1\]\.personId: p-old reached the retirement age: retires on 2020-01-31, .*Bộ luật Lao động 2019/,
    );
  });

  it('still opens a transfer of one who has not reached it', async () => {
    await open('transfer', 'transfer.standard', 'p-young', 'pos-deputy').expect(201);
  });
});
