import { signIn } from './support/browser';
import { Page } from 'playwright-core';
import { AN, DemoTown, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

/** Đặng Văn Hải: a commune chair born in 1966, in no planning pool. */
const HAI = 'p-dang-van-hai';
const POST = 'pos-ha-noi-deputy-director-home-affairs';

/**
 * «Mở hồ sơ» for a rotation (luân chuyển) shows, before opening, what the opening would judge,
 * with every reason: no current planning-pool entry and too few years left to retirement, in
 * Vietnamese (before: no verdict at all, and only the first refusal after «Mở hồ sơ»).
 */
describe('the rotation eligibility before opening', () => {
  let town: DemoTown;

  beforeAll(async () => {
    town = await startDemoTown('web_rotation_eligibility');
  });

  afterAll(async () => {
    await town?.close();
  });

  const chooseRotation = async (
    page: Page,
    search: string,
    name: string,
    personId: string,
    postSearch: string,
    positionId: string,
  ) => {
    await page.goto(`${town.base}/cases/new`);
    await page.getByLabel('Thủ tục', { exact: true }).selectOption('rotation');
    await page.getByLabel('Quy trình').selectOption('rotation.standard');
    await page.getByLabel('Tìm cán bộ theo tên').fill(search);
    await page
      .getByLabel('Chọn cán bộ')
      .locator('option', { hasText: name })
      .waitFor({ state: 'attached' });
    await page.getByLabel('Chọn cán bộ').selectOption(personId);
    await page.getByLabel('Tìm chức vụ').fill(postSearch);
    await page.getByLabel('Chọn chức vụ').selectOption(positionId);
  };

  it('shows every reason the opening refuses, as the opening judges them', async () => {
    // What the opening itself says: its first refusal is among those the form lists.
    const opened = await town
      .http()
      .post('/cases')
      .set(town.bearer('staff-1', ['organization_staff']))
      .send({
        procedure: 'rotation',
        definition: 'rotation.standard',
        personId: HAI,
        positionId: POST,
        orgUnitId: 'ou-ha-noi-party-committee',
        summary: 'Luân chuyển cán bộ',
      })
      .expect(422);
    expect(opened.body.rule).toBe('rotation.no_planning_pool_entry');
    const { page, context } = await signIn(town.browser, town.base, 'staff-1');
    await chooseRotation(page, 'dang van hai', 'Đặng Văn Hải', HAI, 'Phó Giám đốc Sở Nội vụ', POST);
    const verdict = page.getByTestId('eligibility');
    await verdict.waitFor();
    const text = await verdict.innerText();
    expect(text).toContain('Chưa đủ điều kiện');
    expect(text).toContain(
      'Luân chuyển cần người được quy hoạch (còn hiệu lực) vào chức vụ Phó Giám đốc Sở Nội vụ',
    );
    expect(text).toContain('người này có: không có quy hoạch nào');
    expect(text).toMatch(/Nghỉ hưu ngày \d{2}\/\d{2}\/\d{4}: còn \d+ năm tròn, luân chuyển/);
    expect(await verdict.locator('li').count()).toBe(2);
    expect(await verdict.locator('li').first().getAttribute('title')).toBe(
      'rotation.no_planning_pool_entry',
    );
    await context.close();
  });

  it('names the post already held, as the opening refuses it, and no other reason', async () => {
    const { page, context } = await signIn(town.browser, town.base, 'staff-1');
    await chooseRotation(
      page,
      'nguyen van an',
      'Nguyễn Văn An',
      AN,
      'Phó Trưởng ban Tổ chức',
      'pos-ha-noi-deputy-head-organization',
    );
    const verdict = page.getByTestId('eligibility');
    await verdict.waitFor();
    expect(await verdict.locator('li').count()).toBe(1);
    expect(await verdict.locator('li').getAttribute('title')).toBe(
      'appointment.already_holds_post',
    );
    expect(await verdict.innerText()).toContain(
      'Nguyễn Văn An đang giữ chức vụ Phó Trưởng ban Tổ chức Thành ủy Hà Nội',
    );
    await context.close();
  });
});
