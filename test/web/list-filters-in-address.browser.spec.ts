import { Page } from 'playwright-core';
import { axeViolations, signIn } from './support/browser';
import { AN, DemoTown, ORGANIZATION_HEAD_POST, startDemoTown } from './support/town-fixture';

jest.setTimeout(240_000);

/**
 * The inbox's and the audit case list's filters live in the page's address (?procedure=…): a
 * reload, back and forward and a shared link show the same list. Before, choosing «Luân chuyển»
 * and reloading showed «Tất cả» again, the address still a bare /inbox.
 */
describe('a list filter kept in the address, in the browser', () => {
  let town: DemoTown;
  let caseId = '';

  beforeAll(async () => {
    town = await startDemoTown('web_list_filters_in_address');
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
    caseId = opened.body.id;
  });

  afterAll(async () => {
    await town?.close();
  });

  const search = (page: Page) => new URL(page.url()).search;

  it('keeps the inbox filters through a reload, back and forward and a shared link', async () => {
    const { context, page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/inbox`);
    const procedure = page.getByLabel('Thủ tục');
    const overdue = page.getByLabel('Chỉ việc quá hạn');
    // The appointment opened above (its row links to it by the name and by «Mở»).
    const an = page.getByRole('main').locator(`a[href="/cases/${caseId}"]`).first();
    const empty = page.getByText('Không có việc nào đang chờ bạn.');
    await an.waitFor();

    await procedure.selectOption({ label: 'Luân chuyển' });
    await empty.waitFor();
    expect(search(page)).toBe('?procedure=rotation');
    await page.reload();
    await empty.waitFor();
    expect(await procedure.inputValue()).toBe('rotation');
    expect(search(page)).toBe('?procedure=rotation');

    await overdue.check();
    await page.waitForURL((url) => url.searchParams.get('overdue') === 'true');
    expect(search(page)).toBe('?procedure=rotation&overdue=true');
    // Back: the overdue box unticked, the procedure kept; back again: every procedure.
    await page.goBack();
    await page.waitForURL((url) => url.search === '?procedure=rotation');
    expect(await overdue.isChecked()).toBe(false);
    expect(await procedure.inputValue()).toBe('rotation');
    await page.goBack();
    await page.waitForURL((url) => url.search === '');
    await an.waitFor();
    expect(await procedure.inputValue()).toBe('');
    await page.goForward();
    await empty.waitFor();
    expect(await procedure.inputValue()).toBe('rotation');
    expect(await axeViolations(page)).toEqual([]);

    // A link someone shared: the appointments only, the case listed.
    await page.goto(`${town.base}/inbox?procedure=appointment`);
    await an.waitFor();
    expect(await procedure.inputValue()).toBe('appointment');
    await context.close();
  });

  it('ignores a unit in the address that the «Đơn vị» list does not offer, as «Tất cả»', async () => {
    // Before: the select read «Tất cả» while the list was replaced by «Không có đơn vị này»
    // (an unknown unit) or «Ngoài phạm vi…» (a unit outside the caller's grant).
    const { context, page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/inbox?orgUnit=zzz`);
    const an = page.getByRole('main').locator(`a[href="/cases/${caseId}"]`).first();
    await an.waitFor();
    expect(await page.getByLabel('Đơn vị').inputValue()).toBe('');
    expect(await page.getByRole('main').innerText()).not.toContain('Không có đơn vị này');
    await context.close();

    const commune = await signIn(town.browser, town.base, 'staff-doai-phuong');
    await commune.page.goto(`${town.base}/inbox?orgUnit=ou-ha-noi`);
    const main = commune.page.getByRole('main');
    // The list as it answers: its rows, that nothing waits, or a refusal (what the old page showed).
    await main
      .locator('table')
      .or(main.getByText('Không có việc nào đang chờ bạn.'))
      .or(main.getByRole('alert'))
      .first()
      .waitFor();
    expect(await main.innerText()).not.toContain('Ngoài phạm vi');
    expect(await commune.page.getByLabel('Đơn vị').inputValue()).toBe('');
    await commune.context.close();
  });

  it('keeps the audit case list filters through a reload and back', async () => {
    const { context, page } = await signIn(town.browser, town.base, 'auditor-1');
    await page.goto(`${town.base}/audit`);
    const list = page.getByRole('form', { name: 'Hồ sơ trong phạm vi của bạn' });
    const procedure = list.getByLabel('Thủ tục');
    const row = page.getByTestId('audit-cases').locator('tr', { hasText: caseId });
    const none = page.getByText('Không có hồ sơ nào theo bộ lọc này.');
    await row.waitFor();

    await procedure.selectOption({ label: 'Luân chuyển' });
    await none.waitFor();
    expect(search(page)).toBe('?procedure=rotation');
    await page.reload();
    await none.waitFor();
    expect(await procedure.inputValue()).toBe('rotation');

    await list.getByLabel('Trạng thái').selectOption('open');
    await page.waitForURL((url) => url.searchParams.get('status') === 'open');
    await procedure.selectOption({ label: 'Bổ nhiệm' });
    await row.waitFor();
    expect(search(page)).toBe('?procedure=appointment&status=open');
    await page.goBack();
    await none.waitFor();
    expect(await procedure.inputValue()).toBe('rotation');
    await context.close();
  });
});
