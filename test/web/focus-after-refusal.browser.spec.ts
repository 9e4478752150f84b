import { csv } from '../imports/spreadsheets';
import { signIn } from './support/browser';
import { caseAtVetting } from './support/case-at-vetting';
import { DemoTown, startDemoTown } from './support/town-fixture';
import { vietnamToday } from '../support/registry-fixture';

jest.setTimeout(300_000);

/**
 * Where the keyboard is after a submit that does not go through, in Chromium against the real
 * service: on the refusal, or on the field to correct. Before, focus fell to BODY (the submit
 * button, disabled while the request ran, lost it) or stayed on «Ghi nhận», and a screen-reader
 * user had to hunt for what went wrong.
 */
describe('focus after a refused submit', () => {
  let town: DemoTown;
  const caseId = 'c-web-focus-after-refusal';

  beforeAll(async () => {
    town = await startDemoTown('web_focus_after_refusal');
    // The final ballot chose Lê Văn Cường, whose record flags items the decision waits on (the
    // page offers no decision form until they are resolved: the decision's tests come after).
    await caseAtVetting(town, caseId);
  });

  afterAll(async () => {
    await town?.close();
  });

  it('«Giải quyết» opens on the grounds to write, and a refusal of them goes back to them', async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/${caseId}`);
    const pool = page.getByTestId('vetting-results').locator('li[data-item="planning_pool"]');
    await pool.getByRole('button', { name: 'Giải quyết nội dung thẩm định: Quy hoạch' }).click();
    const form = page.getByTestId('resolve-planning_pool');
    const note = form.locator('textarea:focus');
    await note.waitFor();
    expect(await note.getAttribute('id')).toBe('resolve-planning_pool-note');
    // A note the server refuses (an invisible character) is refused on the note itself.
    await note.fill('Đã bổ sung\u200b quy hoạch');
    await form.getByRole('button', { name: 'Ghi nhận giải quyết', exact: true }).click();
    await form.locator('.field-error').waitFor();
    await form.locator('#resolve-planning_pool-note:focus').waitFor();
    await page.context().close();
  });

  it('«Hủy» on «Giải quyết» goes back to the «Giải quyết» button', async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/${caseId}`);
    const pool = page.getByTestId('vetting-results').locator('li[data-item="planning_pool"]');
    const resolve = pool.getByRole('button', { name: 'Giải quyết nội dung thẩm định: Quy hoạch' });
    await resolve.click();
    const form = page.getByTestId('resolve-planning_pool');
    await form.locator('textarea:focus').waitFor();
    await form.getByRole('button', { name: 'Hủy', exact: true }).click();
    // Before: the cancel button was gone and focus fell to the page.
    await pool.locator('button:focus', { hasText: 'Giải quyết' }).waitFor({ timeout: 5_000 });
    await page.context().close();
  });

  it('the form finds a field missing: focus moves to the first one', async () => {
    // The decision form is offered once no flagged vetting item holds it back: staff resolve them.
    const staff = town.bearer('staff-1', ['organization_staff']);
    const { body: view } = await town.http().get(`/cases/${caseId}`).set(staff).expect(200);
    for (const next of view.allowedNext as { action: string; item?: string }[])
      if (next.action === 'resolve-vetting-item')
        await town
          .http()
          .post(`/cases/${caseId}/vetting/${next.item}/resolve`)
          .set(staff)
          .send({ note: 'Đã xem xét, đủ điều kiện' })
          .expect(200);
    const { page } = await signIn(town.browser, town.base, 'leader-1');
    await page.goto(`${town.base}/cases/${caseId}`);
    await page.getByLabel('Người ký').fill('Bí thư Thành ủy');
    // «Số quyết định» left empty: the form does not send it and says so on the field.
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.locator('#f-number[aria-invalid="true"]:focus').waitFor();
    await page.context().close();
  });

  it('the server refuses the decision: focus moves to the refusal', async () => {
    // Since the vetting, the appointee came under investigation: the server refuses the decision.
    await town
      .http()
      .post('/cadres/p-le-van-cuong/statuses')
      .set(town.bearer('staff-1', ['organization_staff']))
      .send({ status: 'under_investigation', from: vietnamToday(), until: null, note: 'KL-1' })
      .expect(201);
    const { page } = await signIn(town.browser, town.base, 'leader-1');
    await page.goto(`${town.base}/cases/${caseId}`);
    await page.getByLabel('Số quyết định').fill('215-QĐ/TU');
    await page.getByLabel('Người ký').fill('Bí thư Thành ủy');
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.locator('.error[role="alert"]:focus', { hasText: 'điều tra' }).waitFor();
    await page.context().close();
  });

  it('a dry run of an import refused for rows outside the grant: focus moves to the refusal', async () => {
    await town
      .http()
      .post('/org-units')
      .set(town.bearer('admin', ['admin']))
      .send({ id: 'ou-focus-ngoai', name: 'Đơn vị ngoài phạm vi', kind: 'province' })
      .expect(201);
    const row = {
      'Mã cán bộ': 'p-focus-ngoai',
      'Họ và tên': 'Lê Thị Hoa',
      'Ngày sinh': '02/09/1986',
      'Giới tính': 'Nữ',
      'Mã đơn vị': 'ou-focus-ngoai',
    };
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.getByRole('link', { name: 'Nhập dữ liệu' }).click();
    await page
      .getByLabel('Tệp dữ liệu (xlsx hoặc CSV)')
      .setInputFiles({ name: 'ngoai.csv', mimeType: 'text/csv', buffer: csv('people', [row]) });
    await page.getByRole('button', { name: 'Kiểm tra (chạy thử, không ghi)' }).click();
    // The file's problems are listed below the refusal, which has the focus.
    await page.getByTestId('import-errors').waitFor();
    await page.locator('.error[role="alert"]:focus').waitFor();
    await page.context().close();
  });

  it('a dry run of an import that finds errors: focus moves to its verdict', async () => {
    const row = {
      'Mã cán bộ': 'p-focus-loi',
      'Họ và tên': 'Lê Thị Hoa',
      'Ngày sinh': '31/02/1986',
      'Mã đơn vị': 'ou-khong-co',
    };
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.getByRole('link', { name: 'Nhập dữ liệu' }).click();
    await page
      .getByLabel('Tệp dữ liệu (xlsx hoặc CSV)')
      .setInputFiles({ name: 'co-loi.csv', mimeType: 'text/csv', buffer: csv('people', [row]) });
    await page.getByRole('button', { name: 'Kiểm tra (chạy thử, không ghi)' }).click();
    await page.getByTestId('import-errors').waitFor();
    await page.locator('[data-testid="import-result"]:focus', { hasText: 'lỗi' }).waitFor();
    await page.context().close();
  });
});
