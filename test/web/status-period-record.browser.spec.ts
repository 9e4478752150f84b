import request from 'supertest';
import { Browser, Page } from 'playwright-core';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { buildWebApp, launchChromium, listeningPort, signIn, WEB_DIST } from './support/browser';

jest.setTimeout(240_000);

const dmy = (day: string) => day.split('-').reverse().join('/');

/**
 * The person page in Chromium: the managing unit's staff record a status period (Ghi nhận tình
 * trạng), which then holds an appointment back. Before, the page had no such form: a detention,
 * an investigation or a maternity leave could be recorded through the API only.
 */
describe('the person page: recording a status period', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const today = vietnamToday();
  const since = addDays(today, -10);
  const http = () => request(t.server as never);
  const staff = () => ({
    Authorization: `Bearer ${t.token('staff-1', ['organization_staff'], 'ou-ha-noi')}`,
  });

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_status_period_record', {
      DEV_SIGN_IN: 'true',
      WEB_DIR: WEB_DIST,
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    await buildRegistry(t, staff(), {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      positions: [{ id: 'pos-head', rank: 4 }],
      people: [
        { id: 'p-an', pool: ['pos-head'] },
        { id: 'p-hung', gender: 'male' },
        { id: 'p-lan', gender: 'female' },
        { id: 'p-minh', gender: 'male' },
      ],
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const recordForm = (page: Page) => page.getByRole('form', { name: 'Ghi nhận tình trạng' });

  it('refuses an end before the start on its field, then records the detention: listed, and the verdict turns', async () => {
    const read = await http().get('/cadres/p-an').set(staff()).expect(200);
    const revision = `"${read.body.revision}"`;
    const { context, page } = await signIn(browser, base, 'staff-1');
    const ifMatch: (string | undefined)[] = [];
    page.on('request', (sent) => {
      if (sent.method() === 'POST' && sent.url().endsWith('/cadres/p-an/statuses'))
        ifMatch.push(sent.headers()['if-match']);
    });
    await page.goto(`${base}/cadres/p-an`);
    await page
      .locator('#person-eligibility option[value="pos-head"]')
      .waitFor({ state: 'attached' });
    await page.locator('#person-eligibility').selectOption('pos-head');
    await page
      .locator('.notice[role="status"]')
      .getByText(/^Đủ điều kiện/)
      .waitFor();

    const form = recordForm(page);
    await form.getByLabel('Tình trạng', { exact: true }).selectOption({
      label: 'Đang bị tạm giữ, tạm giam',
    });
    await form.getByLabel('Từ ngày (dd/mm/yyyy)').fill(dmy(since));
    const until = form.getByLabel('Đến ngày (dd/mm/yyyy; để trống nếu chưa xác định)');
    await until.fill(dmy(addDays(since, -1)));
    await form.getByLabel('Căn cứ, ghi chú (quyết định, văn bản)').fill('Lệnh tạm giam số 5');
    await form.getByRole('button', { name: 'Ghi nhận tình trạng' }).click();
    // The server's refusal (400 status.period_reversed, field until) on the field it names.
    const untilError = form.locator('#status-record-until-error');
    await untilError.waitFor();
    expect(await untilError.innerText()).toBe(
      `Ngày kết thúc trước ngày bắt đầu — Ngày kết thúc (${dmy(addDays(since, -1))}) trước ngày bắt đầu (${dmy(since)}) của tình trạng`,
    );
    expect(await until.getAttribute('aria-describedby')).toBe('status-record-until-error');
    // The keyboard is taken to the day to correct (before: it stayed on «Ghi nhận tình trạng»).
    await form.locator('#status-record-until:focus').waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('person-statuses').innerText()).toBe('Không có');

    await until.fill('');
    await form.getByRole('button', { name: 'Ghi nhận tình trạng' }).click();
    const statuses = page.getByTestId('person-statuses');
    await statuses.getByText(`từ ${dmy(since)}`).waitFor();
    expect(await statuses.locator('li').first().innerText()).toContain(
      `Đang bị tạm giữ, tạm giam — từ ${dmy(since)} (Lệnh tạm giam số 5)`,
    );
    const verdict = page.locator('.warning[role="status"]');
    await verdict.waitFor();
    expect(await verdict.innerText()).toContain(
      `Đang bị tạm giữ, tạm giam từ ngày ${dmy(since)} (Quy định 377-QĐ/TW`,
    );
    expect(await untilError.count()).toBe(0);
    // Both writes named the revision the page had read (the record's ETag), not a blind write.
    expect(ifMatch).toEqual([revision, revision]);
    await context.close();
  });

  it('refuses a write on a record changed since the page read it, in Vietnamese, then records on the fresh one', async () => {
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cadres/p-lan`);
    const form = recordForm(page);
    await form.getByLabel('Từ ngày (dd/mm/yyyy)').waitFor();
    const { revision } = (await http().get('/cadres/p-lan').set(staff()).expect(200)).body;
    // A colleague records something meanwhile.
    await http()
      .post('/cadres/p-lan/statuses')
      .set(staff())
      .send({
        status: 'abroad',
        from: addDays(since, -30),
        until: addDays(since, -20),
        note: 'Đi công tác',
      })
      .expect(201);
    await form.getByLabel('Tình trạng', { exact: true }).selectOption('under_investigation');
    await form.getByLabel('Từ ngày (dd/mm/yyyy)').fill(dmy(since));
    await form.getByLabel('Căn cứ, ghi chú (quyết định, văn bản)').fill('Quyết định kiểm tra số 3');
    await form.getByRole('button', { name: 'Ghi nhận tình trạng' }).click();
    const refusal = form.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('Hồ sơ đã thay đổi kể từ lần bạn đọc');
    // The person's record, not a case (before: "reload the case", read as a case's "Hồ sơ").
    expect(await refusal.innerText()).toContain('Hồ sơ cán bộ đã được cập nhật sau khi bạn mở');
    expect(await refusal.innerText()).toContain(
      `bạn đọc phiên bản ${revision}, nay là phiên bản ${revision + 1}`,
    );
    // The page read the record again: the colleague's period shows, and the next try goes through.
    const statuses = page.getByTestId('person-statuses');
    await statuses.getByText('Đang ở nước ngoài').waitFor();
    await form.getByRole('button', { name: 'Ghi nhận tình trạng' }).click();
    await statuses.getByText('Đang bị điều tra, kiểm tra, xem xét tố cáo').waitFor();
    await context.close();
  });

  it("asks a man's ground for raising a child under 12 months (not a woman's), offers him no pregnancy, and lists it", async () => {
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cadres/p-hung`);
    const form = recordForm(page);
    const kind = form.getByLabel('Tình trạng', { exact: true });
    await kind.selectOption('child_under_12_months');
    // Pregnancy and maternity leave are a woman's (the server refuses them for him: status.women_only).
    for (const womans of ['pregnant', 'maternity_leave'])
      expect(await kind.locator(`option[value="${womans}"]`).count()).toBe(0);
    const ground = form.getByLabel('Lý do người cha trực tiếp nuôi con');
    expect(await ground.locator('option').allInnerTexts()).toEqual([
      '— Không có —',
      'Vợ đã mất',
      'Vợ không thể nuôi con vì sự kiện bất khả kháng, trở ngại khách quan',
    ]);
    await ground.selectOption({ label: 'Vợ đã mất' });
    await form.getByLabel('Từ ngày (dd/mm/yyyy)').fill(dmy(since));
    await form.getByLabel('Căn cứ, ghi chú (quyết định, văn bản)').fill('Giấy chứng tử');
    await form.getByRole('button', { name: 'Ghi nhận tình trạng' }).click();
    const statuses = page.getByTestId('person-statuses');
    await statuses.getByText('Đang nuôi con dưới 12 tháng tuổi').waitFor();
    expect(await statuses.locator('li').first().innerText()).toContain(
      `Đang nuôi con dưới 12 tháng tuổi — từ ${dmy(since)} (vợ chết) (Giấy chứng tử)`,
    );
    const record = await http().get('/cadres/p-hung').set(staff()).expect(200);
    expect(record.body.statuses[0].fatherCareGround).toBe('wife_died');

    await page.goto(`${base}/cadres/p-lan`);
    const herKind = recordForm(page).getByLabel('Tình trạng', { exact: true });
    await herKind.selectOption('child_under_12_months');
    expect(await page.getByLabel('Lý do người cha trực tiếp nuôi con').count()).toBe(0);
    expect(await herKind.locator('option[value="pregnant"]').innerText()).toBe('Đang mang thai');
    await context.close();
  });

  it('asks for the grounds before sending, and shows the server refusing none on that field, in Vietnamese', async () => {
    const { context, page } = await signIn(browser, base, 'staff-1');
    const posts: string[] = [];
    page.on('request', (sent) => {
      if (sent.method() === 'POST' && sent.url().endsWith('/cadres/p-minh/statuses'))
        posts.push(sent.postData() ?? '');
    });
    await page.goto(`${base}/cadres/p-minh`);
    const form = recordForm(page);
    const note = form.getByLabel('Căn cứ, ghi chú (quyết định, văn bản)');
    await note.waitFor();
    expect(await note.getAttribute('aria-required')).toBe('true');
    // No status starts chosen (before: «Đang bị điều tra», recorded when another was meant).
    const kind = form.getByLabel('Tình trạng', { exact: true });
    expect(await kind.inputValue()).toBe('');
    expect(await kind.locator('option:checked').innerText()).toBe('— Chọn tình trạng —');
    await form.getByLabel('Từ ngày (dd/mm/yyyy)').fill(dmy(since));
    // Sent with none: refused on the field, the keyboard taken there, nothing sent.
    await form.getByRole('button', { name: 'Ghi nhận tình trạng' }).click();
    const statusError = form.locator('#status-record-status-error');
    await statusError.waitFor();
    expect(await statusError.innerText()).toBe('Chưa chọn tình trạng');
    await form.locator('#status-record-status:focus').waitFor({ timeout: 5_000 });
    await kind.selectOption('abroad');
    expect(await statusError.count()).toBe(0);
    await form.getByRole('button', { name: 'Ghi nhận tình trạng' }).click();
    // Before: sent without grounds, refused 400 body.invalid "note là bắt buộc" in the box below.
    const noteError = form.locator('#status-record-note-error');
    await noteError.waitFor();
    expect(await noteError.innerText()).toMatch(/^Căn cứ, ghi chú là bắt buộc/);
    expect(await note.getAttribute('aria-describedby')).toBe('status-record-note-error');
    expect(await note.getAttribute('aria-invalid')).toBe('true');
    expect(posts).toEqual([]);
    await form.locator('#status-record-note:focus').waitFor({ timeout: 5_000 });

    // A refusal of the grounds by the server (here: the sent note emptied on the way) names the
    // field by its label, not by the body's key.
    await page.route('**/cadres/p-minh/statuses', (route) =>
      route.continue({
        postData: JSON.stringify({ ...JSON.parse(route.request().postData() ?? '{}'), note: '' }),
      }),
    );
    await note.fill('Quyết định cử đi học số 12');
    expect(await noteError.count()).toBe(0);
    await form.getByRole('button', { name: 'Ghi nhận tình trạng' }).click();
    await noteError.waitFor();
    const refused = await noteError.innerText();
    expect(refused).toContain('Căn cứ, ghi chú là bắt buộc');
    expect(refused).not.toMatch(/\bnote\b/);
    await page.unroute('**/cadres/p-minh/statuses');
    await form.getByRole('button', { name: 'Ghi nhận tình trạng' }).click();
    await page.getByTestId('person-statuses').getByText('Đang ở nước ngoài').waitFor();
    await context.close();
  });

  it('offers no form to a reader who may not write the record', async () => {
    const { context, page } = await signIn(browser, base, 'leader-1');
    await page.goto(`${base}/cadres/p-an`);
    await page.getByTestId('person-statuses').waitFor();
    expect(await recordForm(page).count()).toBe(0);
    await context.close();
  });
});
