import request from 'supertest';
import {
  buildPostAppointmentTown,
  eventually,
  townHeaders,
  vietnamToday,
} from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A person's record names the open cases for a post that name them a standing nominee
 * (`nominatedIn`), beside those opened for them (`openCases`): before, a nominee's page read
 * "Hồ sơ đang xử lý: Không có" while they stood, chosen even, in an open appointment.
 */
describe("a nominee's record names the cases they stand in", () => {
  let t: TestApp;
  let h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const step = (caseId: string, stepId: string, who: string, body: object) =>
    http().post(`/cases/${caseId}/steps/${stepId}`).set(h[who]).send(body);
  const nominatedIn = async (personId: string) =>
    (await http().get(`/cadres/${personId}`).set(h.staff).expect(200)).body as {
      openCases: { caseId: string }[];
      nominatedIn: { caseId: string; procedure: string; stage: string | null; since: string }[];
    };

  beforeAll(async () => {
    t = await startTestApp('person_nominated_in', { RUN_WORKERS: 'true' });
    h = townHeaders(t, { staff: ['organization_staff'], secretary: ['ballot_secretary'] });
    await buildPostAppointmentTown(t, h.staff, today);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the case while the person stands, not once the nomination left them out', async () => {
    await http()
      .post('/cases')
      .set(h.staff)
      .send({
        id: 'c-post',
        procedure: 'appointment',
        definition: 'appointment.internal',
        positionId: 'pos-head-1',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm Trưởng phòng',
      })
      .expect(201);
    const round1 = { heldOn: today, minutesRef: 'BB-1', conclusion: 'post agreed' };
    await step('c-post', 'leadership-round-1', 'staff', round1).expect(200);
    expect((await nominatedIn('p-an')).nominatedIn).toEqual([]);
    // Nobody past half of the 15 summoned: the top two stand, p-cuong does not.
    await step('c-post', 'expanded-nomination', 'secretary', {
      heldOn: today,
      minutesRef: 'BB-2',
      members: 15,
      summoned: 15,
      present: 15,
      invalid: 0,
      candidates: [
        { personId: 'p-an', votes: 7 },
        { personId: 'p-binh', votes: 6 },
        { personId: 'p-cuong', votes: 2 },
      ],
    }).expect(200);
    // The case list follows the case a moment behind.
    const an = await eventually(
      () => nominatedIn('p-an'),
      (body) => body.nominatedIn.length > 0,
    );
    expect(an.nominatedIn).toEqual([
      { caseId: 'c-post', procedure: 'appointment', stage: null, since: today },
    ]);
    expect(an.openCases).toEqual([]);
    expect((await nominatedIn('p-binh')).nominatedIn.map((c) => c.caseId)).toEqual(['c-post']);
    expect((await nominatedIn('p-cuong')).nominatedIn).toEqual([]);
  });
});
