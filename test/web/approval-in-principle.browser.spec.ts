import * as path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { RegistryService } from '../../src/cadres/registry.service';
import { loadDemoData } from '../../src/seed/demo-data-loader';
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

const GIANG = { id: 'p-vu-thi-giang', query: 'vu thi', name: 'Vũ Thị Giang' };
const BINH = { id: 'p-tran-thi-binh', query: 'tran thi', name: 'Trần Thị Bình' };
// The deputy director (rank 4): the director's appointment also needs the ministry's agreement.
const DEPUTY = 'pos-ha-noi-deputy-director-home-affairs';
const DIRECTOR = 'pos-ha-noi-director-home-affairs';
const DEPARTMENT = 'ou-ha-noi-home-affairs';

/**
 * Approval in principle in a browser, in Vietnamese: the Department of Home Affairs asks the
 * city's People's Committee before appointing its director; the appointment waits for the answer.
 */
describe('the web app: approval in principle before an appointment', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_principle', {
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

  async function fillOpening(
    page: Page,
    procedure: string,
    summary: string,
    post = DEPUTY,
    unit = DEPARTMENT,
    person = GIANG,
  ): Promise<void> {
    await page.getByRole('link', { name: 'Mở hồ sơ' }).click();
    await page.getByLabel('Thủ tục').selectOption(procedure);
    await page.getByLabel('Tìm cán bộ theo tên').fill(person.query);
    await page
      .getByLabel('Chọn cán bộ')
      .locator('option', { hasText: person.name })
      .waitFor({ state: 'attached' });
    await page.getByLabel('Chọn cán bộ').selectOption(person.id);
    await page.getByLabel('Tìm chức vụ').fill('Giám đốc Sở Nội vụ');
    await page.getByLabel('Chọn chức vụ').selectOption(post);
    await page.getByLabel('Đơn vị thực hiện').selectOption(unit);
    await page.getByLabel('Tóm tắt').fill(summary);
  }

  const caseIdOf = (page: Page) =>
    decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

  it('asks the city, is held back until it answers, then the appointment runs', async () => {
    const staff = await signIn(browser, base, 'staff-1');
    let page = staff.page;
    await fillOpening(
      page,
      'approval_in_principle',
      'Xin chủ trương bổ nhiệm Phó Giám đốc Sở Nội vụ',
    );
    await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    await page.waitForURL(/\/cases\/c-/);
    const approvalId = caseIdOf(page);
    await page.locator('#current-step-title', { hasText: 'Tờ trình xin chủ trương' }).waitFor();
    await page.getByLabel('Nội dung tờ trình', { exact: true }).fill('Tờ trình 12/TTr-SNV');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByText('Đã ghi nhận.').waitFor();
    await page.locator('#current-step-title', { hasText: 'Văn bản đồng ý chủ trương' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'approval-in-principle-waiting');

    // Without the approval the appointment is refused, in Vietnamese, naming the rule.
    await fillOpening(page, 'appointment', 'Bổ nhiệm Phó Giám đốc Sở Nội vụ');
    await page.getByLabel('Quy trình').selectOption('appointment.internal');
    await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    await page
      .getByRole('alert')
      .getByText('Chức vụ do cấp trên bổ nhiệm: cần có hồ sơ xin chủ trương')
      .waitFor();
    await page
      .getByLabel('Mã hồ sơ xin chủ trương (khi chức vụ do cấp trên bổ nhiệm)')
      .fill(approvalId);
    await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    await page.waitForURL(
      (url) => /\/cases\/c-/.test(url.pathname) && !url.pathname.endsWith(approvalId),
    );
    const appointmentId = caseIdOf(page);
    await page.locator('#current-step-title', { hasText: 'lần 1' }).waitFor();
    await page.getByLabel('Số biên bản', { exact: true }).fill('BB-01');
    await page.getByLabel('Kết luận', { exact: true }).fill('Thống nhất vị trí, tiêu chuẩn');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByText('Cấp có thẩm quyền chưa có văn bản đồng ý chủ trương').waitFor();
    await staff.context.close();

    // The city's leadership gives the written approval.
    const leader = await signIn(browser, base, 'leader-1');
    page = leader.page;
    await page.goto(`${base}/cases/${approvalId}`);
    await page.locator('#current-step-title', { hasText: 'Văn bản đồng ý chủ trương' }).waitFor();
    await page.getByLabel('Số quyết định', { exact: true }).fill('88/UBND-TCCB');
    await page.getByLabel('Người ký', { exact: true }).fill('Chủ tịch UBND thành phố');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByText('Đã ghi nhận.').waitFor();
    await page.getByText('Đã quyết định').first().waitFor();
    // The approval holds until a day (before: "Thời hạn: 0 năm, đến ngày …" and an English ground).
    const card = await page.getByTestId('decision').innerText();
    expect(card).toMatch(/Có giá trị đến ngày\s+\d\d\/\d\d\/\d{4}/);
    expect(card).not.toMatch(/năm|Thời hạn/);
    await leader.context.close();

    // Now the appointment's first step is taken.
    const again = await signIn(browser, base, 'staff-1');
    page = again.page;
    await page.goto(`${base}/cases/${appointmentId}`);
    await page.locator('#current-step-title', { hasText: 'lần 1' }).waitFor();
    await page.getByLabel('Số biên bản', { exact: true }).fill('BB-01');
    await page.getByLabel('Kết luận', { exact: true }).fill('Thống nhất vị trí, tiêu chuẩn');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByText('Đã ghi nhận.').waitFor();
    await page.locator('#current-step-title', { hasText: 'mở rộng' }).waitFor();
    await screenshot(page, 'approval-in-principle-appointment-runs');
    await again.context.close();
  });

  it('the director’s appointment waits for the ministry’s agreement (hiệp y)', async () => {
    const { context, page } = await signIn(browser, base, 'staff-1');
    const CITY = 'ou-ha-noi-peoples-committee';
    await fillOpening(page, 'appointment', 'Bổ nhiệm Giám đốc Sở Nội vụ', DIRECTOR, CITY, BINH);
    await page.getByLabel('Quy trình').selectOption('appointment.internal');
    await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    await page
      .getByRole('alert')
      .getByText('Chức vụ cần có văn bản hiệp y của cơ quan khác')
      .waitFor();

    await fillOpening(
      page,
      'consultation',
      'Hiệp y bổ nhiệm Giám đốc Sở Nội vụ',
      DIRECTOR,
      CITY,
      BINH,
    );
    await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    await page.waitForURL(/\/cases\/c-/);
    const consultationId = caseIdOf(page);
    await page.locator('#current-step-title', { hasText: 'Văn bản đề nghị hiệp y' }).waitFor();
    await page.getByLabel('Nội dung tờ trình', { exact: true }).fill('Công văn 5/UBND-NC');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByText('Đã ghi nhận.').waitFor();
    await page.locator('#current-step-title', { hasText: 'Văn bản hiệp y' }).waitFor();
    await page.getByLabel('Số quyết định', { exact: true }).fill('77/BNV-TCBC');
    await page.getByLabel('Người ký', { exact: true }).fill('Bộ Nội vụ');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByText('Đã quyết định').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await fillOpening(page, 'appointment', 'Bổ nhiệm Giám đốc Sở Nội vụ', DIRECTOR, CITY, BINH);
    await page.getByLabel('Quy trình').selectOption('appointment.internal');
    await page.getByLabel('Mã hồ sơ hiệp y (khi cần cơ quan khác đồng ý)').fill(consultationId);
    await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    await page.waitForURL(
      (url) => /\/cases\/c-/.test(url.pathname) && !url.pathname.endsWith(consultationId),
    );
    await page.locator('#current-step-title', { hasText: 'lần 1' }).waitFor();
    await page.getByLabel('Số biên bản', { exact: true }).fill('BB-01');
    await page.getByLabel('Kết luận', { exact: true }).fill('Thống nhất vị trí, tiêu chuẩn');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByText('Đã ghi nhận.').waitFor();
    await page.locator('#current-step-title', { hasText: 'mở rộng' }).waitFor();
    await screenshot(page, 'consultation-appointment-runs');
    await context.close();
  });
});
