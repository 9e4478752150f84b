import request from 'supertest';
import { movableClock } from '../support/movable-clock';
import { buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { bearerIn, partyReprimand } from './support/party-reprimand';

interface InboxRow {
  caseId: string | null;
  step: string | null;
  stepTitle: string | null;
  stepTitleVi: string | null;
  dueOn: string | null;
}

/** A civil-service complaint received on Fri 20 Nov 2026 is resolved by Wed 30 Dec. */
const CIVIL_DECIDED_ON = '2026-11-20';

interface Action {
  action: string;
  roles?: string[];
}

/**
 * A complaint against a discipline decision puts its review in the deciding leader's inbox under
 * a title (before: the raw id `complaint-review`, and no title in either language), and the case
 * says who may file a complaint and who may review it, so the case page offers each form to them.
 */
describe('a discipline complaint in the inbox and on the case', () => {
  let t: TestApp;
  const today = vietnamToday();
  const clock = movableClock();
  const http = () => request(t.server as never);
  const as = (who: string, role: string) => bearerIn(t)(who, role);
  const staff = () => as('staff', 'organization_staff');
  const leader = () => as('leader', 'leadership');

  beforeAll(async () => {
    t = await startTestApp('discipline_complaint_inbox', { RUN_WORKERS: 'true' }, { clock });
    await buildRegistry(t, staff(), { positions: [], people: [{ id: 'p-one' }, { id: 'p-two' }] });
    await partyReprimand(t, { caseId: 'd-inbox', personId: 'p-one', day: today, number: '3-QĐ' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const actions = async (): Promise<Action[]> =>
    (await http().get('/discipline-cases/d-inbox').set(staff()).expect(200)).body.allowedNext;
  const inboxRow = async (caseId = 'd-inbox') =>
    (await http().get('/inbox?procedure=discipline').set(leader()).expect(200)).body.items.find(
      (row: InboxRow) => row.caseId === caseId,
    ) as InboxRow | undefined;

  it('offers the complaint to whoever may open the case, its review to the deciding role', async () => {
    expect(await actions()).toContainEqual(
      expect.objectContaining({
        action: 'file-complaint',
        roles: ['inspector', 'organization_staff'],
      }),
    );
    await http()
      .post('/discipline-cases/d-inbox/complaints')
      .set(staff())
      .send({ filedOn: today, grounds: 'Hình thức quá nặng' })
      .expect(200);
    expect(await actions()).toEqual([
      expect.objectContaining({ action: 'review-complaint', roles: ['leadership'] }),
    ]);
  });

  // Changed: the civil-service track now has a deadline (below); the Party track still has none.
  it("shows the review in the leader's inbox as Giải quyết khiếu nại, with no deadline on the Party track (no period found)", async () => {
    const row = await eventually(inboxRow, (found) => found?.step === 'complaint-review');
    expect(row).toMatchObject({
      step: 'complaint-review',
      stepTitle: 'Resolve the complaint',
      stepTitleVi: 'Giải quyết khiếu nại',
      dueOn: null,
    });
  });

  /** A civil servant's case decided (warning) and complained of on CIVIL_DECIDED_ON. */
  async function civilWarningComplainedOf(caseId: string): Promise<void> {
    clock.setDay(CIVIL_DECIDED_ON);
    const day = CIVIL_DECIDED_ON;
    const inspector = as('inspector', 'inspector');
    await http()
      .post('/discipline-cases')
      .set(inspector)
      .send({
        id: caseId,
        definition: 'discipline.civil-service',
        personId: 'p-two',
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
      ['verification', inspector, { violationConfirmed: true }],
      ['self-criticism', staff(), {}],
      ['review', inspector, {}],
    ] as const)
      await http()
        .post(`/discipline-cases/${caseId}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: day, minutesRef: 'BB', conclusion: 'Kết luận', ...extra })
        .expect(200);
    const tally = { members: 5, summoned: 5, present: 5, invalid: 0, noDiscipline: 0 };
    await http()
      .post(`/discipline-cases/${caseId}/steps/ballot`)
      .set(as('secretary', 'ballot_secretary'))
      .send({ heldOn: day, minutesRef: 'BB', tally: { ...tally, votesByForm: { warning: 5 } } })
      .expect(200);
    await http()
      .post(`/discipline-cases/${caseId}/steps/decision`)
      .set(leader())
      .send({
        heldOn: day,
        number: '8-QĐ',
        signer: 'Chủ tịch',
        form: 'warning',
        effectiveFrom: day,
      })
      .expect(200);
    await http()
      .post(`/discipline-cases/${caseId}/complaints`)
      .set(staff())
      .send({ filedOn: day, grounds: 'Hình thức quá nặng' })
      .expect(200);
    clock.reset();
  }

  it("gives a civil servant's complaint review its due day: 10 days to accept it, 30 to resolve it (Luật Khiếu nại 2011 art. 50)", async () => {
    await civilWarningComplainedOf('d-civil');
    // Received Fri 20 Nov: accepted by Mon 30 Nov, resolved by Wed 30 Dec 2026 (before: no due day).
    const row = await eventually(
      () => inboxRow('d-civil'),
      (found) => found?.step === 'complaint-review',
    );
    expect(row).toMatchObject({ step: 'complaint-review', dueOn: '2026-12-30' });
    const view = (await http().get('/discipline-cases/d-civil').set(staff()).expect(200)).body;
    expect(view.complaintReviewDue).toEqual({
      dueOn: '2026-12-30',
      citation: expect.stringMatching(/^Luật Khiếu nại 2011, art\. 50/),
      provisional: false,
    });
  });
});
