import request from 'supertest';
import { buildPostAppointmentTown, townHeaders, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * An appointment opened for the post alone, resting on an agreement (hiệp y) or an approval in
 * principle asked for one person: its nominations bring up that person and nobody else (before:
 * the nominations named another person and the decision appointed them, 200 decided).
 */
describe('an appointment for the post rests on the agreement or approval asked for one person', () => {
  let t: TestApp;
  let h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);

  beforeAll(async () => {
    t = await startTestApp('prerequisite-other-nominee', { RUN_WORKERS: 'true' });
    h = townHeaders(t, {
      staff: ['organization_staff'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
    });
    await buildPostAppointmentTown(t, h.staff, today);
  });
  afterAll(async () => {
    await t?.close();
  });

  const step = (caseId: string, stepId: string, who: string, body: object) =>
    http().post(`/cases/${caseId}/steps/${stepId}`).set(h[who]).send(body);
  const signed = { heldOn: today, effectiveFrom: today, signer: 'Chủ tịch UBND' };

  /** A prerequisite case asked for p-an on the post, given (its request, then `who` answers). */
  async function givenForAn(
    opening: object,
    id: string,
    positionId: string,
    answer: { stepId: string; who: string },
  ) {
    await http()
      .post('/cases')
      .set(h.staff)
      .send({ id, ...opening, personId: 'p-an', positionId, orgUnitId: 'ou-town' })
      .expect(201);
    await step(id, 'request', 'staff', { heldOn: today, summary: 'Tờ trình 12/TTr' }).expect(200);
    const given = await step(id, answer.stepId, answer.who, { ...signed, number: '77/CV' }).expect(
      200,
    );
    expect(given.body.status).toBe('decided');
  }

  /** An appointment opened for the post alone (no person) naming the prerequisite case. */
  async function openForPost(caseId: string, positionId: string, named: object) {
    await http()
      .post('/cases')
      .set(h.staff)
      .send({
        id: caseId,
        procedure: 'appointment',
        definition: 'appointment.internal',
        positionId,
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm Trưởng phòng',
        ...named,
      })
      .expect(201);
    await step(caseId, 'leadership-round-1', 'staff', {
      heldOn: today,
      minutesRef: 'BB-1',
      conclusion: 'post and standards agreed',
    }).expect(200);
  }

  /** A nomination in which all 15 summoned name one candidate. */
  const nominationOf = (personId: string) => ({
    heldOn: today,
    minutesRef: 'BB-2',
    members: 15,
    summoned: 15,
    present: 15,
    invalid: 0,
    candidates: [{ personId, votes: 15 }],
  });
  const nominate = (caseId: string, stepId: string, personId: string) =>
    step(caseId, stepId, 'secretary', nominationOf(personId));

  it('refuses to nominate another person than the one the agreement (hiệp y) was asked for, then appoints that one', async () => {
    await givenForAn(
      { procedure: 'consultation', definition: 'consultation.inter-level', summary: 'Hiệp y' },
      'c-hy',
      'pos-head-1',
      // Whoever each definition lets record the answer.
      { stepId: 'agreement', who: 'staff' },
    );
    await openForPost('c-post-hy', 'pos-head-1', { consultationCaseId: 'c-hy' });
    // Before: 200, p-binh the nominee, and in the end the decision appointing p-binh.
    const refused = await nominate('c-post-hy', 'expanded-nomination', 'p-binh').expect(422);
    expect(refused.body).toMatchObject({
      rule: 'appointment.consultation_other_person',
      field: 'candidates[0].personId',
    });
    expect(refused.body.message).toMatch(
      /p-binh would become a nominee, but consultationCaseId c-hy asks agreement for p-an, not p-binh/,
    );
    // Nothing was written: the case still waits for its nomination, with no nominee.
    const unchanged = await http().get('/cases/c-post-hy').set(h.staff).expect(200);
    expect(unchanged.body).toMatchObject({
      nominees: null,
      currentStep: { id: 'expanded-nomination' },
    });

    // The person the agreement was asked for goes through to the decision.
    const tally = { members: 9, summoned: 9, present: 9, for: 9, against: 0, abstain: 0 };
    const ballot = { heldOn: today, minutesRef: 'BB-3', tally: { ...tally, invalid: 0 } };
    await nominate('c-post-hy', 'expanded-nomination', 'p-an').expect(200);
    await step('c-post-hy', 'leadership-round-2', 'secretary', ballot).expect(200);
    await nominate('c-post-hy', 'key-officials-nomination', 'p-an').expect(200);
    await step('c-post-hy', 'leadership-round-3', 'secretary', ballot).expect(200);
    await step('c-post-hy', 'vetting', 'staff', {
      heldOn: today,
      items: [
        'background',
        'asset_declaration',
        'political_standards',
        'residence_party_cell_opinion',
        'health',
      ].map((item) => ({ item, result: 'cleared', note: 'verified' })),
    }).expect(200);
    const decided = await step('c-post-hy', 'decision', 'leader', {
      ...signed,
      number: '215-QĐ/UBND',
    }).expect(200);
    expect(decided.body).toMatchObject({ status: 'decided', decision: { appointee: 'p-an' } });
  });

  it('refuses to nominate another person than the one the approval in principle was asked for', async () => {
    await givenForAn(
      {
        procedure: 'approval_in_principle',
        definition: 'approval.in-principle',
        summary: 'Xin chủ trương',
      },
      'c-aip',
      'pos-head-2',
      { stepId: 'authority-answer', who: 'leader' },
    );
    await openForPost('c-post-aip', 'pos-head-2', { approvalInPrincipleCaseId: 'c-aip' });
    const refused = await nominate('c-post-aip', 'expanded-nomination', 'p-binh').expect(422);
    expect(refused.body).toMatchObject({
      rule: 'appointment.approval_in_principle_other_person',
      field: 'candidates[0].personId',
    });
    expect(refused.body.message).toMatch(
      /approvalInPrincipleCaseId c-aip asks approval for p-an, not p-binh/,
    );
    const nominated = await nominate('c-post-aip', 'expanded-nomination', 'p-an').expect(200);
    expect(nominated.body).toMatchObject({ status: 'open', nominees: ['p-an'] });
    // Nor does correcting the nomination bring another person up in their place.
    const corrected = await http()
      .post('/cases/c-post-aip/steps/expanded-nomination/corrections')
      .set(h.staff)
      .send({ ...nominationOf('p-binh'), reason: 'ghi nhầm người được giới thiệu' })
      .expect(422);
    expect(corrected.body).toMatchObject({
      rule: 'appointment.approval_in_principle_other_person',
      field: 'candidates[0].personId',
    });
  });
});
