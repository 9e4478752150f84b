import request from 'supertest';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A province may open a case about a town's official (a discipline case, an appointment to a post
 * it appoints): the town reads its official's record but must learn nothing of the province's
 * case — not its id, its procedure's stage, nor that it is open. Before, the town read the case's
 * id and stage in the record's `openCases`, in the `CaseNoted` lines of the person's history and of
 * the audit export (and in a duplicate-open refusal: duplicate-open-case.unit.spec.ts).
 */
describe("cases a unit above opened, as the unit below reads its official's record", () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (userId: string, roles: string[], unit: string) => ({
    Authorization: `Bearer ${t.token(userId, roles, unit)}`,
  });
  const townStaff = () => as('u-town-staff', ['organization_staff'], 'ou-town');
  const townAuditor = () => as('u-town-auditor', ['auditor'], 'ou-town');
  const openCaseIds = (body: { openCases: { caseId: string }[] }) =>
    body.openCases.map((open) => open.caseId).sort();

  beforeAll(async () => {
    t = await startTestApp('cases_above_out_of_grant', { RUN_WORKERS: 'true' });
    await buildRegistry(t, townStaff(), {
      within: { id: 'ou-prov', name: 'Tỉnh Demo', kind: 'province' },
      positions: [{ id: 'pos-deputy', rank: 3 }],
      people: [
        {
          id: 'p-official',
          posts: [
            { positionId: 'pos-deputy', from: addDays(today, -900), termEnd: addDays(today, 900) },
          ],
        },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  // Each case its own violation: one violation is disciplined once per track.
  let daysAgo = 100;
  const openDiscipline = (id: string, unit: string) =>
    http()
      .post('/discipline-cases')
      .set(as(`u-inspector-${unit}`, ['inspector'], unit))
      .send({
        id,
        definition: 'discipline.party',
        personId: 'p-official',
        orgUnitId: unit,
        summary: 'Vi phạm quy định về đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -daysAgo++),
          description: `chi tiết vụ việc ${id}`,
          source: 'inspection',
        },
      })
      .expect(201);

  it("leaves the province's open case out of the town's reading of the record, its history and the export", async () => {
    await openDiscipline('d-above', 'ou-prov');
    await openDiscipline('d-here', 'ou-town');
    // The cases are noted on the person's record by a saga: wait until the province reads both.
    await eventually(
      async () =>
        (
          await http()
            .get('/cadres/p-official')
            .set(as('u-prov-auditor', ['auditor'], 'ou-prov'))
            .expect(200)
        ).body,
      (body) => openCaseIds(body).length === 2,
    );

    const record = await http().get('/cadres/p-official').set(townStaff()).expect(200);
    expect(openCaseIds(record.body)).toEqual(['d-here']);

    const history = await eventually(
      async () =>
        // 404 until the history projection has reached the person: read again.
        (await http().get('/cadres/p-official/history').set(townAuditor())).body,
      (body: { events?: { type: string; data: { caseId?: string } }[] }) =>
        !!body.events?.some(
          (event) => event.type === 'CaseNoted' && event.data.caseId === 'd-here',
        ),
    );
    expect(JSON.stringify(history)).not.toContain('d-above');

    const exported = await http()
      .get('/audit/export?format=ndjson')
      .set(townAuditor())
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    expect(exported.body as string).toContain('d-here');
    expect(exported.body as string).not.toContain('d-above');
  });
});
