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
 * A cadre under investigation is not appointed (appointment.blockingStatuses, Quy định 377-QĐ/TW
 * art. 20), as the eligibility check has said all along: the opening naming them, the nomination
 * naming them, the vetting of the appointee and the decision each refuse, naming the status, its
 * period and the rule. Before, only GET /cadres/:id/eligibility read the rule: a post case ran to
 * its decision with the vetting's discipline item "no discipline in effect and no open discipline
 * case".
 */
describe('an appointment of a cadre under investigation', () => {
  let t: TestApp;
  let h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const since = addDays(today, -10);
  const http = () => request(t.server as never);
  // The streams an opening writes: the case's own, its id's reservation and its slot.
  const eventCount = (caseId: string, personId: string, positionId: string) =>
    streamEventCount(t.db.pool, [`%-${caseId}`, `caseslot-%/${personId}/${positionId}`]);
  const investigate = (personId: string, from: string) =>
    http()
      .post(`/cadres/${personId}/statuses`)
      .set(h.staff)
      .send({ status: 'under_investigation', from, note: 'Quyết định kiểm tra' })
      .expect(201);
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
  const ballot = (personId: string) => ({
    heldOn: today,
    minutesRef: 'BB-3',
    tallies: [
      {
        personId,
        tally: { members: 9, summoned: 9, present: 9, for: 8, against: 1, abstain: 0, invalid: 0 },
      },
    ],
  });
  const vetting = {
    heldOn: today,
    items: [
      'background',
      'asset_declaration',
      'political_standards',
      'residence_party_cell_opinion',
      'health',
    ].map((item) => ({ item, result: 'cleared', note: 'verified' })),
  };
  const decision = {
    heldOn: today,
    number: '215-QĐ/TU',
    signer: 'Bí thư Thị ủy',
    effectiveFrom: today,
  };

  /** A post case carried to its vetting with one nominee chosen at every step. */
  async function toVetting(caseId: string, positionId: string, personId: string) {
    await open(caseId, positionId).expect(201);
    const round1 = { heldOn: today, minutesRef: 'BB-1', conclusion: 'post agreed' };
    await step(caseId, 'leadership-round-1', 'staff', round1).expect(200);
    await step(caseId, 'expanded-nomination', 'secretary', nomination([[personId, 12]])).expect(
      200,
    );
    await step(caseId, 'leadership-round-2', 'secretary', ballot(personId)).expect(200);
    await step(
      caseId,
      'key-officials-nomination',
      'secretary',
      nomination([[personId, 12]]),
    ).expect(200);
    const final = await step(caseId, 'leadership-round-3', 'secretary', ballot(personId));
    expect(final.body).toMatchObject({ appointee: personId, currentStep: { id: 'vetting' } });
  }

  beforeAll(async () => {
    t = await startTestApp('appt_investigation');
    h = townHeaders(t, {
      staff: ['organization_staff'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
    });
    await buildPostAppointmentTown(t, h.staff, today);
    await investigate('p-cuong', since);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses the opening naming them, as the eligibility check says; nothing written', async () => {
    const eligibility = await http()
      .get('/cadres/p-cuong/eligibility?for=pos-head-1')
      .set(h.staff)
      .expect(200);
    const reason = eligibility.body.reasons.find(
      (r: { rule: string }) => r.rule === 'status.under_investigation',
    );
    const before = await eventCount('c-named', 'p-cuong', 'pos-head-1');
    const refused = await open('c-named', 'pos-head-1', 'p-cuong').expect(422);
    expect(refused.body).toMatchObject({
      rule: 'status.under_investigation',
      field: 'personId',
      status: { status: 'under_investigation', from: since, until: null },
    });
    expect(refused.body.detail).toContain(`p-cuong is ${reason.reason}`);
    expect(refused.body.detail).toContain('art. 20');
    expect(await eventCount('c-named', 'p-cuong', 'pos-head-1')).toBe(before);
  });

  it('refuses the nomination naming them, at their place in the list', async () => {
    await open('c-nominated', 'pos-head-1').expect(201);
    const round1 = { heldOn: today, minutesRef: 'BB-1', conclusion: 'post agreed' };
    await step('c-nominated', 'leadership-round-1', 'staff', round1).expect(200);
    const refused = await step(
      'c-nominated',
      'expanded-nomination',
      'secretary',
      nomination([
        ['p-an', 8],
        ['p-cuong', 7],
      ]),
    ).expect(422);
    expect(refused.body).toMatchObject({
      rule: 'status.under_investigation',
      field: 'candidates[1].personId',
    });
    expect(refused.body.detail).toContain(`under investigation since ${since}`);
  });

  it('flags the vetting of an appointee put under investigation meanwhile, and the decision waits', async () => {
    await toVetting('c-vetted', 'pos-head-2', 'p-an');
    await investigate('p-an', today);
    const vetted = await step('c-vetted', 'vetting', 'staff', vetting).expect(200);
    expect(vetted.body.vetting.discipline_bar).toMatchObject({ result: 'flagged' });
    expect(vetted.body.vetting.discipline_bar.note).toContain(`under investigation since ${today}`);
    const refused = await step('c-vetted', 'decision', 'leader', decision).expect(422);
    expect(refused.body.rule).toBe('vetting.flagged_item_blocks_decision');
  });

  it('refuses the decision when the investigation began after the vetting cleared them', async () => {
    await toVetting('c-decided', 'pos-head-3', 'p-binh');
    const vetted = await step('c-decided', 'vetting', 'staff', vetting).expect(200);
    expect(vetted.body.vetting.discipline_bar).toMatchObject({ result: 'cleared' });
    await investigate('p-binh', today);
    const refused = await step('c-decided', 'decision', 'leader', decision).expect(422);
    expect(refused.body).toMatchObject({
      rule: 'status.under_investigation',
      status: { status: 'under_investigation', from: today, until: null },
    });
    expect(refused.body.detail).toContain('p-binh is under investigation since');
    expect(refused.body.detail).toContain('the decision cannot go ahead');
  });
});
