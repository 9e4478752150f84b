import request from 'supertest';
import {
  addDays,
  buildPostAppointmentTown,
  townHeaders,
  vietnamToday,
} from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Appointing someone to the post they hold is no appointment: their term is renewed by
 * re-appointment (bổ nhiệm lại, the definition's `postAlreadyHeld`). The opening naming the holder
 * refused them already; a post case's nomination named them and carried them through three
 * ballots and the vetting, only the vetting's `years_in_post` flag stopping the decision. Now the
 * nomination refuses them at their place in the list, writing nothing.
 */
describe('an appointment naming the holder of its post', () => {
  let t: TestApp;
  let h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const heldSince = addDays(today, -400);
  const termEnd = addDays(today, 1425);
  const http = () => request(t.server as never);
  // The streams an opening writes: the case's own, its id's reservation and its slot.
  const openingEvents = (caseId: string, personId: string, positionId: string) =>
    streamEventCount(t.db.pool, [`%-${caseId}`, `caseslot-%/${personId}/${positionId}`]);
  const step = (caseId: string, stepId: string, who: string, body: object) =>
    http().post(`/cases/${caseId}/steps/${stepId}`).set(h[who]).send(body);
  const open = (caseId: string, positionId: string, personId?: string) =>
    http()
      .post('/cases')
      .set(h.staff)
      .send({
        id: caseId,
        procedure: 'appointment',
        definition: 'appointment.internal',
        positionId,
        ...(personId ? { personId } : {}),
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm Trưởng phòng',
      });
  const nomination = (candidates: [string, number][]) => ({
    heldOn: today,
    minutesRef: 'BB-2',
    members: 15,
    summoned: 15,
    present: 15,
    invalid: 0,
    candidates: candidates.map(([personId, votes]) => ({ personId, votes })),
  });

  beforeAll(async () => {
    t = await startTestApp('appt_nominee_holds_post');
    h = townHeaders(t, { staff: ['organization_staff'], secretary: ['ballot_secretary'] });
    await buildPostAppointmentTown(t, h.staff, today);
    await http()
      .post('/cadres/p-an/posts')
      .set(h.staff)
      .send({ positionId: 'pos-head-2', from: heldSince, termEnd, decisionRef: '15/QĐ-UBND' })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses the opening naming the holder, pointing to re-appointment; nothing written', async () => {
    const before = await openingEvents('c-named', 'p-an', 'pos-head-2');
    const refused = await open('c-named', 'pos-head-2', 'p-an').expect(422);
    expect(refused.body.rule).toBe('appointment.already_holds_post');
    expect(refused.body.detail).toContain('p-an already holds pos-head-2; use re-appointment');
    expect(await openingEvents('c-named', 'p-an', 'pos-head-2')).toBe(before);
  });

  it('refuses the nomination naming the holder at their place in the list; nothing written', async () => {
    await open('c-post', 'pos-head-2').expect(201);
    const round1 = { heldOn: today, minutesRef: 'BB-1', conclusion: 'post agreed' };
    await step('c-post', 'leadership-round-1', 'staff', round1).expect(200);
    const before = await streamEventCount(t.db.pool, ['appointment-c-post']);
    const refused = await step(
      'c-post',
      'expanded-nomination',
      'secretary',
      nomination([
        ['p-binh', 8],
        ['p-an', 7],
      ]),
    ).expect(422);
    // Before: 200, p-an stood as a nominee.
    expect(refused.body).toMatchObject({
      rule: 'appointment.already_holds_post',
      field: 'candidates[1].personId',
      personId: 'p-an',
      positionId: 'pos-head-2',
      heldSince,
      termEnd,
    });
    expect(refused.body.detail).toContain(
      `p-an already holds pos-head-2 since ${heldSince} (term until ${termEnd})`,
    );
    expect(refused.body.detail).toContain('use re-appointment');
    expect(await streamEventCount(t.db.pool, ['appointment-c-post'])).toBe(before);
    const still = await http().get('/cases/c-post').set(h.staff).expect(200);
    expect(still.body).toMatchObject({
      nominees: null,
      currentStep: { id: 'expanded-nomination' },
    });
    // Those who do not hold the post are nominated as before (nobody past half: the top two).
    const nominated = await step(
      'c-post',
      'expanded-nomination',
      'secretary',
      nomination([
        ['p-binh', 7],
        ['p-cuong', 6],
      ]),
    ).expect(200);
    expect(nominated.body.nominees).toEqual(['p-binh', 'p-cuong']);
  });
});
