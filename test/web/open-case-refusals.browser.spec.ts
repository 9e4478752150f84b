import { axeViolations, screenshot, signIn } from './support/browser';
import { AN, DemoTown, ORGANIZATION_HEAD_POST, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

/** Trưởng phòng Văn hóa - Xã hội phường Sơn Tây: appointed by the ward's UBND, vacant. */
const CULTURE_HEAD_POST = 'pos-phuong-son-tay-head-culture-society';

/**
 * What the case-opening form (Mở hồ sơ) says before and after it is sent, in Chromium against
 * the real service and the Hà Nội demo: the fields it needs, the approval in principle a unit
 * needs, and the server's refusals with names, on their fields, with a link to the case in the way.
 */
describe('the case-opening form’s refusals', () => {
  let town: DemoTown;

  beforeAll(async () => {
    town = await startDemoTown('web_open_case_refusals');
  });

  afterAll(async () => {
    await town?.close();
  });

  it('says which fields are required, and names the empty ones on submit without sending', async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    const posted: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/cases') posted.push(r.url());
    });
    await page.goto(`${town.base}/cases/new?procedure=appointment`);
    await page.getByLabel('Quy trình').selectOption('appointment.internal');
    expect(await page.getByTestId('open-required').innerText()).toContain('tóm tắt');
    await page.getByLabel('Tìm chức vụ').fill('Trưởng ban Tổ chức');
    await page.getByLabel('Chọn chức vụ').selectOption(ORGANIZATION_HEAD_POST);
    // Before: Mở hồ sơ stayed disabled until Tóm tắt was filled, and nothing said why.
    const open = page.getByRole('button', { name: 'Mở hồ sơ' });
    expect(await open.isDisabled()).toBe(false);
    // A definition that fills a post opens without a person: the list is not marked required.
    expect(await page.getByLabel('Chọn cán bộ').getAttribute('aria-required')).toBeNull();
    await open.click();
    await page.locator('#open-summary-error', { hasText: 'Bắt buộc' }).waitFor();
    expect(await page.getByLabel('Tóm tắt').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('open-missing').waitFor();
    expect(posted).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Tóm tắt').fill('Kiện toàn chức danh Trưởng ban Tổ chức Thành ủy');
    expect(await page.locator('#open-summary-error').count()).toBe(0);
    await open.click();
    await page.waitForURL(/\/cases\/c-/);
    await page.context().close();
  });

  it('marks the person required where the procedure needs one, and flags it left empty', async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/new?procedure=removal`);
    const person = page.getByLabel('Chọn cán bộ');
    // Before: the list carried no required mark, unlike every other required field of the form.
    expect(await person.getAttribute('aria-required')).toBe('true');
    await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    await page.locator('#open-person-error', { hasText: 'Bắt buộc' }).waitFor();
    expect(await person.getAttribute('aria-invalid')).toBe('true');
    expect(await person.getAttribute('aria-describedby')).toBe('open-person-error');
    await page.context().close();
  });

  it('explains before opening that the unit needs the approval in principle, and shows the refusal with names on its field', async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/new?procedure=appointment`);
    await page.getByLabel('Quy trình').selectOption('appointment.internal');
    await page.getByLabel('Tìm chức vụ').fill('Trưởng phòng Văn hóa');
    await page.getByLabel('Chọn chức vụ').selectOption(CULTURE_HEAD_POST);
    const unit = page.getByLabel('Đơn vị thực hiện');
    await unit
      .locator('option[value="ou-phuong-son-tay-culture-society"]')
      .waitFor({ state: 'attached' });
    // The post's appointing authority runs it: nothing to say.
    expect(await unit.inputValue()).toBe('ou-phuong-son-tay-peoples-committee');
    expect(await page.getByTestId('approval-needed').count()).toBe(0);
    // Its own unit, which the server accepts but only with the authority's approval in principle:
    // said before opening (before: only the refusal, after Mở hồ sơ, with the units' ids).
    await unit.selectOption('ou-phuong-son-tay-culture-society');
    const needed = await page.getByTestId('approval-needed').innerText();
    expect(needed).toContain(
      'Phòng Văn hóa - Xã hội phường Sơn Tây không phải cơ quan bổ nhiệm chức vụ này',
    );
    expect(needed).toContain('ý kiến chủ trương của UBND phường Sơn Tây');
    await page.getByLabel('Tóm tắt').fill('Bổ nhiệm Trưởng phòng Văn hóa - Xã hội');
    await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    const refusal = page.locator('#open-approval-error', { hasText: 'Máy chủ từ chối' });
    await refusal.waitFor();
    const text = await refusal.innerText();
    expect(text).toContain('do Phòng Văn hóa - Xã hội phường Sơn Tây thực hiện');
    expect(text).toContain('ý kiến chủ trương của UBND phường Sơn Tây');
    expect(text).not.toMatch(/ou-phuong|pos-phuong/);
    expect(await page.locator('.error').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'open-case-approval-needed');
    await page.context().close();
  });

  it('names the person of a duplicate case and links to the case already open', async () => {
    const opened = await town
      .http()
      .post('/cases')
      .set(town.bearer('staff-1', ['organization_staff']))
      .send({
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: AN,
        positionId: ORGANIZATION_HEAD_POST,
        orgUnitId: 'ou-ha-noi-party-committee',
        summary: 'Bổ nhiệm Trưởng ban Tổ chức Thành ủy',
      })
      .expect(201);
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/new?procedure=appointment`);
    await page.getByLabel('Quy trình').selectOption('appointment.internal');
    await page.getByLabel('Tìm cán bộ theo tên').fill('nguyen van an');
    await page
      .getByLabel('Chọn cán bộ')
      .locator('option', { hasText: 'Nguyễn Văn An' })
      .waitFor({ state: 'attached' });
    await page.getByLabel('Chọn cán bộ').selectOption(AN);
    await page.getByLabel('Tìm chức vụ').fill('Trưởng ban Tổ chức');
    await page.getByLabel('Chọn chức vụ').selectOption(ORGANIZATION_HEAD_POST);
    await page.getByLabel('Tóm tắt').fill('Bổ nhiệm lần nữa');
    await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    const refusal = page.locator('.error', { hasText: 'đã có hồ sơ' });
    await refusal.waitFor();
    // Before: "p-nguyen-van-an đã có hồ sơ …" and the case's id as text, no link.
    expect(await refusal.innerText()).toContain('Nguyễn Văn An đã có hồ sơ');
    expect(await refusal.innerText()).not.toContain('p-nguyen-van-an');
    const link = page.getByTestId('open-case-existing').getByRole('link');
    expect(await link.getAttribute('href')).toBe(`/cases/${opened.body.id}`);
    await link.click();
    await page.waitForURL(`**/cases/${opened.body.id}`);
    await page.context().close();
  });
});
