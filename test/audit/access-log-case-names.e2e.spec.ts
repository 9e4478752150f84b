import request from 'supertest';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * «Đọc gì» names a case read by whom the case is about — only a case in a unit the auditor's grant
 * reaches. A town user's refused reads of a province case are in the town's log, and the town's
 * auditor must not learn from them whom that case is about or what it says; the town's own case
 * read beside them is named.
 */
describe("the access log's case names, within the auditor's grant", () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (userId: string, roles: string[], unit: string) => ({
    Authorization: `Bearer ${t.token(userId, roles, unit)}`,
  });
  const townStaff = () => as('u-town-staff', ['organization_staff'], 'ou-town');
  const townInspector = () => as('u-town-inspector', ['inspector'], 'ou-town');
  const provInspector = () => as('u-prov-inspector', ['inspector'], 'ou-prov');
  const openCase = (who: Record<string, string>, id: string, personId: string, unit: string) =>
    http()
      .post('/discipline-cases')
      .set(who)
      .send({
        id,
        definition: 'discipline.party',
        personId,
        orgUnitId: unit,
        summary: `Vi phạm bí mật ${id}`,
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -100),
          description: 'chi tiết vụ việc',
          source: 'inspection',
        },
      })
      .expect(201);

  beforeAll(async () => {
    t = await startTestApp('access_log_case_names', { RUN_WORKERS: 'true' });
    await buildRegistry(t, townStaff(), {
      within: { id: 'ou-prov', name: 'Tỉnh Demo', kind: 'province' },
      positions: [],
      people: [{ id: 'p-inside' }],
    });
    await http()
      .post('/cadres')
      .set(as('u-prov-staff', ['organization_staff'], 'ou-prov'))
      .send({
        id: 'p-outside',
        fullName: 'Người p-outside',
        dateOfBirth: '1980-03-03',
        gender: 'male',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'Thạc sĩ',
        politicalTheoryLevel: 'Cao cấp',
        orgUnitId: 'ou-prov',
      })
      .expect(201);
    await openCase(townInspector(), 'd-inside', 'p-inside', 'ou-town');
    await openCase(provInspector(), 'd-outside', 'p-outside', 'ou-prov');
    // The names come from the read models: wait until they hold both cases and both people.
    await eventually(
      async () =>
        (
          await t.db.pool.query(
            `SELECT (SELECT count(*) FROM case_summaries WHERE case_id IN ('d-inside', 'd-outside'))
                  + (SELECT count(*) FROM people WHERE person_id IN ('p-inside', 'p-outside')) AS n`,
          )
        ).rows[0].n,
      (n) => Number(n) === 4,
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it("names the town's case and not the province's, which a town user was refused", async () => {
    await http().get('/discipline-cases/d-inside').set(townInspector()).expect(200);
    await http().get('/discipline-cases/d-outside').set(townInspector()).expect(403);
    await http().get('/cases/d-outside/history').set(townInspector()).expect(403);
    await http().get('/cases/d-inside/history').set(townInspector()).expect(200);
    const log = async (unit: string) => {
      const { body } = await http()
        .get('/audit/access-log?actor=u-town-inspector')
        .set(as(`u-auditor-${unit}`, ['auditor'], unit))
        .expect(200);
      return body.items as { resource: string; subjectName: string | null; status: number }[];
    };

    const town = await log('ou-town');
    // Before the grant check: «Người p-outside» beside each refused read of the province's case.
    expect(town.map((e) => [e.resource, e.subjectName, e.status])).toEqual([
      ['case history d-inside', 'Người p-inside', 200],
      ['case history d-outside', null, 403],
      ['discipline case d-outside', null, 403],
      ['discipline case d-inside', 'Người p-inside', 200],
    ]);
    const told = JSON.stringify(town);
    expect(told).not.toContain('Người p-outside');
    expect(told).not.toContain('Vi phạm bí mật d-outside');

    // The province's auditor reaches both cases: the same entries, each named.
    expect((await log('ou-prov')).map((e) => e.subjectName)).toEqual([
      'Người p-inside',
      'Người p-outside',
      'Người p-outside',
      'Người p-inside',
    ]);
  });
});
