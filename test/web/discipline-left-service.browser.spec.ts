import { Page } from 'playwright-core';
import { addDays, eventually, vietnamToday } from '../support/registry-fixture';
import { axeViolations, screenshot, signIn } from './support/browser';
import { BINH, DemoTown, startDemoTown } from './support/town-fixture';

jest.setTimeout(240_000);

/** Ngô Thị Lan: holds no post; the record says she retired 200 days ago. */
const LAN = 'p-ngo-thi-lan';
/** Dương Văn Minh: raising a child under 12 months since his wife died. */
const MINH = 'p-duong-van-minh';

/**
 * A violation found after the person retired (Luật Cán bộ, công chức 2025 art. 43(3)(c)): the case
 * page says so, the decision offers only khiển trách, cảnh cáo and "Xóa tư cách chức vụ đã đảm
 * nhiệm" (a serving official is not offered the last), and the person page names the form and
 * the retirement in Vietnamese; a father's child period shows why he raises the child himself.
 */
describe('the discipline of one who retired, and a father’s ground, on screen', () => {
  let town: DemoTown;
  const today = vietnamToday();

  /** A civil-service case up to its decision: a conviction passes over the council. */
  async function toDecision(id: string, personId: string, orgUnitId: string) {
    const inspector = town.bearer('inspector-1', ['inspector']);
    const staff = town.bearer('staff-1', ['organization_staff']);
    await town
      .http()
      .post('/discipline-cases')
      .set(inspector)
      .send({
        id,
        definition: 'discipline.civil-service',
        personId,
        orgUnitId,
        summary: 'Vi phạm trong thời gian công tác',
        violation: {
          category: 'other',
          committedOn: addDays(today, -400),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
        },
      })
      .expect(201);
    const councilSkip = { ground: 'criminal_conviction', reference: 'Bản án 12/2026/HS-ST' };
    for (const [stepId, who, extra] of [
      ['verification', inspector, { violationConfirmed: true }],
      ['self-criticism', staff, { councilSkip }],
    ] as const)
      await town
        .http()
        .post(`/discipline-cases/${id}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, minutesRef: `BB-${stepId}`, conclusion: 'Kết luận', ...extra })
        .expect(200);
  }

  beforeAll(async () => {
    town = await startDemoTown('web_discipline_left_service');
    const staff = town.bearer('staff-1', ['organization_staff']);
    const status = (personId: string, body: object) =>
      town.http().post(`/cadres/${personId}/statuses`).set(staff).send(body).expect(201);
    await status(LAN, { status: 'retired', from: addDays(today, -200), note: 'nghỉ hưu' });
    await status(MINH, {
      status: 'child_under_12_months',
      from: addDays(today, -30),
      note: 'Giấy chứng tử của vợ',
      fatherCareGround: 'wife_died',
    });
    await toDecision('d-web-retired', LAN, 'ou-ha-noi-inspection-commission');
    await toDecision('d-web-serving', BINH, 'ou-ha-noi-home-affairs');
  });
  afterAll(async () => {
    await town?.close();
  });

  const formsOffered = (page: Page) =>
    page.getByLabel('Hình thức kỷ luật').locator('option').allInnerTexts();
  const atDecision = (page: Page) =>
    page.locator('#current-step-title', { hasText: 'quyết định kỷ luật' }).waitFor();

  it('offers one who retired only the three forms and records "Xóa tư cách chức vụ đã đảm nhiệm"', async () => {
    const { context, page } = await signIn(town.browser, town.base, 'leader-1');
    await page.goto(`${town.base}/discipline-cases/d-web-retired`);
    await atDecision(page);
    const left = await page.getByTestId('discipline-left-service').innerText();
    expect(left).toContain('Đã nghỉ hưu từ');
    expect(left).toContain('Điều 43 khoản 3 điểm c');
    // Before: the serving forms (Cách chức, Buộc thôi việc), and no removal of the former title.
    expect(await formsOffered(page)).toEqual([
      '— Chọn hình thức —',
      'Khiển trách',
      'Cảnh cáo',
      'Xóa tư cách chức vụ đã đảm nhiệm',
    ]);
    await page.getByLabel('Số quyết định').fill('21/QĐ-UBND');
    await page.getByLabel('Người ký').fill('Chủ tịch UBND thành phố');
    await page.getByLabel('Hình thức kỷ luật').selectOption('removal_of_former_title');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page
      .locator('[data-testid="discipline-status"]', { hasText: 'Đã quyết định kỷ luật' })
      .waitFor();
    expect(await page.getByTestId('decision-form').innerText()).toBe(
      'Xóa tư cách chức vụ đã đảm nhiệm',
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'discipline-left-service');
    await eventually(
      () =>
        town
          .http()
          .get(`/cadres/${LAN}`)
          .set(town.bearer('staff-1', ['organization_staff']))
          .expect(200),
      (r) => r.body.discipline?.length === 1,
    );
    await page.goto(`${town.base}/cadres/${LAN}`);
    const statuses = page.getByTestId('person-statuses');
    await statuses.getByText(/Đã nghỉ hưu/).waitFor();
    await page.getByRole('cell', { name: 'Xóa tư cách chức vụ đã đảm nhiệm' }).waitFor();
    expect(await page.getByTestId('discipline-decision-ref').innerText()).toContain('21/QĐ-UBND');
    await context.close();
  });

  it('does not offer a serving official the removal of a former title', async () => {
    const { context, page } = await signIn(town.browser, town.base, 'leader-1');
    await page.goto(`${town.base}/discipline-cases/d-web-serving`);
    await atDecision(page);
    expect(await page.getByTestId('discipline-left-service').count()).toBe(0);
    const forms = await formsOffered(page);
    expect(forms).toContain('Cảnh cáo');
    expect(forms).not.toContain('Xóa tư cách chức vụ đã đảm nhiệm');
    await context.close();
  });

  it('the opening form offers one the record shows retired only the three forms, and a serving official the others', async () => {
    const { context, page } = await signIn(town.browser, town.base, 'inspector-1');
    await page.goto(`${town.base}/discipline-cases/new`);
    await page.getByLabel('Loại kỷ luật').selectOption('discipline.civil-service');
    const pick = async (search: string, name: string, id: string) => {
      await page.getByLabel('Tìm cán bộ theo tên').fill(search);
      await page
        .getByLabel('Chọn cán bộ')
        .locator('option', { hasText: name })
        .waitFor({ state: 'attached' });
      await page.getByLabel('Chọn cán bộ').selectOption(id);
    };
    const expected = () => page.getByLabel('Hình thức dự kiến').locator('option').allInnerTexts();
    await pick('ngo thi lan', 'Ngô Thị Lan', LAN);
    const left = page.getByTestId('discipline-open-left-service');
    await left.waitFor();
    expect(await left.innerText()).toContain('Đã nghỉ hưu từ');
    // Before: the serving forms (Cách chức, Buộc thôi việc …), none of them hers to be given.
    expect(await expected()).toEqual([
      '—',
      'Khiển trách',
      'Cảnh cáo',
      'Xóa tư cách chức vụ đã đảm nhiệm',
    ]);
    // Found before she retired: she is judged as serving.
    const [y, m, d] = addDays(today, -300).split('-');
    await page.getByLabel('Ngày phát hiện (để trống: ngày mở hồ sơ)').fill(`${d}/${m}/${y}`);
    await left.waitFor({ state: 'detached' });
    expect(await expected()).not.toContain('Xóa tư cách chức vụ đã đảm nhiệm');
    await page.getByLabel('Ngày phát hiện (để trống: ngày mở hồ sơ)').fill('');
    await pick('tran thi binh', 'Trần Thị Bình', BINH);
    await page.getByText('Xóa tư cách chức vụ đã đảm nhiệm').waitFor({ state: 'detached' });
    const serving = await expected();
    expect(serving).toContain('Cảnh cáo');
    expect(serving).not.toContain('Xóa tư cách chức vụ đã đảm nhiệm');
    expect(await left.count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it("shows a father's ground beside his child period on the person page", async () => {
    const { context, page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cadres/${MINH}`);
    const statuses = page.getByTestId('person-statuses');
    // Before: the period alone, which then deferred any father.
    await statuses.getByText('Đang nuôi con dưới 12 tháng tuổi').waitFor();
    expect(await statuses.innerText()).toContain('(vợ chết)');
    await context.close();
  });
});
