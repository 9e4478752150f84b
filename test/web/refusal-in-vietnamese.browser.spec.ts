import request from 'supertest';
import { Browser } from 'playwright-core';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { buildWebApp, launchChromium, listeningPort, signIn, WEB_DIST } from './support/browser';

jest.setTimeout(240_000);

const dmy = (day: string) => day.split('-').reverse().join('/');

/**
 * A step form's refusal in Chromium: the first meeting dated before the case was opened is
 * refused (step.held_before_opening), and the form says why in Vietnamese, with the days as
 * dd/mm/yyyy. Before, the rule's title was Vietnamese but the reason stayed in the server's
 * English ("heldOn: … is before …, the day the case was opened (openedOn); …").
 */
describe('a refused step reads in Vietnamese', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const today = vietnamToday();
  const yesterday = addDays(today, -1);

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_refusal_vietnamese', { DEV_SIGN_IN: 'true', WEB_DIR: WEB_DIST });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    const staff = {
      Authorization: `Bearer ${t.token('staff-1', ['organization_staff'], 'ou-ha-noi')}`,
    };
    await buildRegistry(t, staff, {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      positions: [{ id: 'pos-head', rank: 4 }],
      people: [{ id: 'p-an' }],
    });
    await request(t.server as never)
      .post('/cases')
      .set(staff)
      .send({
        id: 'c-early-meeting',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-an',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm Trưởng phòng',
      })
      .expect(201);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a first meeting dated before the opening day is refused in Vietnamese, no English left', async () => {
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cases/c-early-meeting`);
    await page.getByLabel('Ngày họp / thực hiện (dd/mm/yyyy)').fill(dmy(yesterday));
    await page.getByLabel('Số biên bản').fill('BB-01');
    await page.getByLabel('Kết luận').fill('Thống nhất chủ trương');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    const refusal = page.locator('#f-heldOn-error');
    await refusal.waitFor();
    const text = await refusal.innerText();
    expect(text).toContain('Ngày của bước đầu tiên trước ngày mở hồ sơ');
    expect(text).toContain(
      `Ngày thực hiện ${dmy(yesterday)} trước ngày ${dmy(today)}, ngày mở hồ sơ; hồ sơ đã bắt đầu trước đó trên giấy thì do văn thư lưu trữ mở theo ngày hồ sơ bắt đầu`,
    );
    expect(text).not.toMatch(/\b(?:is before|the day|openedOn|records clerk)\b/);
    await context.close();
  });
});
