import * as path from 'node:path';
import request from 'supertest';
import { Browser, Page } from 'playwright-core';
import { RegistryService } from '../../src/cadres/registry.service';
import { loadDemoData } from '../../src/seed/demo-data-loader';
import { addDays, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import {
  axeViolations,
  buildWebApp,
  launchChromium,
  listeningPort,
  ROOT,
  screenshot,
  signIn,
  WEB_DIST,
} from './support/browser';

jest.setTimeout(240_000);

/**
 * A discipline complaint and its review, done on screen: staff record the complaint on the case
 * page ("Ghi nhận khiếu nại"), the leader finds "Giải quyết khiếu nại" in the inbox and decides it
 * on the case page; the leader extends an open case's time limit and an inspector closes it.
 * Before, the page only said until when one might complain: no form recorded a complaint, its
 * review, an extension or a closure, and the inbox showed the review as `complaint-review`.
 */
describe('a discipline complaint and its review on the case page', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const http = () => request(t.server as never);
  const bearer = (user: string, roles: string[]) => ({
    Authorization: `Bearer ${t.token(user, roles, 'ou-ha-noi')}`,
  });
  const today = vietnamToday();
  const dmy = (day: string) => day.split('-').reverse().join('/');
  const inspector = () => bearer('inspector-1', ['inspector']);
  const staff = () => bearer('staff-1', ['organization_staff']);
  const leader = () => bearer('leader-1', ['leadership']);
  const send = (id: string, route: string, who: Record<string, string>, body: object) =>
    http().post(`/discipline-cases/${id}${route}`).set(who).send(body).expect(200);

  /** A case opened and taken through its meetings (the inspector's and staff's steps). */
  async function throughMeetings(id: string, definition: string, person: string, unit: string) {
    await http()
      .post('/discipline-cases')
      .set(inspector())
      .send({
        id,
        definition,
        personId: person,
        orgUnitId: unit,
        summary: 'Vi phạm quy định quản lý tài chính',
        violation: {
          category: 'budget',
          committedOn: addDays(today, -100),
          description: 'Chi sai quy định',
          source: 'inspection',
        },
      })
      .expect(201);
    const meeting = { heldOn: today, minutesRef: 'BB', conclusion: 'Kết luận' };
    await send(id, '/steps/verification', inspector(), { ...meeting, violationConfirmed: true });
    await send(id, '/steps/self-criticism', staff(), meeting);
    await send(id, '/steps/review', inspector(), meeting);
  }

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_discipline_complaint', {
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
    // A Party warning, decided today: the complaint window is open.
    await throughMeetings('d-cx-party', 'discipline.party', 'p-ngo-thi-lan', 'ou-ha-noi');
    const tally = { members: 5, summoned: 5, present: 5, invalid: 0, noDiscipline: 0 };
    await send('d-cx-party', '/steps/ballot', bearer('secretary-1', ['ballot_secretary']), {
      heldOn: today,
      minutesRef: 'BB-KP',
      tally: { ...tally, votesByForm: { warning: 5 } },
    });
    await send('d-cx-party', '/steps/decision', leader(), {
      heldOn: today,
      number: '40-QĐ/UBKTTU',
      signer: 'Chủ nhiệm UBKT Thành ủy',
      form: 'warning',
      effectiveFrom: today,
    });
    // A civil servant's case still open, its time to decide running.
    await throughMeetings(
      'd-cx-open',
      'discipline.civil-service',
      'p-tran-thi-binh',
      'ou-ha-noi-home-affairs',
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const status = (page: Page, text: string) =>
    page.locator('[data-testid="discipline-status"]', { hasText: text }).waitFor();

  /** The case's cells in the auditor's case list (/audit) once its row reads `statusText`. */
  async function auditListCells(caseId: string, statusText: string): Promise<string[]> {
    const { context, page } = await signIn(browser, base, 'auditor-1');
    await page.goto(`${base}/audit`);
    const row = page
      .getByTestId('audit-cases')
      .locator('tr', { hasText: caseId })
      .filter({ hasText: statusText });
    // The list is a read model, a moment behind the write.
    for (let i = 0; i < 40 && !(await row.count()); i++) {
      await page.waitForTimeout(250);
      await page.reload();
    }
    const cells = await row.locator('td').allInnerTexts();
    await context.close();
    return cells;
  }

  it('staff record the complaint on the case page; a day after today is refused on its field', async () => {
    const { page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/discipline-cases/d-cx-party`);
    const form = page.getByTestId('file-complaint');
    await form.getByRole('heading', { name: 'Ghi nhận khiếu nại' }).waitFor();
    const filedOn = form.getByLabel('Ngày nộp đơn khiếu nại (dd/mm/yyyy)');
    await filedOn.fill(dmy(addDays(today, 1)));
    await form.getByLabel('Nội dung khiếu nại').fill('Hình thức quá nặng');
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    // The server's refusal, in Vietnamese, under the day it names.
    const fieldError = form.locator('#complaint-filedOn-error');
    await fieldError.waitFor();
    // The keyboard is taken to the day to correct (before: it stayed on «Ghi nhận»).
    await form.locator('#complaint-filedOn:focus').waitFor({ timeout: 5_000 });
    await screenshot(page, 'discipline-complaint-refused');
    expect(await fieldError.innerText()).toBe(
      `Ngày nộp đơn khiếu nại ${dmy(addDays(today, 1))} sau ngày hôm nay (${dmy(today)})`,
    );
    await filedOn.fill(dmy(today));
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    await status(page, 'Đang xem xét khiếu nại');
    expect(await page.getByTestId('complaint-filed').innerText()).toContain('Hình thức quá nặng');
    expect(await page.getByTestId('complaint-complainant').innerText()).toBe(
      'Người khiếu nại: Ngô Thị Lan',
    );
    // Who recorded it by the name their sign-in gave (before: the user id, "staff-1").
    expect(await page.getByTestId('complaint-recorder').innerText()).toBe(
      'Người ghi nhận: Cán bộ Ban Tổ chức Thành ủy',
    );
    expect(await page.getByTestId('file-complaint').count()).toBe(0);
    // Staff do not decide the complaint: the page says who does.
    expect(await page.getByTestId('review-complaint').innerText()).toContain(
      'Bước này do Lãnh đạo thực hiện.',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('the audit case list gives a case under complaint review no end day (before: its decision’s day)', async () => {
    const cells = await auditListCells('d-cx-party', 'Đang xem xét khiếu nại');
    // Columns: case (summary, id under it), procedure, unit, opened, ended, status.
    expect([cells[4], cells[5]]).toEqual(['—', 'Đang xem xét khiếu nại']);
  });

  it('the leader opens "Giải quyết khiếu nại" from the inbox and changes the form', async () => {
    // The inbox reads its projection: wait until the complaint is there.
    await eventually(
      async () =>
        (await http().get('/inbox?procedure=discipline').set(leader()).expect(200)).body.items,
      (items: { caseId: string; step: string }[]) =>
        items.some((i) => i.caseId === 'd-cx-party' && i.step === 'complaint-review'),
    );
    const { page } = await signIn(browser, base, 'leader-1');
    const row = page.locator('tr', { hasText: 'Ngô Thị Lan' });
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[2]).toBe('Giải quyết khiếu nại');
    // No period to resolve a Party complaint was found: no deadline is made up.
    expect(cells[4].trim()).toBe('—');
    await row.getByRole('link', { name: 'Mở: Ngô Thị Lan — Giải quyết khiếu nại' }).click();

    const form = page.getByTestId('review-complaint');
    await form.getByRole('heading', { name: 'Giải quyết khiếu nại' }).waitFor();
    await form
      .getByLabel('Ngày quyết định giải quyết khiếu nại (dd/mm/yyyy)')
      .fill(dmy(addDays(today, -1)));
    await form.getByLabel('Số quyết định giải quyết khiếu nại').fill('16-QĐ/UBKTTU');
    expect(await form.getByLabel('Hình thức kỷ luật mới').count()).toBe(0);
    // The outcome is the leader's to choose: none starts chosen (before: «Giữ nguyên quyết định»).
    expect(await form.getByLabel('Kết quả giải quyết').inputValue()).toBe('');
    await form
      .getByLabel('Kết quả giải quyết')
      .selectOption({ label: 'Thay đổi hình thức kỷ luật' });
    await form.getByLabel('Hình thức kỷ luật mới').selectOption({ label: 'Khiển trách' });
    await form.getByLabel('Lý do').fill('Vi phạm lần đầu, đã khắc phục');
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    const fieldError = form.locator('#review-heldOn-error');
    await fieldError.waitFor();
    await screenshot(page, 'discipline-complaint-review-refused');
    expect(await form.locator('.error').innerText()).toContain(
      'Ngày giải quyết khiếu nại trước ngày nộp đơn —',
    );
    expect(await fieldError.innerText()).toBe(
      `Ngày giải quyết ${dmy(addDays(today, -1))} trước ngày nộp đơn khiếu nại ${dmy(today)}`,
    );
    await form.getByLabel('Ngày quyết định giải quyết khiếu nại (dd/mm/yyyy)').fill(dmy(today));
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    await status(page, 'Đã quyết định kỷ luật');
    const review = await page.getByTestId('complaint-review').innerText();
    expect(review).toContain('16-QĐ/UBKTTU');
    expect(review).toContain('đổi hình thức sang Khiển trách');
    expect(await page.getByTestId('decision-form').innerText()).toBe('Khiển trách');
    expect(await page.getByTestId('review-complaint').count()).toBe(0);
    await page.context().close();
  });

  it('the audit case list ends the case on the day its complaint’s review was signed', async () => {
    const cells = await auditListCells('d-cx-party', 'Đã quyết định');
    expect([cells[4], cells[5]]).toEqual([dmy(today), 'Đã quyết định']);
  });

  it('the leader extends an open case’s time limit; an inspector closes it, with a reason', async () => {
    const { page } = await signIn(browser, base, 'leader-1');
    await page.goto(`${base}/discipline-cases/d-cx-open`);
    const actions = page.getByTestId('case-actions');
    // The leader may extend, not close (closing is for who opens the case).
    expect(await actions.getByRole('button', { name: 'Đóng hồ sơ' }).count()).toBe(0);
    await actions.getByRole('button', { name: 'Gia hạn thời hạn xử lý' }).click();
    await actions.getByLabel('Lý do').fill('Vụ việc phức tạp, cần xác minh thêm');
    await actions.getByRole('button', { name: 'Gia hạn thời hạn xử lý' }).click();
    await page.getByTestId('discipline-time-limit').getByText('đã kéo dài').waitFor();
    // Extended once: not offered again, so the leader has no action left here.
    expect(await page.getByTestId('case-actions').count()).toBe(0);
    await page.context().close();

    const inspectorPage = (await signIn(browser, base, 'inspector-1')).page;
    await inspectorPage.goto(`${base}/discipline-cases/d-cx-open`);
    const closing = inspectorPage.getByTestId('case-actions');
    await closing.getByRole('button', { name: 'Đóng hồ sơ' }).click();
    await closing.getByRole('heading', { name: 'Đóng hồ sơ, không kỷ luật' }).waitFor();
    await closing.getByRole('button', { name: 'Đóng hồ sơ' }).click();
    expect(await closing.locator('#close-reason-error').innerText()).toBe('Bắt buộc');
    await closing.getByLabel('Lý do').fill('Đơn tố cáo đã được rút');
    await closing.getByRole('button', { name: 'Đóng hồ sơ' }).click();
    await status(inspectorPage, 'Đã đóng, không kỷ luật');
    expect(await axeViolations(inspectorPage)).toEqual([]);
    await inspectorPage.context().close();
  });
});
