import { axeViolations, screenshot, signIn } from './support/browser';
import { AN, DemoTown, ORGANIZATION_HEAD_POST, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

/** The case-opening form (Mở hồ sơ) in Chromium against the real service and the Hà Nội demo. */
describe('the case-opening form', () => {
  let town: DemoTown;

  beforeAll(async () => {
    town = await startDemoTown('web_open_case_form');
  });

  afterAll(async () => {
    await town?.close();
  });

  it('preselects no procedure: the user chooses one, and a form sent without it names the field', async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.getByRole('link', { name: 'Mở hồ sơ' }).click();
    const procedure = page.getByLabel('Thủ tục', { exact: true });
    const definition = page.getByLabel('Quy trình');
    await procedure.waitFor();
    // Before: "Bổ nhiệm" and its external-source definition, whatever the user came for.
    expect(await procedure.inputValue()).toBe('');
    expect(await procedure.locator('option:checked').innerText()).toBe('— Chọn thủ tục —');
    expect(await definition.inputValue()).toBe('');
    await page.getByLabel('Tìm cán bộ theo tên').fill('nguyen van an');
    await page
      .getByLabel('Chọn cán bộ')
      .locator('option', { hasText: 'Nguyễn Văn An' })
      .waitFor({ state: 'attached' });
    await page.getByLabel('Chọn cán bộ').selectOption(AN);
    await page.getByLabel('Tìm chức vụ').fill('Trưởng ban Tổ chức');
    await page.getByLabel('Chọn chức vụ').selectOption(ORGANIZATION_HEAD_POST);
    await page.getByLabel('Tóm tắt').fill('Bổ nhiệm Trưởng ban Tổ chức Thành ủy');
    await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    await page.getByText('Chưa chọn thủ tục: chọn thủ tục cần mở hồ sơ').waitFor();
    expect(await procedure.getAttribute('aria-invalid')).toBe('true');
    // The «Quy trình» left empty says so too (before: nothing under it).
    expect(await page.locator('#open-definition-error').innerText()).toBe(
      'Chưa chọn quy trình: chọn thủ tục trước, rồi chọn quy trình',
    );
    expect(await definition.getAttribute('aria-invalid')).toBe('true');
    // The keyboard is taken to the field to correct (before: it stayed on «Mở hồ sơ»).
    await page.locator('#open-procedure:focus').waitFor({ timeout: 5_000 });
    expect(new URL(page.url()).pathname).toBe('/cases/new');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'open-case-no-procedure');
    // An appointment has two definitions in force (internal, external source): neither is taken
    // for the user, and only the newest version of each is offered.
    await procedure.selectOption('appointment');
    expect(await definition.inputValue()).toBe('');
    const offered = await definition
      .locator('option:not([disabled])')
      .evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value));
    expect(offered.sort()).toEqual(['appointment.external', 'appointment.internal']);
    await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    await page.getByText('Chưa chọn quy trình: thủ tục này có nhiều quy trình, chọn một').waitFor();
    await page.locator('#open-definition:focus').waitFor({ timeout: 5_000 });
    expect(new URL(page.url()).pathname).toBe('/cases/new');
    await definition.selectOption('appointment.internal');
    await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    await page.waitForURL(/\/cases\/c-/);
    await page.context().close();
  });

  it('takes the procedure the address names, with its only definition in force', async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/new?procedure=transfer`);
    expect(await page.getByLabel('Thủ tục', { exact: true }).inputValue()).toBe('transfer');
    expect(await page.getByLabel('Quy trình').inputValue()).toBe('transfer.standard');
    await page.context().close();
  });

  it('offers as Đơn vị thực hiện only the units the server accepts for the post chosen', async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/new?procedure=appointment`);
    await page.getByLabel('Quy trình').selectOption('appointment.internal');
    const unit = page.getByLabel('Đơn vị thực hiện');
    const units = () =>
      unit
        .locator('option')
        .evaluateAll((options) =>
          options.map((o) => (o as unknown as { value: string }).value).filter(Boolean),
        );
    await page.getByLabel('Tìm chức vụ').fill('Trưởng ban Tổ chức');
    await page.getByLabel('Chọn chức vụ').selectOption(ORGANIZATION_HEAD_POST);
    // Its appointing authority (Thành ủy), its unit (Ban Tổ chức) and the city above them; before,
    // every unit of the grant, Sở Nội vụ included, which the server then refused.
    await unit.locator('option[value="ou-ha-noi-home-affairs"]').waitFor({ state: 'detached' });
    expect((await units()).sort()).toEqual([
      'ou-ha-noi',
      'ou-ha-noi-organization-committee',
      'ou-ha-noi-party-committee',
    ]);
    expect(await unit.inputValue()).toBe('ou-ha-noi-party-committee');
    // A unit chosen for one post is dropped when another post does not accept it.
    await unit.selectOption('ou-ha-noi-organization-committee');
    await page.getByLabel('Tìm chức vụ').fill('Giám đốc Sở Nội vụ');
    await page.getByLabel('Chọn chức vụ').selectOption('pos-ha-noi-director-home-affairs');
    await unit.locator('option[value="ou-ha-noi-party-committee"]').waitFor({ state: 'detached' });
    expect((await units()).sort()).toEqual([
      'ou-ha-noi',
      'ou-ha-noi-home-affairs',
      'ou-ha-noi-peoples-committee',
    ]);
    expect(await unit.inputValue()).toBe('ou-ha-noi-peoples-committee');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('offers the Party committees of the post’s territory (Đảng ủy) as Đơn vị thực hiện for a nomination for election', async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/new?procedure=election`);
    expect(await page.getByLabel('Quy trình').inputValue()).toBe('election.nomination');
    const unit = page.getByLabel('Đơn vị thực hiện');
    const units = () =>
      unit
        .locator('option')
        .evaluateAll((options) =>
          options.map((o) => (o as unknown as { value: string }).value).filter(Boolean),
        );
    await page.getByLabel('Tìm cán bộ theo tên').fill('vu thi giang');
    await page
      .getByLabel('Chọn cán bộ')
      .locator('option', { hasText: 'Vũ Thị Giang' })
      .waitFor({ state: 'attached' });
    await page.getByLabel('Chọn cán bộ').selectOption('p-vu-thi-giang');
    await page.getByLabel('Tìm chức vụ').fill('Phó Chủ tịch UBND xã Đoài Phương');
    await page.getByLabel('Chọn chức vụ').selectOption('pos-xa-doai-phuong-vice-chair');
    // Before: its appointing authority, its unit and the units above them only, so the form
    // never offered the commune's Đảng ủy, which the server accepts for a nomination.
    await unit
      .locator('option[value="ou-xa-doai-phuong-party-committee"]')
      .waitFor({ state: 'attached' });
    expect((await units()).sort()).toEqual([
      'ou-ha-noi',
      'ou-ha-noi-party-committee',
      'ou-ha-noi-peoples-committee',
      'ou-xa-doai-phuong',
      'ou-xa-doai-phuong-party-committee',
      'ou-xa-doai-phuong-peoples-committee',
    ]);
    // Another commune's Đảng ủy is not the Party committee of this post's territory.
    expect(await units()).not.toContain('ou-xa-quang-oai-party-committee');
    await unit.selectOption('ou-xa-doai-phuong-party-committee');
    // The holder introduced again (tái cử) by the commune's Party committee: the case opens there.
    await page.getByLabel('Tóm tắt').fill('Đảng ủy xã giới thiệu tái cử Phó Chủ tịch UBND xã');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    await page.waitForURL(/\/cases\/c-/);
    const caseId = new URL(page.url()).pathname.split('/').pop()!;
    const opened = await town
      .http()
      .get(`/cases/${caseId}`)
      .set(town.bearer('staff-1', ['organization_staff']))
      .expect(200);
    expect(opened.body).toMatchObject({
      procedure: 'election',
      orgUnitId: 'ou-xa-doai-phuong-party-committee',
    });
    await page.context().close();
  });

  it('names the rule set of the eligibility verdict in Vietnamese, by its day and instruments, not by its id', async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/new`);
    await page.getByLabel('Thủ tục', { exact: true }).selectOption('appointment');
    await page.getByLabel('Quy trình').selectOption('appointment.internal');
    await page.getByLabel('Tìm cán bộ theo tên').fill('nguyen van an');
    await page
      .getByLabel('Chọn cán bộ')
      .locator('option', { hasText: 'Nguyễn Văn An' })
      .waitFor({ state: 'attached' });
    await page.getByLabel('Chọn cán bộ').selectOption(AN);
    await page.getByLabel('Tìm chức vụ').fill('Trưởng ban Tổ chức');
    await page.getByLabel('Chọn chức vụ').selectOption(ORGANIZATION_HEAD_POST);
    const verdict = page.getByTestId('eligibility');
    await verdict.waitFor();
    const text = await verdict.innerText();
    expect(text).toMatch(/Xét theo: Các quy định có hiệu lực ngày \d{2}\/\d{2}\/\d{4}/);
    expect(text).toContain('Quy định 377-QĐ/TW');
    // The id (state-2026-08-01, vn-2025@…) stays in the tooltip only.
    expect(text).not.toMatch(/\b(state|party|vn)-\d{4}/);
    expect(await verdict.getByTestId('eligibility-rule-set').getAttribute('title')).toMatch(
      /^(state|vn)-\d{4}/,
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'open-case-eligibility-rule-set');
    await page.context().close();
  });
});
