import { addDays, vietnamToday } from '../support/registry-fixture';
import { axeViolations, signIn } from './support/browser';
import { BINH, DemoTown, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

/** Đỗ Văn Khánh: a commune People's Committee's vice chair, elected: a cán bộ. */
const KHANH = 'p-do-van-khanh';

/**
 * The register's «Khối» on the state track says whom the case ran: an elected vice chair's
 * reprimand is a cán bộ's discipline, a deputy director's a công chức's (before: «Công chức» on
 * both, the cán bộ's too); the track filter still takes both.
 */
describe('the discipline register heads a cán bộ’s civil-service discipline «Cán bộ»', () => {
  let town: DemoTown;
  const today = vietnamToday();

  /** A civil-service reprimand on `personId` (a cán bộ's case passes over the council). */
  async function reprimand(caseId: string, personId: string, orgUnitId: string) {
    const { http, bearer } = town;
    await http()
      .post('/discipline-cases')
      .set(bearer('inspector-1', ['inspector']))
      .send({
        id: caseId,
        definition: 'discipline.civil-service',
        personId,
        orgUnitId,
        summary: 'Vi phạm quy định quản lý đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -60),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
        },
      })
      .expect(201);
    const step = (stepId: string, who: string, role: string, extra = {}) =>
      http()
        .post(`/discipline-cases/${caseId}/steps/${stepId}`)
        .set(bearer(who, [role]))
        .send({ heldOn: today, minutesRef: `BB-${stepId}`, conclusion: 'Kết luận', ...extra })
        .expect(200);
    await step('verification', 'inspector-1', 'inspector', { violationConfirmed: true });
    const past = await step('self-criticism', 'staff-1', 'organization_staff');
    if (past.body.currentStep?.id !== 'decision') {
      await step('review', 'inspector-1', 'inspector');
      const tally = { members: 5, summoned: 5, present: 5, invalid: 0, noDiscipline: 0 };
      await http()
        .post(`/discipline-cases/${caseId}/steps/ballot`)
        .set(bearer('secretary-1', ['ballot_secretary']))
        .send({
          heldOn: today,
          minutesRef: 'BB-HDKL',
          tally: { ...tally, votesByForm: { reprimand: 5 } },
        })
        .expect(200);
    }
    await http()
      .post(`/discipline-cases/${caseId}/steps/decision`)
      .set(bearer('leader-1', ['leadership']))
      .send({
        heldOn: today,
        number: `${caseId}/QĐ-UBND`,
        signer: 'Chủ tịch UBND',
        form: 'reprimand',
        effectiveFrom: today,
      })
      .expect(200);
  }

  beforeAll(async () => {
    town = await startDemoTown('web_register_service_status');
    await reprimand('d-reg-khanh', KHANH, 'ou-ha-noi');
    await reprimand('d-reg-binh', BINH, 'ou-ha-noi-home-affairs');
    // The decisions reach the people's records, then the register, a moment after the cases.
    const listed = async () =>
      (
        await town
          .http()
          .get('/discipline-records?track=civil_service&limit=100')
          .set(town.bearer('inspector-1', ['inspector']))
          .expect(200)
      ).body.items.map((r: { caseId: string }) => r.caseId) as string[];
    for (let i = 0; i < 240; i++) {
      const ids = await listed();
      if (ids.includes('d-reg-khanh') && ids.includes('d-reg-binh')) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  afterAll(async () => {
    await town?.close();
  });

  it('shows «Cán bộ» for the elected vice chair and «Công chức» for the deputy director', async () => {
    const { page } = await signIn(town.browser, town.base, 'inspector-1', {
      viewport: { width: 1400, height: 900 },
    });
    await page.goto(`${town.base}/discipline-records`);
    const khanh = page.locator('table.grid tbody tr', { hasText: 'Đỗ Văn Khánh' });
    const binh = page.locator('table.grid tbody tr', { hasText: 'Trần Thị Bình' });
    await khanh.first().waitFor();
    await binh.first().waitFor();
    const headers = await page.locator('table.grid thead th').allInnerTexts();
    const track = async (row: typeof khanh) =>
      (await row.first().locator('td').allInnerTexts())[headers.indexOf('Khối')];
    expect(headers).toContain('Khối');
    // Before: «Công chức», as if the elected vice chair were a civil servant.
    expect(await track(khanh)).toBe('Cán bộ');
    expect(await track(binh)).toBe('Công chức');

    // The state track's filter takes both, named for both.
    await page.getByLabel('Khối').selectOption({ label: 'Cán bộ, công chức' });
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/track=civil_service/);
    await khanh.first().waitFor();
    await binh.first().waitFor();
    expect(await track(khanh)).toBe('Cán bộ');
    expect(await page.locator('table.grid tbody tr td', { hasText: /^Đảng$/ }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('the report counts the cán bộ and the công chức apart, «Cán bộ» and «Công chức» under «Khối»', async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-1', {
      viewport: { width: 1400, height: 900 },
    });
    await page.getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByRole('heading', { name: 'Báo cáo công tác cán bộ' }).waitFor();
    const table = page.getByRole('table', { name: 'Cán bộ bị kỷ luật trong kỳ' });
    const cadres = table.locator('tbody tr', { has: page.locator('td', { hasText: /^Cán bộ$/ }) });
    for (let i = 0; i < 40 && !(await cadres.count()); i++) {
      await page.waitForTimeout(250);
      await page.reload();
      await table.waitFor();
    }
    // Before: one «Công chức» row of 2 people, the elected vice chair among them.
    expect(await cadres.first().locator('td').allInnerTexts()).toEqual([
      'Cán bộ',
      'Khiển trách',
      '1',
    ]);
    const servants = table.locator('tbody tr', {
      has: page.locator('td', { hasText: /^Công chức$/ }),
    });
    expect(await servants.first().locator('td').allInnerTexts()).toEqual([
      'Công chức',
      'Khiển trách',
      '1',
    ]);
    await page.context().close();
  });
});
