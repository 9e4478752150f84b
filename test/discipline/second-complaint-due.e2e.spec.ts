import request from 'supertest';
import { movableClock } from '../support/movable-clock';
import { buildRegistry, eventually } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { streamEventCount } from '../support/stream-event-count';
import { disciplineStream } from '../../src/procedures/discipline/discipline-stream';
import { bearerIn, partyReprimand } from './support/party-reprimand';

interface InboxRow {
  caseId: string | null;
  step: string | null;
  dueOn: string | null;
}

/**
 * Everything happens on Fri 20 Nov 2026: a complaint received that day is to be accepted by
 * Mon 30 Nov, and resolved 30 days later (30 Dec) when it is a first complaint, 45 (14 Jan 2027)
 * when it is a second one or a complex first one, 60 (29 Jan 2027) when a complex second one.
 */
const DAY = '2026-11-20';

/**
 * A second complaint against a civil-service discipline decision (khiếu nại lần hai, filed after
 * the first was resolved) is due on its own day: 45 days from its acceptance, 60 for a complex
 * case (Luật Khiếu nại 2011 art. 50, not checked against the published text). Before, every
 * complaint, first or second, was due 30 days from its acceptance, and no complaint could be
 * marked complex.
 */
describe('the due day of a second or complex complaint against a civil-service discipline decision', () => {
  let t: TestApp;
  const clock = movableClock();
  const http = () => request(t.server as never);
  const as = (who: string, role: string) => bearerIn(t)(who, role);
  const staff = () => as('staff', 'organization_staff');
  const leader = () => as('leader', 'leadership');
  const inspector = () => as('inspector', 'inspector');

  beforeAll(async () => {
    t = await startTestApp('discipline_second_complaint', { RUN_WORKERS: 'true' }, { clock });
    await buildRegistry(t, staff(), {
      positions: [],
      people: [{ id: 'p-one' }, { id: 'p-two' }, { id: 'p-three' }, { id: 'p-party' }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A civil servant's case decided (warning) on DAY. */
  async function civilWarning(caseId: string, personId: string): Promise<void> {
    await http()
      .post('/discipline-cases')
      .set(inspector())
      .send({
        id: caseId,
        definition: 'discipline.civil-service',
        personId,
        orgUnitId: 'ou-town',
        summary: 'Vi phạm quy định quản lý ngân sách',
        violation: {
          category: 'budget',
          committedOn: '2026-10-01',
          description: 'Chi sai quy định',
          source: 'report',
          severity: 'warning',
        },
      })
      .expect(201);
    for (const [stepId, who, extra] of [
      ['verification', inspector(), { violationConfirmed: true }],
      ['self-criticism', staff(), {}],
      ['review', inspector(), {}],
    ] as const)
      await http()
        .post(`/discipline-cases/${caseId}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: DAY, minutesRef: 'BB', conclusion: 'Kết luận', ...extra })
        .expect(200);
    const tally = { members: 5, summoned: 5, present: 5, invalid: 0, noDiscipline: 0 };
    await http()
      .post(`/discipline-cases/${caseId}/steps/ballot`)
      .set(as('secretary', 'ballot_secretary'))
      .send({ heldOn: DAY, minutesRef: 'BB', tally: { ...tally, votesByForm: { warning: 5 } } })
      .expect(200);
    await http()
      .post(`/discipline-cases/${caseId}/steps/decision`)
      .set(leader())
      .send({
        heldOn: DAY,
        number: '8-QĐ',
        signer: 'Chủ tịch',
        form: 'warning',
        effectiveFrom: DAY,
      })
      .expect(200);
  }

  const complain = (caseId: string, extra: object = {}) =>
    http()
      .post(`/discipline-cases/${caseId}/complaints`)
      .set(staff())
      .send({ filedOn: DAY, grounds: 'Hình thức quá nặng', ...extra });
  const keepOnReview = (caseId: string) =>
    http()
      .post(`/discipline-cases/${caseId}/complaints/review`)
      .set(leader())
      .send({ heldOn: DAY, number: '9-QĐ', outcome: 'keep', reason: 'Đúng quy định' })
      .expect(200);
  const view = async (caseId: string) =>
    (await http().get(`/discipline-cases/${caseId}`).set(staff()).expect(200)).body;
  /** The inbox's due day of the case's complaint review, once the inbox shows `expected` (or after ~5 s). */
  const inboxDue = async (caseId: string, expected: string) => {
    const row = await eventually(
      async () =>
        (
          (await http().get('/inbox?procedure=discipline').set(leader())).body.items as
            InboxRow[] | undefined
        )?.find((found) => found.caseId === caseId),
      (found) => found?.step === 'complaint-review' && found.dueOn === expected,
    );
    return row?.dueOn;
  };

  it('a second complaint is due 45 days from its acceptance, the first 30, on the case and in the inbox', async () => {
    clock.setDay(DAY);
    await civilWarning('d-second', 'p-one');
    await complain('d-second').expect(200);
    expect((await view('d-second')).complaintReviewDue).toMatchObject({
      dueOn: '2026-12-30',
      provisional: false,
    });
    await keepOnReview('d-second');
    await complain('d-second', { grounds: 'Vẫn quá nặng' }).expect(200);
    clock.reset();

    const after = await view('d-second');
    expect(after.complaints).toEqual([
      expect.objectContaining({ second: false, complex: false, reviewDueOn: '2026-12-30' }),
      expect.objectContaining({ second: true, complex: false, reviewDueOn: '2027-01-14' }),
    ]);
    // Before: 30 Dec 2026 again, as for the first complaint.
    expect(after.complaintReviewDue).toEqual({
      dueOn: '2027-01-14',
      citation: expect.stringMatching(/^Luật Khiếu nại 2011, art\. 50.*second complaint/),
      // Counted through 2027, which has no official holiday schedule: tạm tính, as step deadlines.
      provisional: true,
    });
    expect(await inboxDue('d-second', '2027-01-14')).toBe('2027-01-14');
  });

  it('a complaint the deciding body judges complex is due 45 days from its acceptance as a first one, 60 as a second', async () => {
    clock.setDay(DAY);
    await civilWarning('d-complex', 'p-two');
    await complain('d-complex', { complex: true }).expect(200);
    expect((await view('d-complex')).complaintReviewDue?.dueOn).toBe('2027-01-14');
    await keepOnReview('d-complex');
    await complain('d-complex', { complex: true }).expect(200);
    clock.reset();

    expect((await view('d-complex')).complaints).toEqual([
      expect.objectContaining({ second: false, complex: true, reviewDueOn: '2027-01-14' }),
      expect.objectContaining({ second: true, complex: true, reviewDueOn: '2027-01-29' }),
    ]);
    expect(await inboxDue('d-complex', '2027-01-29')).toBe('2027-01-29');
  });

  it('complex other than true or false is 400 naming it, and no complaint is recorded', async () => {
    clock.setDay(DAY);
    await civilWarning('d-bad', 'p-three');
    const refused = await complain('d-bad', { complex: 'có' }).expect(400);
    clock.reset();
    expect(JSON.stringify(refused.body)).toContain('complex');
    const after = await view('d-bad');
    expect(after.complaints).toEqual([]);
    expect(after.status).toBe('decided');
  });

  it('a complaint against a Party decision marked complex is 422 naming complex and the rule, and nothing is written', async () => {
    clock.setDay(DAY);
    await partyReprimand(t, { caseId: 'd-party', personId: 'p-party', day: DAY, number: '5-QĐ' });
    const before = await streamEventCount(t.db.pool, [disciplineStream('d-party')]);
    const refused = await complain('d-party', { complex: true });
    // Before: 200, the complaint stored as complex with no due day, the flag changing nothing.
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      rule: 'discipline.no_complex_period_on_party_track',
      field: 'complex',
    });
    expect(await streamEventCount(t.db.pool, [disciplineStream('d-party')])).toBe(before);
    const after = await view('d-party');
    expect(after.complaints).toEqual([]);
    expect(after.status).toBe('decided');
    // An ordinary complaint (complex left out, or false) is still taken on the Party track.
    await complain('d-party', { complex: false }).expect(200);
    clock.reset();
    expect((await view('d-party')).complaints).toEqual([
      expect.objectContaining({ complex: false, reviewDueOn: null }),
    ]);
  });
});
