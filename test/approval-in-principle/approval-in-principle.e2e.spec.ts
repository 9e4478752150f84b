import * as path from 'node:path';
import request from 'supertest';
import { addCalendarDays, loadCalendar } from '../../src/workflow/calendar/working-day-calendar';
import { prerequisiteFixture } from '../support/prerequisite-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Approval in principle (xin chủ trương) over HTTP: a department runs the appointment to a post
 * the city appoints, so it asks the city first; the appointment waits for the answer.
 */
describe('approval in principle before an appointment', () => {
  let t: TestApp;
  let cityStaff: Record<string, string>;
  let staff: Record<string, string>;
  let authority: Record<string, string>;
  let fixture: ReturnType<typeof prerequisiteFixture>;
  const http = () => request(t.server as never);
  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  const calendar = loadCalendar(path.resolve(__dirname, '../../seeds/calendar'));

  beforeAll(async () => {
    t = await startTestApp('approval-in-principle', { RUN_WORKERS: 'true' });
    cityStaff = {
      Authorization: `Bearer ${t.token('u-city-staff', ['organization_staff'], 'ou-city')}`,
    };
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-dept')}` };
    authority = { Authorization: `Bearer ${t.token('u-chair', ['leadership'], 'ou-city')}` };
    fixture = prerequisiteFixture(t, { orgUnitId: 'ou-dept', staff, today });
    await http()
      .post('/org-units')
      .set({ Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-city')}` })
      .send({ id: 'ou-city', name: 'UBND thành phố Demo', kind: 'town' })
      .expect(201);
    await http()
      .post('/org-units')
      .set(cityStaff)
      .send({ id: 'ou-dept', name: 'Sở Nội vụ Demo', kind: 'party_committee', parentId: 'ou-city' })
      .expect(201);
    for (const id of ['pos-director', 'pos-refused', 'pos-late'])
      await http()
        .post('/positions')
        .set(cityStaff)
        .send({ id, title: id, orgUnitId: 'ou-dept', appointingAuthority: 'ou-city', rank: 5 })
        .expect(201);
    await fixture.registerProposedPerson(cityStaff);
  });
  afterAll(async () => {
    await t?.close();
  });

  const openApproval = (id: string, positionId: string) =>
    fixture.openCase(
      {
        procedure: 'approval_in_principle',
        definition: 'approval.in-principle',
        summary: 'Xin chủ trương bổ nhiệm Giám đốc',
      },
      id,
      positionId,
    );
  const request_ = (id: string, heldOn = today) =>
    fixture.sendRequest(id, 'Tờ trình 12/TTr-SNV', heldOn);
  const answer = (id: string, heldOn = today) =>
    http().post(`/cases/${id}/steps/authority-answer`).set(authority).send({
      heldOn,
      number: '88/UBND-TCCB',
      signer: 'Chủ tịch UBND thành phố',
      effectiveFrom: heldOn,
    });
  const openAppointment = (id: string, positionId: string, approvalInPrincipleCaseId?: string) =>
    fixture.openCase(
      {
        procedure: 'appointment',
        definition: 'appointment.internal',
        summary: 'Bổ nhiệm Giám đốc',
        ...(approvalInPrincipleCaseId ? { approvalInPrincipleCaseId } : {}),
      },
      id,
      positionId,
    );
  const firstStep = (id: string) => fixture.firstStep(id);

  it('refuses an appointment to a post the city appoints without its approval, naming the rule', async () => {
    const refused = await openAppointment('c-none', 'pos-director').expect(422);
    expect(refused.body).toMatchObject({
      rule: 'appointment.approval_in_principle_required',
      field: 'approvalInPrincipleCaseId',
    });
    expect(refused.body.message).toMatch(
      /pos-director run by ou-dept needs the approval in principle of ou-city first \(Nghị định 170\/2025\/NĐ-CP, art. 33/,
    );
    // Nothing was written: the case does not exist (a missing case answers 403, as one out of reach).
    await http().get('/cases/c-none').set(staff).expect(403);
  });

  it('asks, waits for the answer within 15 working days, then lets the appointment run', async () => {
    const opened = await openApproval('c-aip', 'pos-director').expect(201);
    expect(opened.body).toMatchObject({
      definition: 'approval.in-principle@1',
      currentStep: { id: 'request', kind: 'proposal' },
    });
    const asked = await request_('c-aip').expect(200);
    expect(asked.body.currentStep).toMatchObject({
      id: 'authority-answer',
      dueOn: calendar.addWorkingDays(today, 15),
    });

    await openAppointment('c-appoint', 'pos-director', 'c-aip').expect(201);
    const waiting = await firstStep('c-appoint').expect(422);
    expect(waiting.body.rule).toBe('appointment.approval_in_principle_pending');
    // The field the appointment names it by (before: none).
    expect(waiting.body.field).toBe('approvalInPrincipleCaseId');
    expect(waiting.body.message).toMatch(
      `(c-aip) has not been given yet: its current step is due on ${calendar.addWorkingDays(today, 15)}`,
    );

    const approved = await answer('c-aip').expect(200);
    expect(approved.body.status).toBe('decided');
    expect(approved.body.decision).toMatchObject({
      number: '88/UBND-TCCB',
      termEnd: calendar.addWorkingDays(today, 30),
    });
    // The approval assigns nobody a post: only the appointment's decision will.
    const person = await http().get('/cadres/p-an').set(staff).expect(200);
    expect(person.body.posts).toEqual([]);

    const ran = await firstStep('c-appoint').expect(200);
    expect(ran.body.currentStep.id).toBe('expanded-nomination');

    // The case list and the staff's inbox follow approval cases as any other.
    let listed: { caseId: string; status: string }[] = [];
    for (let tries = 0; tries < 100 && listed[0]?.status !== 'decided'; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      listed = (await http().get('/cases?procedure=approval_in_principle').set(staff).expect(200))
        .body.items;
    }
    expect(listed).toEqual([expect.objectContaining({ caseId: 'c-aip', status: 'decided' })]);
  });

  it('keeps the appointment from running after the authority refused', async () => {
    await openApproval('c-aip-refused', 'pos-refused').expect(201);
    await request_('c-aip-refused').expect(200);
    await http()
      .post('/cases/c-aip-refused/reject')
      .set(staff)
      .send({ reason: 'Văn bản 90/UBND: chưa đồng ý, chờ sắp xếp tổ chức' })
      .expect(200);
    await openAppointment('c-appoint-refused', 'pos-refused', 'c-aip-refused').expect(201);
    const refused = await firstStep('c-appoint-refused').expect(422);
    expect(refused.body.rule).toBe('appointment.approval_in_principle_refused');
    expect(refused.body.message).toMatch(/was rejected: Văn bản 90\/UBND: chưa đồng ý/);
  });

  it('refuses the first step once the 30 working days the approval gave have run out', async () => {
    const asked = addCalendarDays(today, -80);
    // The approval began on paper 80 days ago: a records clerk opens it as of that day (its first
    // step is not dated before the case was opened), and the request went out then.
    const clerk = {
      Authorization: `Bearer ${t.token('u-clerk', ['organization_staff', 'records_clerk'], 'ou-dept')}`,
    };
    await http()
      .post('/cases')
      .set(clerk)
      .send({
        id: 'c-aip-late',
        procedure: 'approval_in_principle',
        definition: 'approval.in-principle',
        summary: 'Xin chủ trương bổ nhiệm Giám đốc',
        personId: 'p-an',
        positionId: 'pos-late',
        orgUnitId: 'ou-dept',
        openedOn: asked,
        paperRecordRef: 'HS-TTr-12',
      })
      .expect(201);
    // 70 calendar days hold more than 30 working days, Tết included.
    const signed = addCalendarDays(today, -70);
    // The request went out before the answer it got: a step is not dated before the one before it.
    await request_('c-aip-late', asked).expect(200);
    await answer('c-aip-late', signed).expect(200);
    await openAppointment('c-appoint-late', 'pos-late', 'c-aip-late').expect(201);
    const late = await firstStep('c-appoint-late').expect(422);
    expect(late.body.rule).toBe('appointment.approval_in_principle_expired');
    expect(late.body.message).toMatch(
      `gave until ${calendar.addWorkingDays(signed, 30)} to complete the appointment; today is ${today}`,
    );
  });

  it('names an approval case for another post only to be refused', async () => {
    const other = await openAppointment('c-appoint-other', 'pos-late', 'c-aip').expect(422);
    expect(other.body).toMatchObject({
      rule: 'appointment.approval_in_principle_other_post',
      field: 'approvalInPrincipleCaseId',
    });
  });

  it('names an approval given for another person only to be refused', async () => {
    await http()
      .post('/cadres')
      .set(staff)
      .send({
        id: 'p-binh',
        fullName: 'Trần Thị Bình',
        dateOfBirth: '1982-06-01',
        gender: 'female',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'Thạc sĩ',
        politicalTheoryLevel: 'Cao cấp',
        orgUnitId: 'ou-dept',
      })
      .expect(201);
    // Before: 201, the appointment of p-binh resting on the approval asked for p-an.
    const other = await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'c-appoint-binh',
        procedure: 'appointment',
        definition: 'appointment.internal',
        summary: 'Bổ nhiệm Giám đốc',
        personId: 'p-binh',
        positionId: 'pos-director',
        orgUnitId: 'ou-dept',
        approvalInPrincipleCaseId: 'c-aip',
      })
      .expect(422);
    expect(other.body).toMatchObject({
      rule: 'appointment.approval_in_principle_other_person',
      field: 'approvalInPrincipleCaseId',
    });
    expect(other.body.message).toMatch(/c-aip asks approval for p-an, not p-binh/);
  });

  it("records the authority's missed deadline on the approval case", async () => {
    await http()
      .post('/positions')
      .set(cityStaff)
      .send({
        id: 'pos-slow',
        title: 'pos-slow',
        orgUnitId: 'ou-dept',
        appointingAuthority: 'ou-city',
        rank: 4,
      })
      .expect(201);
    await openApproval('c-aip-slow', 'pos-slow').expect(201);
    await request_('c-aip-slow').expect(200);
    const stream = 'approval_in_principle-c-aip-slow';
    const rows = await fixture.scheduledStepTimers(stream, 'authority-answer');
    expect(rows).toHaveLength(1);
    expect(rows[0].data.dueAt).toBe(`${calendar.addWorkingDays(today, 15)}T17:00:00.000Z`);
    await fixture.fireStepDeadline(stream, rows[0].data);
    expect(await fixture.missedSteps(stream)).toEqual(['authority-answer']);
  });
});
