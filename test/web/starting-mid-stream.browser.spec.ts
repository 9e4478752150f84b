import * as path from 'node:path';
import { Browser } from 'playwright-core';
import request from 'supertest';
import { RegistryService } from '../../src/cadres/registry.service';
import { loadDemoData } from '../../src/seed/demo-data-loader';
import { workbook } from '../imports/spreadsheets';
import { addDays, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import {
  axeViolations,
  buildWebApp,
  launchChromium,
  listeningPort,
  ROOT,
  screenshot,
  WEB_DIST,
  signIn,
} from './support/browser';

jest.setTimeout(240_000);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const newPerson = (id: string, overrides: Record<string, string> = {}) => ({
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
 * Starting mid-stream in a browser: a staff member checks and imports the registry kept on paper;
 * a records clerk imports the cases under way on paper, and opens one as of the day it began.
 */
describe('the web app: importing the paper registry and opening a paper case', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_midstream', {
      RUN_WORKERS: 'true',
      DEV_SIGN_IN: 'true',
      WEB_DIR: WEB_DIST,
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    await loadDemoData(
      path.join(ROOT, 'seeds/demo/ha-noi.json'),
      t.app.get(RegistryService),
      new Date(),
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a staff member checks a file (bad rows listed by line and column), corrects it and imports it', async () => {
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.getByRole('link', { name: 'Nhập dữ liệu' }).click();
    await page.getByRole('heading', { name: 'Nhập dữ liệu từ bảng tính' }).waitFor();
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải mẫu bảng tính (xlsx)' }).click(),
    ]);
    expect(template.suggestedFilename()).toMatch(/\.xlsx$/);

    // Written by someone, not by a saga catching up meanwhile (the demo's terms' notice timers).
    const events = async () =>
      (
        await t.db.pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM events WHERE metadata->>'actorId' NOT LIKE 'system:%'",
        )
      ).rows[0].n;
    const before = await events();
    const bad = await workbook({
      people: [newPerson('p-le-thi-hoa', { 'Ngày sinh': '31/02/1986' })],
      planning: [
        {
          'Mã cán bộ': 'p-le-thi-hoa',
          'Mã chức vụ': 'pos-ha-noi-head-organization',
          'Nhiệm kỳ quy hoạch': '2025/2030',
          'Số quyết định': '88-QĐ/TU',
        },
      ],
    });
    await page
      .getByLabel('Tệp dữ liệu (xlsx hoặc CSV)')
      .setInputFiles({ name: 'so-can-bo.xlsx', mimeType: XLSX, buffer: bad });
    await page.getByRole('button', { name: 'Kiểm tra (chạy thử, không ghi)' }).click();
    await page.getByText('Có 2 lỗi').waitFor();
    const rows = page.getByTestId('import-errors').locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).locator('td').allInnerTexts()).toEqual(
      expect.arrayContaining(['Cán bộ', '2', 'Ngày sinh', 'C2']),
    );
    expect(await rows.nth(1).locator('td').allInnerTexts()).toEqual(
      expect.arrayContaining(['Quy hoạch', '2', 'Nhiệm kỳ quy hoạch', 'C2']),
    );
    expect(await page.getByRole('button', { name: 'Nhập dữ liệu' }).isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'import-dry-run-bad-rows');
    expect(await events()).toBe(before);

    const good = await workbook({
      people: [newPerson('p-le-thi-hoa')],
      planning: [
        {
          'Mã cán bộ': 'p-le-thi-hoa',
          'Mã chức vụ': 'pos-ha-noi-head-organization',
          'Nhiệm kỳ quy hoạch': '2025-2030',
          'Số quyết định': '88-QĐ/TU',
        },
      ],
    });
    await page
      .getByLabel('Tệp dữ liệu (xlsx hoặc CSV)')
      .setInputFiles({ name: 'so-can-bo.xlsx', mimeType: XLSX, buffer: good });
    await page.getByRole('button', { name: 'Kiểm tra (chạy thử, không ghi)' }).click();
    await page.getByText('Tệp hợp lệ: có thể nhập.').waitFor();
    await page.getByRole('button', { name: 'Nhập dữ liệu' }).click();
    await page.getByText('Đã nhập xong tệp so-can-bo.xlsx.').waitFor();
    const counts = page.getByTestId('import-counts');
    expect(await counts.locator('tr', { hasText: 'Cán bộ' }).locator('td').allInnerTexts()).toEqual(
      ['1', '1', '0'],
    );
    expect(
      await counts.locator('tr', { hasText: 'Quy hoạch' }).locator('td').allInnerTexts(),
    ).toEqual(['1', '1', '0']);
    await screenshot(page, 'import-done');
    await page.goto(`${base}/cadres/p-le-thi-hoa`);
    await page.getByText('Lê Thị Hoa').first().waitFor();
    await context.close();
  });

  it('a records clerk imports a case under way on paper with its steps; a step the rules refuse is a bad row', async () => {
    const paperCase = {
      'Mã hồ sơ': 'c-giay-2025-021',
      'Quy trình': 'Bổ nhiệm',
      'Mẫu quy trình': 'appointment.internal',
      'Mã cán bộ': 'p-nguyen-van-an',
      'Mã chức vụ': 'pos-ha-noi-head-organization',
      'Mã đơn vị': 'ou-ha-noi-party-committee',
      'Trích yếu': 'Bổ nhiệm Trưởng ban Tổ chức (hồ sơ giấy)',
      'Ngày bắt đầu': '16/06/2025',
      'Số hồ sơ giấy': 'HS-2025/021',
    };
    const meeting = {
      'Mã hồ sơ': 'c-giay-2025-021',
      'Mã bước': 'leadership-round-1',
      'Ngày thực hiện': '20/06/2025',
      'Số biên bản': 'BB-01/2025',
      'Nội dung': 'Thống nhất chủ trương',
    };
    // The nomination is the ballot secretary's step: the clerk's roles do not take it.
    const nomination = {
      'Mã hồ sơ': 'c-giay-2025-021',
      'Mã bước': 'expanded-nomination',
      'Ngày thực hiện': '27/06/2025',
      'Số biên bản': 'BB-02/2025',
      'Tổng số thành viên': 25,
      'Số triệu tập': 25,
      'Số có mặt': 24,
      'Phiếu không hợp lệ': 0,
      'Giới thiệu': 'p-nguyen-van-an: 17',
    };
    const { context, page } = await signIn(browser, base, 'clerk-1');
    await page.getByRole('link', { name: 'Nhập dữ liệu' }).click();
    await page.getByText('chỉ văn thư lưu trữ được nhập').waitFor();
    const upload = (buffer: Buffer) =>
      page
        .getByLabel('Tệp dữ liệu (xlsx hoặc CSV)')
        .setInputFiles({ name: 'ho-so-giay.xlsx', mimeType: XLSX, buffer });
    await upload(await workbook({ cases: [paperCase], caseSteps: [meeting, nomination] }));
    await page.getByRole('button', { name: 'Kiểm tra (chạy thử, không ghi)' }).click();
    await page.getByText('Có 1 lỗi').waitFor();
    const bad = page.getByTestId('import-errors').locator('tbody tr');
    // The rule by its Vietnamese title, its code on hover.
    expect(await bad.nth(0).locator('td').allInnerTexts()).toEqual(
      expect.arrayContaining([
        'Bước đã thực hiện',
        '3',
        'Mã bước',
        'Vai trò của bạn không thực hiện bước này',
      ]),
    );
    expect(await bad.nth(0).locator('td').last().getAttribute('title')).toBe(
      'step.role_not_allowed',
    );
    const counts = page.getByTestId('import-counts');
    expect(
      await counts
        .locator('tr', { hasText: 'Hồ sơ đang giải quyết' })
        .locator('td')
        .allInnerTexts(),
    ).toEqual(['1', '0', '0']);
    await screenshot(page, 'import-cases-bad-step');

    await upload(await workbook({ cases: [paperCase], caseSteps: [meeting] }));
    await page.getByRole('button', { name: 'Kiểm tra (chạy thử, không ghi)' }).click();
    await page.getByText('Tệp hợp lệ: có thể nhập.').waitFor();
    await page.getByRole('button', { name: 'Nhập dữ liệu' }).click();
    await page.getByText('Đã nhập xong tệp ho-so-giay.xlsx.').waitFor();
    expect(
      await counts
        .locator('tr', { hasText: 'Hồ sơ đang giải quyết' })
        .locator('td')
        .allInnerTexts(),
    ).toEqual(['1', '1', '0']);
    expect(
      await counts.locator('tr', { hasText: 'Bước đã thực hiện' }).locator('td').allInnerTexts(),
    ).toEqual(['1', '1', '0']);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'import-cases-done');
    // The case goes on live from the step after the last one on paper.
    await page.goto(`${base}/cases/c-giay-2025-021`);
    await page.getByTestId('case-from-paper').getByText('HS-2025/021').waitFor();
    const view = await request(t.server as never)
      .get('/cases/c-giay-2025-021')
      .set({ Authorization: `Bearer ${t.token('staff-1', ['organization_staff'], 'ou-ha-noi')}` })
      .expect(200);
    expect(view.body).toMatchObject({
      openedOn: '2025-06-16',
      currentStep: { id: 'expanded-nomination' },
    });
    await context.close();
  });

  it('a records clerk opens a paper case as of the day it began; it keeps that day’s rules', async () => {
    const staff = await signIn(browser, base, 'staff-1');
    await staff.page.getByRole('link', { name: 'Mở hồ sơ' }).click();
    await staff.page.getByLabel('Tóm tắt').waitFor();
    expect(await staff.page.getByTestId('from-paper').count()).toBe(0);
    await staff.context.close();

    const { context, page } = await signIn(browser, base, 'clerk-1');
    await page.getByRole('link', { name: 'Mở hồ sơ' }).click();
    await page.getByLabel('Thủ tục', { exact: true }).selectOption('appointment');
    await page.getByLabel('Quy trình').selectOption('appointment.internal');
    await page.getByLabel('Tìm cán bộ theo tên').fill('tran thi');
    await page
      .getByLabel('Chọn cán bộ')
      .locator('option', { hasText: 'Trần Thị Bình' })
      .waitFor({ state: 'attached' });
    await page.getByLabel('Chọn cán bộ').selectOption('p-tran-thi-binh');
    await page.getByLabel('Tìm chức vụ').fill('Phó Trưởng ban Tổ chức');
    await page.getByLabel('Chọn chức vụ').selectOption('pos-ha-noi-deputy-head-organization');
    await page.getByLabel('Tóm tắt').fill('Bổ nhiệm Phó Trưởng ban Tổ chức (hồ sơ giấy)');
    await page.getByLabel('Hồ sơ giấy đã bắt đầu trước đây: mở theo ngày bắt đầu').check();
    await page.getByLabel('Ngày bắt đầu trên hồ sơ giấy (dd/mm/yyyy)').fill('15/06/2025');
    await page.getByLabel('Số, ký hiệu hồ sơ giấy').fill('HS-2025/017');
    // Vetted on paper: no verdict from a record that was entered here only later.
    await page.getByText('áp dụng quy trình và bộ quy định có hiệu lực vào ngày bắt đầu').waitFor();
    expect(await page.getByTestId('eligibility').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'open-case-from-paper');
    await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    await page.waitForURL(/\/cases\/c-/);
    await page.getByTestId('case-from-paper').getByText('HS-2025/017').waitFor();
    const caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const view = await request(t.server as never)
      .get(`/cases/${caseId}`)
      .set({ Authorization: `Bearer ${t.token('staff-1', ['organization_staff'], 'ou-ha-noi')}` })
      .expect(200);
    expect(view.body).toMatchObject({ openedOn: '2025-06-15' });
    // The rules of that day: the set shown by the day it took effect, its id in the tooltip.
    const [y, m, d] = (view.body.ruleSet as string).replace('state-', '').split('-');
    await page
      .locator(`dd[title="${view.body.ruleSet}"]`, {
        hasText: `Các quy định có hiệu lực ngày ${d}/${m}/${y}`,
      })
      .first()
      .waitFor();
    await page.getByText('15/06/2025').first().waitFor();
    await context.close();
  });
  it('an imported term ending within its notice window shows its re-appointment notice and the case it opened on the person page', async () => {
    const termEnd = addDays(vietnamToday(), 60);
    const ddmmyyyy = (day: string) => day.split('-').reverse().join('/');
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.getByRole('link', { name: 'Nhập dữ liệu' }).click();
    const file = await workbook({
      people: [newPerson('p-pham-van-minh', { 'Họ và tên': 'Phạm Văn Minh', 'Giới tính': 'Nam' })],
      posts: [
        {
          'Mã cán bộ': 'p-pham-van-minh',
          'Mã chức vụ': 'pos-ha-noi-director-home-affairs',
          'Từ ngày': ddmmyyyy(addDays(termEnd, -1826)),
          'Hết nhiệm kỳ': ddmmyyyy(termEnd),
          'Số quyết định': '210/QĐ-UBND',
        },
      ],
    });
    await page
      .getByLabel('Tệp dữ liệu (xlsx hoặc CSV)')
      .setInputFiles({ name: 'giam-doc.xlsx', mimeType: XLSX, buffer: file });
    await page.getByRole('button', { name: 'Kiểm tra (chạy thử, không ghi)' }).click();
    await page.getByText('Tệp hợp lệ: có thể nhập.').waitFor();
    await page.getByRole('button', { name: 'Nhập dữ liệu' }).click();
    await page.getByText('Đã nhập xong tệp giam-doc.xlsx.').waitFor();

    // Its notice day (90 days before the term ends, Nghị định 170/2025 art. 39(1)) has passed: given at once.
    const notices = page
      .locator('h2', { hasText: 'Thông báo bổ nhiệm lại' })
      .locator('xpath=following-sibling::ul[1]');
    const notice = `Giám đốc Sở Nội vụ thành phố Hà Nội · Hết nhiệm kỳ ${ddmmyyyy(termEnd)}`;
    const openCases = page
      .locator('h2', { hasText: 'Hồ sơ đang xử lý' })
      .locator('xpath=following-sibling::ul[1]');
    // The notice and the case's note reach the record each through its own saga.
    const shown = async () =>
      (await notices.innerText()).includes(notice) &&
      (await openCases.innerText()).includes('Bổ nhiệm lại');
    for (let tries = 0; tries < 20; tries++) {
      await page.goto(`${base}/cadres/p-pham-van-minh`);
      await page.getByText('Phạm Văn Minh').first().waitFor();
      if (await shown()) break;
      await page.waitForTimeout(250);
    }
    expect(await notices.innerText()).toContain(notice);
    expect(await openCases.innerText()).toContain('Bổ nhiệm lại');
    await screenshot(page, 'imported-term-notice');
    await context.close();
  });
});
