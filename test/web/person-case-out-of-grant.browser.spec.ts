import { eventually, vietnamToday } from '../support/registry-fixture';
import { signIn } from './support/browser';
import { DemoTown, startDemoTown } from './support/town-fixture';

jest.setTimeout(240_000);

const PERSON = 'p-vu-thi-giang';

/**
 * The city's discipline case takes a commune official off the planning pool. The city's staff
 * read on the official's page what the case is, a link to it; the commune's staff read that the
 * case lies outside their grant, no link and nothing of what it is (its page answers 403 there).
 * Before, both read the bare id as the link's text.
 */
describe('a case the cadre page names, within the grant and outside it', () => {
  let town: DemoTown;
  const today = vietnamToday();

  beforeAll(async () => {
    town = await startDemoTown('web_person_case_out_of_grant');
    const as = (role: string) => town.bearer(`u-${role}`, [role]);
    await town
      .http()
      .post('/discipline-cases')
      .set(as('inspector'))
      .send({
        id: 'd-city',
        definition: 'discipline.party',
        personId: PERSON,
        orgUnitId: 'ou-ha-noi',
        summary: 'Cảnh cáo',
        violation: {
          category: 'land_management',
          committedOn: today,
          description: 'Vi phạm quy định quản lý đất đai',
          source: 'inspection',
          severity: 'warning',
        },
      })
      .expect(201);
    const written = { minutesRef: 'BB', conclusion: 'Kết luận' };
    const tally = { members: 5, summoned: 5, present: 5, invalid: 0, noDiscipline: 0 };
    for (const [stepId, role, body] of [
      ['verification', 'inspector', { ...written, violationConfirmed: true }],
      ['self-criticism', 'organization_staff', written],
      ['review', 'inspector', written],
      [
        'ballot',
        'ballot_secretary',
        { minutesRef: 'BB', tally: { ...tally, votesByForm: { warning: 5 } } },
      ],
      [
        'decision',
        'leadership',
        { number: '7-QĐ', signer: 'Chủ nhiệm UBKT', form: 'warning', effectiveFrom: today },
      ],
    ] as const)
      await town
        .http()
        .post(`/discipline-cases/d-city/steps/${stepId}`)
        .set(as(role))
        .send({ heldOn: today, ...body })
        .expect(200);
    await eventually(
      async () => (await town.http().get(`/cadres/${PERSON}`).set(as('organization_staff'))).body,
      (body) => body.pastPlanningPool?.length > 0 && body.caseTitles?.length > 0,
    );
  });

  afterAll(async () => {
    await town?.close();
  });

  it("the city reads the case's title as its link; the commune reads it is outside its grant", async () => {
    const title = 'Kỷ luật — Vũ Thị Giang';
    const city = await signIn(town.browser, town.base, 'staff-1');
    await city.page.goto(`${town.base}/cadres/${PERSON}`);
    const cityPool = city.page.getByTestId('past-pool');
    const link = cityPool.getByRole('link', { name: title }).first();
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('/discipline-cases/d-city');
    expect(await link.getAttribute('title')).toBe('Mã hồ sơ: d-city');
    await city.context.close();

    const commune = await signIn(town.browser, town.base, 'staff-doai-phuong');
    await commune.page.goto(`${town.base}/cadres/${PERSON}`);
    const pool = commune.page.getByTestId('past-pool');
    await pool.getByText('ngoài phạm vi của bạn').first().waitFor();
    expect(await pool.getByRole('link').count()).toBe(0);
    expect(await pool.innerText()).not.toContain(title);
    await commune.context.close();
  });
});
