import request from 'supertest';
import {
  addDays,
  buildPostAppointmentTown,
  townHeaders,
  vietnamToday,
} from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { partyReprimand } from './support/party-reprimand';

/**
 * A discipline decision's `sameViolationCaseId` and a complaint's `complainantName` sent as only
 * spaces were refused "X is required", as if absent; every other text field says "must not be
 * blank (only spaces)". And a decision naming an appointment case of the same unit as the same
 * violation was told "discipline case c-st2 does not exist": it exists, and is not a discipline
 * case (one outside the caller's units is still answered as an absent one is).
 */
describe('blank texts and a linked case that is not a discipline case', () => {
  let t: TestApp;
  let h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const decision = (sameViolationCaseId: string) =>
    http().post('/discipline-cases/d-open/steps/decision').set(h.leader).send({
      heldOn: today,
      number: '45-QĐ/UBKT',
      signer: 'Chủ nhiệm UBKT',
      form: 'reprimand',
      effectiveFrom: today,
      sameViolationCaseId,
    });

  beforeAll(async () => {
    t = await startTestApp('discipline_blank_and_link');
    h = townHeaders(t, {
      staff: ['organization_staff'],
      inspector: ['inspector'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
    });
    await buildPostAppointmentTown(t, h.staff, today);
    await http()
      .post('/cases')
      .set(h.staff)
      .send({
        id: 'c-st2',
        procedure: 'appointment',
        definition: 'appointment.internal',
        positionId: 'pos-head-1',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm Trưởng phòng',
      })
      .expect(201);
    await http()
      .post('/discipline-cases')
      .set(h.inspector)
      .send({
        id: 'd-open',
        definition: 'discipline.party',
        personId: 'p-an',
        orgUnitId: 'ou-town',
        summary: 'Vi phạm quy định quản lý tài chính',
        violation: {
          category: 'budget',
          committedOn: addDays(today, -60),
          description: 'Chi sai quy định',
          source: 'inspection',
        },
      })
      .expect(201);
    for (const [stepId, who, extra] of [
      ['verification', 'inspector', { violationConfirmed: true }],
      ['self-criticism', 'staff', {}],
      ['review', 'inspector', {}],
    ] as const)
      await http()
        .post(`/discipline-cases/d-open/steps/${stepId}`)
        .set(h[who])
        .send({ heldOn: today, minutesRef: 'BB', conclusion: 'Kết luận', ...extra })
        .expect(200);
    const tally = { members: 5, summoned: 5, present: 5, invalid: 0, noDiscipline: 0 };
    await http()
      .post('/discipline-cases/d-open/steps/ballot')
      .set(h.secretary)
      .send({ heldOn: today, minutesRef: 'BB', tally: { ...tally, votesByForm: { reprimand: 5 } } })
      .expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a blank sameViolationCaseId is "must not be blank", as other fields say', async () => {
    const refused = await decision('   ').expect(400);
    expect(refused.body.message).toBe('sameViolationCaseId must not be blank (only spaces)');
  });

  it('a blank complainantName is "must not be blank", as other fields say', async () => {
    await partyReprimand(t, { caseId: 'd-done', personId: 'p-binh', day: today, number: '1-QĐ' });
    const refused = await http()
      .post('/discipline-cases/d-done/complaints')
      .set(h.staff)
      .send({ filedOn: today, grounds: 'Hình thức quá nặng', complainantName: '   ' })
      .expect(400);
    expect(refused.body.message).toBe('complainantName must not be blank (only spaces)');
  });

  it('an appointment case of the unit is said not to be a discipline case', async () => {
    const refused = await decision('c-st2').expect(422);
    expect(refused.body.rule).toBe('discipline.same_violation_not_discipline');
    expect(refused.body.message).toContain('c-st2 is not a discipline case');
    // A case nobody opened reads as one outside the grant, as before: no existence leak.
    const absent = await decision('c-none').expect(403);
    expect(JSON.stringify(absent.body)).not.toContain('not a discipline case');
  });
});
