import request from 'supertest';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A person's history holds the cases about them that the reader's grant reaches, like each
 * case's own history: a town auditor read a province's discipline case about a town official,
 * its unannounced ballot with it, through `/cadres/:id/history` (403 on the case's own route).
 */
describe("a person's history within the reader's grant", () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (userId: string, roles: string[], unit: string) => ({
    Authorization: `Bearer ${t.token(userId, roles, unit)}`,
  });
  const townStaff = () => as('u-town-staff', ['organization_staff'], 'ou-town');
  const townAuditor = () => as('u-town-auditor', ['auditor'], 'ou-town');
  const provinceAuditor = () => as('u-prov-auditor', ['auditor'], 'ou-prov');

  beforeAll(async () => {
    t = await startTestApp('person_history_scope', { RUN_WORKERS: 'true' });
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

  it("leaves out the province's case for the town's auditor, and keeps it for the province's", async () => {
    await openDiscipline('d-by-province', 'ou-prov');
    await openDiscipline('d-by-town', 'ou-town');
    await http().get('/cases/d-by-province/history').set(townAuditor()).expect(403);

    const streamsIn = (body: { events?: { streamId: string }[] }) =>
      new Set((body.events ?? []).map((event) => event.streamId));
    // The audit history is a projection: read until both openings are in it (a loaded machine
    // may take longer than `eventually`'s five seconds).
    let seenByProvince = { events: [] as { streamId: string }[] };
    for (let tries = 0; tries < 6 && streamsIn(seenByProvince).size < 3; tries += 1)
      seenByProvince = await eventually(
        async () =>
          // 404 until the history projection has reached the person: read again.
          (await http().get('/cadres/p-official/history').set(provinceAuditor())).body,
        (body) => streamsIn(body).size >= 3,
      );
    expect([...streamsIn(seenByProvince)].sort()).toEqual([
      'cadre-p-official',
      'discipline-d-by-province',
      'discipline-d-by-town',
    ]);

    const seenByTown = await http()
      .get('/cadres/p-official/history')
      .set(townAuditor())
      .expect(200);
    expect([...streamsIn(seenByTown.body)].sort()).toEqual([
      'cadre-p-official',
      'discipline-d-by-town',
    ]);
    expect(JSON.stringify(seenByTown.body)).not.toContain('chi tiết vụ việc d-by-province');
  });

  it("checks the person's own stream for those who read their history, within the same grant", async () => {
    // The history page's hash check (`/audit/verify?stream=cadre-<id>`): the same readers as
    // `/cadres/:id/history`, the same unit rule.
    for (const reader of [townAuditor(), provinceAuditor(), as('u-insp', ['inspector'], 'ou-town')])
      expect(
        (await http().get('/audit/verify?stream=cadre-p-official').set(reader).expect(200)).body,
      ).toMatchObject({ streamId: 'cadre-p-official', ok: true });
    await http().get('/audit/verify?stream=cadre-p-official').set(townStaff()).expect(403);
    await http().get('/cadres/p-official/history').set(townStaff()).expect(403);
    const elsewhere = as('u-other-auditor', ['auditor'], 'ou-elsewhere');
    await http().get('/audit/verify?stream=cadre-p-official').set(elsewhere).expect(403);
    await http().get('/cadres/p-official/history').set(elsewhere).expect(403);
  });
});
