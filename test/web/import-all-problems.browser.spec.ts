import { Browser } from 'playwright-core';
import request from 'supertest';
import { vietnamDay } from '../../src/common/vietnam-day';
import { csv } from '../imports/spreadsheets';
import { startTestApp, TestApp } from '../support/test-app';
import { buildWebApp, launchChromium, listeningPort, signIn, WEB_DIST } from './support/browser';

jest.setTimeout(240_000);

const person = (id: string, overrides: Record<string, string> = {}) => ({
  'Mã cán bộ': id,
  'Họ và tên': 'Lê Thị Hoa',
  'Ngày sinh': '02/09/1986',
  'Giới tính': 'Nữ',
  'Dân tộc': 'Kinh',
  'Đảng viên': 'Có',
  'Ngày vào Đảng': '03/02/2010',
  'Trình độ chuyên môn': 'Thạc sĩ',
  'Lý luận chính trị': 'Cao cấp',
  'Mã đơn vị': 'ou-ha-noi',
  ...overrides,
});

/**
 * The import screen lists every problem of a file at once, of every kind, and past the first
 * thousand says how many more there are (before: the count was of the rows listed only).
 */
describe('the import screen: every problem at once', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_import_all_problems', {
      DEV_SIGN_IN: 'true',
      WEB_DIR: WEB_DIST,
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    await request(t.server as never)
      .post('/org-units')
      .set({ Authorization: `Bearer ${t.token('admin', ['admin'], 'ou-ha-noi')}` })
      .send({ id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' })
      .expect(201);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a file with 1,002 problems of two kinds: the first 1,000 listed, and how many more', async () => {
    const rows = [
      person('p-sai-don-vi', { 'Mã đơn vị': 'ou-khong-co' }),
      ...Array.from({ length: 1001 }, (_, i) =>
        person(`p-sai-ngay-${i}`, { 'Ngày sinh': '31/02/1986' }),
      ),
    ];
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.getByRole('link', { name: 'Nhập dữ liệu' }).click();
    await page
      .getByLabel('Tệp dữ liệu (xlsx hoặc CSV)')
      .setInputFiles({ name: 'so-can-bo.csv', mimeType: 'text/csv', buffer: csv('people', rows) });
    await page.getByRole('button', { name: 'Kiểm tra (chạy thử, không ghi)' }).click();
    await page.getByText('Có 1002 lỗi').waitFor();
    const listed = page.getByTestId('import-errors').locator('tbody tr');
    expect(await listed.count()).toBe(1000);
    expect(await listed.nth(0).locator('td').allInnerTexts()).toEqual(
      expect.arrayContaining(['Cán bộ', '2', 'Mã đơn vị']),
    );
    expect(await listed.nth(1).locator('td').allInnerTexts()).toEqual(
      expect.arrayContaining(['Cán bộ', '3', 'Ngày sinh', 'C3']),
    );
    expect(await page.getByTestId('import-errors-not-listed').innerText()).toBe(
      'Bảng trên liệt kê 1000 lỗi đầu tiên; còn 2 lỗi khác chưa liệt kê. Sửa các lỗi này rồi kiểm tra lại để xem tiếp.',
    );
    await context.close();
  });

  it('the keyboard goes on from the verdict of a dry run and from the import done (before: focus fell to BODY)', async () => {
    const rows = [person('p-focus', { 'Họ và tên': 'Trần Văn Tiêu' })];
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.getByRole('link', { name: 'Nhập dữ liệu' }).click();
    await page
      .getByLabel('Tệp dữ liệu (xlsx hoặc CSV)')
      .setInputFiles({ name: 'mot-nguoi.csv', mimeType: 'text/csv', buffer: csv('people', rows) });
    await page.getByRole('button', { name: 'Kiểm tra (chạy thử, không ghi)' }).click();
    await page
      .locator('[data-testid="import-result"]:focus', { hasText: 'Tệp hợp lệ: có thể nhập.' })
      .waitFor();
    await page.getByRole('button', { name: 'Nhập dữ liệu', exact: true }).click();
    await page
      .locator('[data-testid="import-result"]:focus', {
        hasText: 'Đã nhập xong tệp mot-nguoi.csv.',
      })
      .waitFor();
    await context.close();
  });

  it('a row born after today: the screen says so with the row\'s other problems, not "0 tuổi"', async () => {
    const today = vietnamDay(new Date());
    const later = Number(today.slice(0, 4)) + 4;
    const shown = (day: string) => day.split('-').reverse().join('/');
    const rows = [
      person('p-chua-sinh', {
        'Ngày sinh': `02/05/${later}`,
        'Ngày vào Đảng': '19/05/2003',
        'Mã đơn vị': 'ou-khong-co',
      }),
    ];
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.getByRole('link', { name: 'Nhập dữ liệu' }).click();
    await page
      .getByLabel('Tệp dữ liệu (xlsx hoặc CSV)')
      .setInputFiles({ name: 'chua-sinh.csv', mimeType: 'text/csv', buffer: csv('people', rows) });
    await page.getByRole('button', { name: 'Kiểm tra (chạy thử, không ghi)' }).click();
    await page.getByText('Có 3 lỗi').waitFor();
    const listed = page.getByTestId('import-errors').locator('tbody tr');
    const cells = async (n: number) => listed.nth(n).locator('td').allInnerTexts();
    expect(await cells(1)).toEqual([
      'Cán bộ',
      '2',
      'Ngày sinh',
      'C2',
      `Ngày sinh 02/05/${later} sau ngày hôm nay (${shown(today)})`,
      'Ngày sau ngày hôm nay',
    ]);
    expect(await cells(2)).toEqual(
      expect.arrayContaining([
        'Ngày vào Đảng',
        `Ngày vào Đảng 19/05/2003 trước ngày sinh (02/05/${later})`,
      ]),
    );
    expect(await page.getByTestId('import-errors').innerText()).not.toContain('tuổi');
    await context.close();
  });

  it('the same person twice with other data: the screen says the key repeats with other data', async () => {
    const rows = [
      person('p-hai-lan', { 'Mã đơn vị': 'ou-ha-noi' }),
      person('p-hai-lan', { 'Họ và tên': 'Lê Thị Hoà' }),
    ];
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.getByRole('link', { name: 'Nhập dữ liệu' }).click();
    await page
      .getByLabel('Tệp dữ liệu (xlsx hoặc CSV)')
      .setInputFiles({ name: 'hai-lan.csv', mimeType: 'text/csv', buffer: csv('people', rows) });
    await page.getByRole('button', { name: 'Kiểm tra (chạy thử, không ghi)' }).click();
    await page.getByText('Có 1 lỗi').waitFor();
    const listed = page.getByTestId('import-errors').locator('tbody tr');
    expect(await listed.nth(0).locator('td').allInnerTexts()).toEqual([
      'Cán bộ',
      '3',
      'Mã cán bộ',
      'A3',
      'trùng mã với dòng 2 (p-hai-lan) nhưng khác nội dung; mỗi mã chỉ một dòng',
      // The rule by its title (before: the bare code), its code on hover for staff to quote.
      'Dòng trùng lặp',
    ]);
    expect(await listed.nth(0).locator('td').last().getAttribute('title')).toBe(
      'import.duplicate_row',
    );
    await context.close();
  });

  it("a cell's problem reads in Vietnamese alone, without the English the API writes beside it", async () => {
    const rows = [
      person('p-sai-o', {
        'Ngày sinh': '31/02/1986',
        'Giới tính': 'x',
        'Dân tộc': '',
        'Trình độ chuyên môn': 'Thạc\u0007sĩ',
      }),
    ];
    // The API writes each problem in both languages, for a caller in either.
    const api = await request(t.server as never)
      .post('/imports?dryRun=true')
      .set({ Authorization: `Bearer ${t.token('staff-1', ['organization_staff'], 'ou-ha-noi')}` })
      .attach('file', csv('people', rows), 'sai-o.csv')
      .expect(200);
    expect(api.body.errors.map((e: { message: string }) => e.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('(a day as dd/mm/yyyy or yyyy-mm-dd)')]),
    );
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.getByRole('link', { name: 'Nhập dữ liệu' }).click();
    await page
      .getByLabel('Tệp dữ liệu (xlsx hoặc CSV)')
      .setInputFiles({ name: 'sai-o.csv', mimeType: 'text/csv', buffer: csv('people', rows) });
    await page.getByRole('button', { name: 'Kiểm tra (chạy thử, không ghi)' }).click();
    await page.getByText('Có 4 lỗi').waitFor();
    const table = page.getByTestId('import-errors');
    const problemOf = async (column: string) =>
      (await table.locator('tbody tr', { hasText: column }).locator('td').allInnerTexts())[4];
    expect(await problemOf('Ngày sinh')).toBe(
      'ngày theo dạng dd/mm/yyyy hoặc yyyy-mm-dd, không có ngày "31/02/1986"',
    );
    expect(await problemOf('Giới tính')).toBe('một trong: Nam, Nữ; có "x"');
    expect(await problemOf('Dân tộc')).toBe('bắt buộc');
    expect(await problemOf('Trình độ chuyên môn')).toBe(
      'hãy bỏ ký tự điều khiển (U+0007) ở vị trí 5',
    );
    expect(await table.innerText()).not.toMatch(/\((?:a day as|required|one of|remove)\b/);
    await context.close();
  });
});
