import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A case's view shows vetting results and ballot counts: an auditor's reads of it, as of a moment
 * on the history screen or as it stands, go to the access log with the purpose the screen sends,
 * as a discipline case's reads do. Before, only the history, its CSV and its proof were logged.
 */
describe('reads of a case are in the access log', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (userId: string, roles: string[]) => ({
    Authorization: `Bearer ${t.token(userId, roles, 'ou-town')}`,
  });
  const staff = () => as('u-staff', ['organization_staff']);
  const auditor = () => as('u-auditor', ['auditor']);

  beforeAll(async () => {
    t = await startTestApp('case_read_logged');
    await buildRegistry(t, staff(), {
      positions: [{ id: 'pos-deputy', rank: 4 }],
      people: [
        {
          id: 'p-an',
          posts: [{ positionId: 'pos-deputy', from: addDays(today, -400), termEnd: null }],
        },
      ],
    });
    await http()
      .post('/cases')
      .set(staff())
      .send({
        id: 'c-a1',
        procedure: 'removal',
        definition: 'removal.relief',
        personId: 'p-an',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Miễn nhiệm Phó trưởng phòng',
        grounds: { kind: 'own_request', reference: 'Đơn ngày 01/12' },
      })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("logs an auditor's as-of and current reads of an appointment case with the purpose", async () => {
    const asOf = `${today}T23:59:59+07:00`;
    await http()
      .get(`/cases/c-a1?asOf=${encodeURIComponent(asOf)}`)
      .set(auditor())
      .set('X-Purpose', 'audit')
      .expect(200);
    await http().get('/cases/c-a1?purpose=kiểm%20tra').set(auditor()).expect(200);
    const { body } = await http().get('/audit/access-log?resource=c-a1').set(auditor()).expect(200);
    const entries = body.items as Record<string, unknown>[];
    expect(
      entries.map((e) => [e.route, e.resource, e.kind, e.subject, e.purpose, e.status]),
    ).toEqual([
      ['/cases/c-a1', 'case c-a1', 'case', 'c-a1', 'kiểm tra', 200],
      ['/cases/c-a1', 'case c-a1', 'case', 'c-a1', 'audit', 200],
    ]);
    expect(entries[1].query).toEqual({ asOf });
  });
});
