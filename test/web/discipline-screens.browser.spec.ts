import { addDays, vietnamToday } from '../support/registry-fixture';
import { axeViolations, screenshot, signIn } from './support/browser';
import { BINH, DemoTown, startDemoTown } from './support/town-fixture';

jest.setTimeout(240_000);

/**
 * The discipline screens as the appointment screens already were: the form ballot checks its
 * quorum and threshold as it is typed (with the rule set's figures), a Party decision offers the
 * form the ballot chose instead of asking why it differs from a council the Party track does not
 * have, and the verification step recorded shows whether the violation was confirmed.
 */
describe('the discipline ballot, decision and records screens', () => {
  let town: DemoTown;
  const today = vietnamToday();

  beforeAll(async () => {
    town = await startDemoTown('web_discipline_screens');
    const inspector = town.bearer('inspector-1', ['inspector']);
    const staff = town.bearer('staff-1', ['organization_staff']);
    await town
      .http()
      .post('/discipline-cases')
      .set(inspector)
      .send({
        id: 'd-web-party',
        definition: 'discipline.party',
        personId: BINH,
        orgUnitId: 'ou-ha-noi-home-affairs',
        summary: 'Vi phạm quy định quản lý đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -100),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
        },
      })
      .expect(201);
    for (const [stepId, who, extra] of [
      ['verification', inspector, { violationConfirmed: true }],
      ['self-criticism', staff, {}],
      ['review', inspector, {}],
    ] as const)
      await town
        .http()
        .post(`/discipline-cases/d-web-party/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, minutesRef: `BB-${stepId}`, conclusion: 'Kết luận', ...extra })
        .expect(200);
  });
  afterAll(async () => {
    await town?.close();
  });

  it('the form ballot shows the quorum, the votes a form needs and the form chosen as it is typed', async () => {
    const { context, page } = await signIn(town.browser, town.base, 'secretary-1');
    await page.goto(`${town.base}/discipline-cases/d-web-party`);
    await page.locator('#current-step-title', { hasText: 'Bỏ phiếu kín' }).waitFor();
    const live = page.getByTestId('form-ballot-live');
    const verdict = live.locator('[role="status"]');
    await verdict.getByText('Nhập đủ các số để kiểm tra.').waitFor();
    for (const [label, value] of [
      ['Tổng số thành viên', '13'],
      ['Số được triệu tập', '13'],
      ['Số có mặt', '6'],
      ['Phiếu không hợp lệ', '0'],
      ['Không kỷ luật', '0'],
      ['Số phiếu: Khiển trách', '6'],
    ])
      await page.getByLabel(label, { exact: true }).fill(value);
    // Quy định 69-QĐ/TW art. 15 (discipline.partyQuorum, discipline.partyPass): half of 13.
    expect(await live.innerText()).toContain('ít nhất 7 có mặt trên 13 được triệu tập');
    expect(await live.innerText()).toMatch(/nhiều hơn 6[,.]5 phiếu .*ít nhất 7 phiếu/);
    await verdict.getByText('Không đủ túc số: 6/13 có mặt, cần ít nhất 7').waitFor();
    await page.getByLabel('Số có mặt', { exact: true }).fill('13');
    await verdict.getByText(/nhưng có mặt 13/).waitFor();
    // Party: no form has more than half alone; added from the heaviest, warning does.
    await page.getByLabel('Số phiếu: Khiển trách', { exact: true }).fill('4');
    await page.getByLabel('Số phiếu: Cảnh cáo', { exact: true }).fill('5');
    await page.getByLabel('Số phiếu: Cách chức', { exact: true }).fill('2');
    await page.getByLabel('Không kỷ luật', { exact: true }).fill('2');
    await verdict
      .getByText('Hình thức được chọn: Cảnh cáo (cộng dồn từ hình thức nặng nhất).')
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'discipline-ballot-live');
    await page.getByLabel('Số biên bản').fill('BB-KP-02');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.locator('#current-step-title', { hasText: 'Quyết định kỷ luật' }).waitFor();
    await context.close();
  });

  it("the form opening a discipline case keeps a 390 px phone's width, the violation's fields inside it", async () => {
    // Before: the page was 517 px wide, the "Vi phạm" box past its card and its fields cut off.
    const { context, page } = await signIn(town.browser, town.base, 'inspector-1', {
      viewport: { width: 390, height: 844 },
    });
    await page.goto(`${town.base}/discipline-cases/new`);
    await page.getByLabel('Nội dung vi phạm').waitFor();
    const width = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
          .document.documentElement.scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(390);
    const past: string[] = [];
    for (const label of [
      'Loại vi phạm',
      'Hình thức dự kiến',
      'Ngày phát hiện (để trống: ngày mở hồ sơ)',
      'Nội dung vi phạm',
    ]) {
      const box = (await page.getByLabel(label, { exact: true }).boundingBox())!;
      if (box.x + box.width > 390) past.push(`${label}: ${Math.ceil(box.x + box.width)} px`);
    }
    expect(past).toEqual([]);
    await context.close();
  });

  it('a Party decision offers the form the ballot chose, with no council to differ from', async () => {
    const { context, page } = await signIn(town.browser, town.base, 'leader-1');
    await page.goto(`${town.base}/discipline-cases/d-web-party`);
    await page.locator('#current-step-title', { hasText: 'Quyết định kỷ luật' }).waitFor();
    const options = page.getByLabel('Hình thức kỷ luật').locator('option');
    expect(await options.allInnerTexts()).toEqual(['— Chọn hình thức —', 'Cảnh cáo']);
    await page.getByTestId('ballot-form-applies').waitFor();
    expect(await page.getByText(/kiến nghị của Hội đồng/).count()).toBe(0);
    // The verification recorded says what it found.
    const verification = page.getByTestId('violation-confirmed').first();
    expect(await verification.innerText()).toBe('Xác định có vi phạm: Có vi phạm');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'discipline-party-decision');
    await context.close();
  });
});
