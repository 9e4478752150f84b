import { Browser } from 'playwright-core';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { buildWebApp, launchChromium, listeningPort, signIn, WEB_DIST } from './support/browser';

jest.setTimeout(240_000);

/**
 * A person past the retirement age, in Chromium, in Vietnamese: the person page's verdict for a
 * post lower than the one they hold says the retirement age is reached, with the day and the
 * Labour Code; the case-opening form naming them is refused, read the same way. Before, the page
 * said eligible and the case opened, refused only at its decision.
 */
describe('a person past the retirement age, as the person page and the opening form say', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_retirement_reached', {
      DEV_SIGN_IN: 'true',
      WEB_DIR: WEB_DIST,
      // The opening form finds the person in a read model its projection fills.
      RUN_WORKERS: 'true',
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    const staff = {
      Authorization: `Bearer ${t.token('staff-1', ['organization_staff'], 'ou-ha-noi')}`,
    };
    await buildRegistry(t, staff, {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      positions: [
        { id: 'pos-director', rank: 5 },
        { id: 'pos-deputy', rank: 4 },
      ],
      people: [
        {
          // Retires on 2020-01-31.
          id: 'p-old',
          dateOfBirth: '1960-01-01',
          gender: 'male',
          posts: [{ positionId: 'pos-director', from: '2015-01-01', termEnd: null }],
          // In no planning pool: the pool takes no one who cannot serve a full term
          // (planning.not_enough_working_time).
        },
      ],
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the verdict for a lower post: the retirement age reached, its day and the rule', async () => {
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cadres/p-old`);
    await page
      .locator('#person-eligibility option[value="pos-deputy"]')
      .waitFor({ state: 'attached' });
    await page.locator('#person-eligibility').selectOption('pos-deputy');
    const verdict = page.locator('.warning[role="status"]');
    await verdict.waitFor();
    const text = await verdict.innerText();
    await context.close();
    expect(text).toContain('Đã đến tuổi nghỉ hưu: nghỉ hưu ngày 31/01/2020, trước hoặc đúng ngày');
    expect(text).toContain('Bộ luật Lao động');
    expect(text).not.toMatch(/\b(?:retirement|retires|reached)\b/);
  });

  it('the case-opening form naming them is refused, in Vietnamese', async () => {
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cases/new?procedure=appointment`);
    await page.getByLabel('Quy trình').selectOption('appointment.internal');
    await page.getByLabel('Tìm cán bộ theo tên').fill('p-old');
    await page
      .getByLabel('Chọn cán bộ')
      .locator('option[value="p-old"]')
      .waitFor({ state: 'attached' });
    await page.getByLabel('Chọn cán bộ').selectOption('p-old');
    await page.getByLabel('Tìm chức vụ').fill('pos-deputy');
    await page.getByLabel('Chọn chức vụ').selectOption('pos-deputy');
    await page.getByLabel('Tóm tắt').fill('Bổ nhiệm phó giám đốc');
    await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    const refusal = page.locator('[role="alert"]', { hasText: 'tuổi nghỉ hưu' });
    await refusal.waitFor();
    const text = await refusal.innerText();
    expect(text).toContain('Đã đến tuổi nghỉ hưu: nghỉ hưu ngày 31/01/2020');
    expect(text).not.toMatch(/\b(?:retirement|retires|reached|personId)\b/);
    expect(new URL(page.url()).pathname).toBe('/cases/new');
    await context.close();
  });
});
