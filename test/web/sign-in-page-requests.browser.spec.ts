import { Browser } from 'playwright-core';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { buildWebApp, launchChromium, listeningPort, WEB_DIST } from './support/browser';

jest.setTimeout(120_000);

/**
 * The sign-in page asks the service nothing that needs a session: before, it asked for the
 * catalog and got a 401 (a failed request in the console of everyone about to sign in).
 */
describe('the sign-in page before anyone signs in', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_sign_in_requests', { DEV_SIGN_IN: 'true', WEB_DIR: WEB_DIST });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    // The demo user's unit.
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

  it('gets no 401, and the catalog once signed in', async () => {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    const answers: string[] = [];
    page.on('response', (response) =>
      answers.push(`${response.status()} ${new URL(response.url()).pathname}`),
    );
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(answers.filter((answer) => answer.startsWith('401'))).toEqual([]);

    await page.getByLabel('Người dùng mẫu').selectOption('staff-1');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    // The opening form lists the procedures of the catalog.
    const catalog = page.waitForResponse((r) => new URL(r.url()).pathname === '/catalog');
    await page.getByRole('link', { name: 'Mở hồ sơ' }).click();
    expect((await catalog).status()).toBe(200);
    expect(answers.filter((answer) => answer.startsWith('401'))).toEqual([]);
    await context.close();
  });
});
