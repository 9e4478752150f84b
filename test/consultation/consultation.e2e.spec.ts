import * as path from 'node:path';
import request from 'supertest';
import { loadCalendar } from '../../src/workflow/calendar/working-day-calendar';
import { prerequisiteFixture } from '../support/prerequisite-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Inter-level consultation (hiệp y) over HTTP: the people's committee appoints a department head,
 * which needs the line ministry's agreement first; the appointment waits for it.
 */
describe('inter-level consultation before an appointment', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  let fixture: ReturnType<typeof prerequisiteFixture>;
  const http = () => request(t.server as never);
  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  const calendar = loadCalendar(path.resolve(__dirname, '../../seeds/calendar'));

  beforeAll(async () => {
    t = await startTestApp('consultation', { RUN_WORKERS: 'true' });
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-pc')}` };
    fixture = prerequisiteFixture(t, { orgUnitId: 'ou-pc', staff, today });
    await http()
      .post('/org-units')
      .set({ Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-pc')}` })
      .send({ id: 'ou-pc', name: 'UBND tỉnh Demo', kind: 'peoples_committee' })
      .expect(201);
    for (const [id, rank] of [
      ['pos-director', 5],
      ['pos-refused', 5],
      ['pos-slow', 5],
      ['pos-deputy', 4],
    ] as const)
      await http()
        .post('/positions')
        .set(staff)
        .send({ id, title: id, orgUnitId: 'ou-pc', appointingAuthority: 'ou-pc', rank })
        .expect(201);
    await fixture.registerProposedPerson(staff);
  });
  afterAll(async () => {
    await t?.close();
  });

  const openConsultation = (id: string, positionId: string) =>
    fixture.openCase(
      {
        procedure: 'consultation',
        definition: 'consultation.inter-level',
        summary: 'Hiệp y bổ nhiệm Giám đốc Sở',
      },
      id,
      positionId,
    );
  const ask = (id: string) => fixture.sendRequest(id, 'Công văn 5/UBND-NC');
  const openAppointment = (id: string, positionId: string, consultationCaseId?: string) =>
    fixture.openCase(
      {
        procedure: 'appointment',
        definition: 'appointment.internal',
        summary: 'Bổ nhiệm Giám đốc Sở',
        ...(consultationCaseId ? { consultationCaseId } : {}),
      },
      id,
      positionId,
    );
  const firstStep = (id: string) => fixture.firstStep(id);

  it('refuses a department head’s appointment without the agreement, naming the rule; a deputy needs none', async () => {
    const refused = await openAppointment('c-none', 'pos-director').expect(422);
    expect(refused.body).toMatchObject({
      rule: 'appointment.consultation_required',
      field: 'consultationCaseId',
    });
    expect(refused.body.message).toMatch(
      /pos-director \(rank 5 ≥ 5, appointed by the peoples_committee ou-pc\) needs the agreement \(hiệp y\) of the line ministry/,
    );
    await openAppointment('c-deputy', 'pos-deputy').expect(201);
  });

  it('asks, waits for the agreement (15 working days), then lets the appointment run', async () => {
    await openConsultation('c-hy', 'pos-director').expect(201);
    const asked = await ask('c-hy').expect(200);
    expect(asked.body.currentStep).toMatchObject({
      id: 'agreement',
      dueOn: calendar.addWorkingDays(today, 15),
    });
    await openAppointment('c-appoint', 'pos-director', 'c-hy').expect(201);
    const waiting = await firstStep('c-appoint').expect(422);
    expect(waiting.body.rule).toBe('appointment.consultation_pending');
    // The field the appointment names it by (before: none).
    expect(waiting.body.field).toBe('consultationCaseId');
    const agreed = await http()
      .post('/cases/c-hy/steps/agreement')
      .set(staff)
      .send({ heldOn: today, number: '77/BNV-TCBC', signer: 'Bộ Nội vụ', effectiveFrom: today })
      .expect(200);
    expect(agreed.body.status).toBe('decided');
    await firstStep('c-appoint').expect(200);
  });

  it('keeps the appointment from running when the other body did not agree', async () => {
    await openConsultation('c-hy-no', 'pos-refused').expect(201);
    await ask('c-hy-no').expect(200);
    await http()
      .post('/cases/c-hy-no/reject')
      .set(staff)
      .send({ reason: 'Công văn 80/BNV: không đồng ý' })
      .expect(200);
    await openAppointment('c-appoint-no', 'pos-refused', 'c-hy-no').expect(201);
    const refused = await firstStep('c-appoint-no').expect(422);
    expect(refused.body.rule).toBe('appointment.consultation_refused');
    expect(refused.body.message).toMatch(/was rejected: Công văn 80\/BNV: không đồng ý/);
  });

  it("records the other body's missed deadline on the consultation case", async () => {
    await openConsultation('c-hy-slow', 'pos-slow').expect(201);
    await ask('c-hy-slow').expect(200);
    const stream = 'consultation-c-hy-slow';
    const rows = await fixture.scheduledStepTimers(stream);
    expect(rows).toHaveLength(1);
    expect(rows[0].data.dueAt).toBe(`${calendar.addWorkingDays(today, 15)}T17:00:00.000Z`);
    await fixture.fireStepDeadline(stream, rows[0].data);
    expect(await fixture.missedSteps(stream)).toEqual(['agreement']);
  });
});
