import request from 'supertest';
import { Browser } from 'playwright-core';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { buildWebApp, launchChromium, listeningPort, signIn, WEB_DIST } from './support/browser';

jest.setTimeout(240_000);

const dmy = (day: string) => day.split('-').reverse().join('/');

/**
 * The person page in Chromium: staff record the day an open-ended status ended (the investigation
 * concluded), and the list shows the period closed. Before, the page offered no way to end it and
 * the server had no route for it: the cadre stayed under investigation for good.
 */
describe('the person page: recording the day a status ended', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const today = vietnamToday();
  const since = addDays(today, -60);
  const yesterday = addDays(today, -1);
  const http = () => request(t.server as never);

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_status_period_end', { DEV_SIGN_IN: 'true', WEB_DIR: WEB_DIST });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    const staff = {
      Authorization: `Bearer ${t.token('staff-1', ['organization_staff'], 'ou-ha-noi')}`,
    };
    await buildRegistry(t, staff, {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      positions: [{ id: 'pos-head', rank: 5 }],
      people: [{ id: 'p-khanh' }, { id: 'p-an' }, { id: 'p-lan' }, { id: 'p-minh' }],
    });
    await http()
      .post('/cadres/p-an/statuses')
      .set(staff)
      .send({ status: 'on_trial', from: since, note: 'Quyết định đưa vụ án ra xét xử' })
      .expect(201);
    await http()
      .post('/cadres/p-khanh/statuses')
      .set(staff)
      .send({ status: 'under_investigation', from: since, note: 'Quyết định khởi tố' })
      .expect(201);
    await http()
      .post('/cadres/p-lan/statuses')
      .set(staff)
      .send({ status: 'abroad', from: since, until: addDays(today, 180), note: 'Đi học' })
      .expect(201);
    await http()
      .post('/cadres/p-minh/statuses')
      .set(staff)
      .send({ status: 'under_investigation', from: since, note: 'Quyết định kiểm tra' })
      .expect(201);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('refuses an end still to come in Vietnamese, then records the last day and shows the period closed', async () => {
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cadres/p-khanh`);
    const statuses = page.getByTestId('person-statuses');
    await statuses.getByText(`từ ${dmy(since)}`).waitFor();
    const form = page.getByRole('form', {
      name: `Ghi nhận ngày kết thúc: Đang bị điều tra, kiểm tra, xem xét tố cáo từ ${dmy(since)}`,
    });
    const until = form.getByLabel('Ngày cuối cùng của tình trạng (dd/mm/yyyy)');
    await until.fill(dmy(addDays(today, 1)));
    await form.getByLabel('Căn cứ (kết luận, quyết định)').fill('Kết luận điều tra số 12/KL');
    await form.getByRole('button', { name: 'Ghi nhận ngày kết thúc' }).click();
    const refusal = form.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('Ngày kết thúc tình trạng chưa đến');
    expect(await refusal.innerText()).toContain(
      `Ngày kết thúc ${dmy(addDays(today, 1))} sau ngày hôm nay`,
    );

    await until.fill(dmy(yesterday));
    await form.getByRole('button', { name: 'Ghi nhận ngày kết thúc' }).click();
    await statuses.getByText(`từ ${dmy(since)} đến ${dmy(yesterday)}`).waitFor();
    expect(await statuses.locator('li').allInnerTexts()).toEqual([
      `Đang bị điều tra, kiểm tra, xem xét tố cáo — từ ${dmy(since)} đến ${dmy(yesterday)} (Quyết định khởi tố)`,
    ]);
    expect(await page.getByRole('form', { name: /Ghi nhận ngày kết thúc/ }).count()).toBe(0);
    const record = await http()
      .get('/cadres/p-khanh')
      .set({ Authorization: `Bearer ${t.token('staff-1', ['organization_staff'], 'ou-ha-noi')}` })
      .expect(200);
    expect(record.body.statuses[0].until).toBe(yesterday);
    await context.close();
  });

  it('names a trial (đang bị xét xử, which holds a re-appointment back) in Vietnamese, and its end form too', async () => {
    // Before, the record had no such status: a 400 for `on_trial`, nothing to show.
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cadres/p-an`);
    const statuses = page.getByTestId('person-statuses');
    await statuses.getByText(`từ ${dmy(since)}`).waitFor();
    expect(await statuses.locator('li').first().innerText()).toContain(
      `Đang bị xét xử — từ ${dmy(since)} (Quyết định đưa vụ án ra xét xử)`,
    );
    const form = page.getByRole('form', {
      name: `Ghi nhận ngày kết thúc: Đang bị xét xử từ ${dmy(since)}`,
    });
    await form.getByLabel('Ngày cuối cùng của tình trạng (dd/mm/yyyy)').waitFor();
    await context.close();
  });

  it('offers the form for a period whose planned end is still to come, and records the earlier real end', async () => {
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cadres/p-lan`);
    const statuses = page.getByTestId('person-statuses');
    await statuses.getByText(`từ ${dmy(since)} đến ${dmy(addDays(today, 180))}`).waitFor();
    // Before: only an open-ended period had the form; a planned end could never be brought forward.
    const form = page.getByRole('form', {
      name: `Ghi nhận ngày kết thúc: Đang ở nước ngoài từ ${dmy(since)}`,
    });
    await form.getByLabel('Ngày cuối cùng của tình trạng (dd/mm/yyyy)').fill(dmy(yesterday));
    await form.getByLabel('Căn cứ (kết luận, quyết định)').fill('Về nước trước thời hạn');
    await form.getByRole('button', { name: 'Ghi nhận ngày kết thúc' }).click();
    await statuses.getByText(`từ ${dmy(since)} đến ${dmy(yesterday)}`).waitFor();
    // An end already past is final: no form any more.
    expect(await page.getByRole('form', { name: /Ghi nhận ngày kết thúc/ }).count()).toBe(0);
    await context.close();
  });

  it('offers the person no write form on their own page and says why; a colleague with the same roles keeps it', async () => {
    const roles = ['organization_staff'];
    // The demo sign-in has no user who is a cadre: the session carries a token with person_id.
    const own = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    await own.addInitScript(
      (value: string) => {
        sessionStorage.setItem('cadreflow.session', value);
      },
      JSON.stringify({
        token: t.token('u-minh', roles, 'ou-ha-noi', 'p-minh'),
        userId: 'u-minh',
        name: 'u-minh',
        roles,
        orgUnit: 'ou-ha-noi',
        expiresAt: new Date(Date.now() + 3600_000).toISOString(),
        via: 'dev',
      }),
    );
    const page = await own.newPage();
    await page.goto(`${base}/cadres/p-minh`);
    await page
      .getByTestId('person-statuses')
      .getByText(`từ ${dmy(since)}`)
      .waitFor();
    // Before: the form was there, and the server refused it 403 separation.subject.
    expect(await page.getByTestId('own-record').innerText()).toBe(
      'Bạn không thể ghi nhận hồ sơ của chính mình',
    );
    expect(await page.getByRole('form', { name: /Ghi nhận ngày kết thúc/ }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Ghi nhận tình trạng' }).count()).toBe(0);
    await own.close();

    const { context, page: colleague } = await signIn(browser, base, 'staff-1');
    await colleague.goto(`${base}/cadres/p-minh`);
    await colleague.getByRole('form', { name: /Ghi nhận ngày kết thúc/ }).waitFor();
    await colleague.getByRole('form', { name: 'Ghi nhận tình trạng' }).waitFor();
    expect(await colleague.getByTestId('own-record').count()).toBe(0);
    await context.close();
  });
});
