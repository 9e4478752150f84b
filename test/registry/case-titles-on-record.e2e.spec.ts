import request from 'supertest';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The person record (`GET /cadres/:id`) says what each case its past posts and the entries taken
 * off the pool name is (`caseTitles`, from the case list), so the page can name it by more than its
 * id: only a case opened in a unit the reader's grant reaches. The town reads its own discipline
 * case's procedure, person and post; of the province's case that ended the post it reads the id the
 * record already holds, and nothing of what that case is. Before, no case was named at all.
 */
describe('the cases a person record names, as the reader may read them', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (who: string, role: string, unit: string) => ({
    Authorization: `Bearer ${t.token(`u-${who}-${unit}`, [role], unit)}`,
  });
  const townStaff = () => as('staff', 'organization_staff', 'ou-town');

  beforeAll(async () => {
    t = await startTestApp('case_titles_on_record', { RUN_WORKERS: 'true' });
    await buildRegistry(t, townStaff(), {
      within: { id: 'ou-prov', name: 'Tỉnh Demo', kind: 'province' },
      positions: [
        { id: 'pos-deputy', rank: 3 },
        { id: 'pos-head', rank: 5 },
        { id: 'pos-vice', rank: 4 },
      ],
      people: [
        {
          id: 'p-official',
          posts: [
            { positionId: 'pos-deputy', from: addDays(today, -900), termEnd: addDays(today, 900) },
          ],
          pool: ['pos-head'],
        },
        {
          id: 'p-nominee',
          posts: [{ positionId: 'pos-vice', from: addDays(today, -1500), termEnd: null }],
          pool: ['pos-head'],
        },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  // Each case its own violation: one violation is disciplined once per track.
  let daysAgo = 100;
  /** A Party discipline case about p-official opened in `unit`, decided with `form`. */
  async function discipline(id: string, unit: string, form: string, positionId?: string) {
    await http()
      .post('/discipline-cases')
      .set(as('inspector', 'inspector', unit))
      .send({
        id,
        definition: 'discipline.party',
        personId: 'p-official',
        ...(positionId && { positionId }),
        orgUnitId: unit,
        summary: `Vi phạm ${id}`,
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -daysAgo++),
          description: `chi tiết vụ việc ${id}`,
          source: 'inspection',
          severity: form,
        },
      })
      .expect(201);
    const step = (stepId: string, who: Record<string, string>, body: object) =>
      http()
        .post(`/discipline-cases/${id}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
    const written = { minutesRef: 'BB', conclusion: 'Kết luận' };
    await step('verification', as('inspector', 'inspector', unit), {
      ...written,
      violationConfirmed: true,
    });
    await step('self-criticism', as('staff', 'organization_staff', unit), written);
    await step('review', as('inspector', 'inspector', unit), written);
    await step('ballot', as('secretary', 'ballot_secretary', unit), {
      minutesRef: 'BB',
      tally: {
        members: 5,
        summoned: 5,
        present: 5,
        invalid: 0,
        noDiscipline: 0,
        votesByForm: { [form]: 5 },
      },
    });
    await step('decision', as('leader', 'leadership', unit), {
      number: `QĐ-${id}`,
      signer: 'Chủ nhiệm UBKT',
      form,
      effectiveFrom: today,
    });
  }

  it("names the town's own case to the town and leaves the province's unnamed", async () => {
    await discipline('d-here', 'ou-town', 'warning');
    await discipline('d-above', 'ou-prov', 'removal_from_post', 'pos-deputy');
    const read = (who: Record<string, string>) =>
      eventually(
        async () => (await http().get('/cadres/p-official').set(who).expect(200)).body,
        (body) => body.caseTitles?.length === 2,
      );
    const town = await read(townStaff());
    // Both cases are named by the record: one took the person off the pool, one ended the post.
    expect(town.pastPlanningPool.map((entry: { caseId: string }) => entry.caseId)).toContain(
      'd-here',
    );
    expect(town.pastPosts.map((post: { caseId: string }) => post.caseId)).toContain('d-above');
    expect(town.caseTitles).toEqual([
      { caseId: 'd-above', withinGrant: false },
      {
        caseId: 'd-here',
        withinGrant: true,
        procedure: 'discipline',
        definition: expect.stringMatching(/^discipline\.party@/),
        personId: 'p-official',
        personName: expect.any(String),
        positionId: null,
        positionTitle: null,
      },
    ]);
    // Nothing of what the province's case is reaches the town, not even its summary.
    expect(JSON.stringify(town.caseTitles)).not.toContain('Vi phạm d-above');
    expect(JSON.stringify(town.caseTitles)).not.toContain('pos-deputy');

    const province = await read(as('staff', 'organization_staff', 'ou-prov'));
    expect(province.caseTitles).toEqual([
      expect.objectContaining({
        caseId: 'd-above',
        withinGrant: true,
        procedure: 'discipline',
        positionId: 'pos-deputy',
        positionTitle: expect.any(String),
      }),
      expect.objectContaining({ caseId: 'd-here', withinGrant: true, procedure: 'discipline' }),
    ]);
  });

  /**
   * «Hồ sơ đang xử lý» linked each case by its bare id: the open cases about the person and those
   * naming them a nominee are named too, in the same answer. A case naming the person a nominee
   * says no one (whom it appoints is its ballot's), only what it is and for which post.
   */
  it('names the open cases and those naming the person a nominee', async () => {
    await http()
      .post('/discipline-cases')
      .set(as('inspector', 'inspector', 'ou-town'))
      .send({
        id: 'd-open',
        definition: 'discipline.party',
        personId: 'p-official',
        orgUnitId: 'ou-town',
        summary: 'Vi phạm d-open',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -50),
          description: 'chi tiết vụ việc d-open',
          source: 'inspection',
          severity: 'reprimand',
        },
      })
      .expect(201);
    await http()
      .post('/cases')
      .set(townStaff())
      .send({
        id: 'c-nominating',
        procedure: 'appointment',
        definition: 'appointment.internal',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm Trưởng phòng',
      })
      .expect(201);
    await http()
      .post('/cases/c-nominating/steps/leadership-round-1')
      .set(townStaff())
      .send({ heldOn: today, minutesRef: 'BB-1', conclusion: 'post agreed' })
      .expect(200);
    await http()
      .post('/cases/c-nominating/steps/expanded-nomination')
      .set(as('secretary', 'ballot_secretary', 'ou-town'))
      .send({
        heldOn: today,
        minutesRef: 'BB-2',
        members: 15,
        summoned: 15,
        present: 15,
        invalid: 0,
        candidates: [{ personId: 'p-nominee', votes: 12 }],
      })
      .expect(200);

    const official = await eventually(
      async () => (await http().get('/cadres/p-official').set(townStaff()).expect(200)).body,
      (body) => body.caseTitles?.some((title: { caseId: string }) => title.caseId === 'd-open'),
    );
    expect(official.openCases.map((open: { caseId: string }) => open.caseId)).toContain('d-open');
    expect(official.caseTitles).toContainEqual({
      caseId: 'd-open',
      withinGrant: true,
      procedure: 'discipline',
      definition: expect.stringMatching(/^discipline\.party@/),
      personId: 'p-official',
      personName: expect.any(String),
      positionId: null,
      positionTitle: null,
    });

    const nominee = await eventually(
      async () => (await http().get('/cadres/p-nominee').set(townStaff()).expect(200)).body,
      (body) => body.caseTitles?.length > 0,
    );
    expect(nominee.nominatedIn.map((open: { caseId: string }) => open.caseId)).toEqual([
      'c-nominating',
    ]);
    expect(nominee.caseTitles).toEqual([
      {
        caseId: 'c-nominating',
        withinGrant: true,
        procedure: 'appointment',
        definition: expect.stringMatching(/^appointment\.internal@/),
        personId: null,
        personName: null,
        positionId: 'pos-head',
        positionTitle: expect.any(String),
      },
    ]);
  });
});
