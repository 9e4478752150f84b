import request from 'supertest';
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
  const http = () => request(t.server as never);
  const as = (who: string, role: string) => bearerIn(t)(who, role);
  const staff = () => as('staff', 'organization_staff');
  const leader = () => as('leader', 'leadership');

  beforeAll(async () => {
    t = await startTestApp('discipline_complaint_inbox', { RUN_WORKERS: 'true' });
    await buildRegistry(t, staff(), { positions: [], people: [{ id: 'p-one' }] });
    await partyReprimand(t, { caseId: 'd-inbox', personId: 'p-one', day: today, number: '3-QĐ' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const actions = async (): Promise<Action[]> =>
    (await http().get('/discipline-cases/d-inbox').set(staff()).expect(200)).body.allowedNext;
  const inboxRow = async () =>
    (await http().get('/inbox?procedure=discipline').set(leader()).expect(200)).body.items.find(
      (row: InboxRow) => row.caseId === 'd-inbox',
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

  it("shows the review in the leader's inbox as Giải quyết khiếu nại, with no deadline (no rule sets one)", async () => {
    const row = await eventually(inboxRow, (found) => found?.step === 'complaint-review');
    expect(row).toMatchObject({
      step: 'complaint-review',
      stepTitle: 'Resolve the complaint',
      stepTitleVi: 'Giải quyết khiếu nại',
      dueOn: null,
    });
  });
});
