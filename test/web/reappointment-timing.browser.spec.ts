import request from 'supertest';
import { Browser } from 'playwright-core';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { buildWebApp, launchChromium, listeningPort, signIn, WEB_DIST } from './support/browser';

jest.setTimeout(240_000);

/**
 * A re-appointment opened after the day it had to be opened by (the lead time before the term
 * ends): its page says when the term ends, the day it was due and how late it was (before: the
 * API's facts said `late`, the page nothing).
 */
describe('a re-appointment opened late', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const today = vietnamToday();

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_reappointment_timing', { DEV_SIGN_IN: 'true', WEB_DIR: WEB_DIST });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    const staff = {
      Authorization: `Bearer ${t.token('staff-1', ['organization_staff'], 'ou-ha-noi')}`,
    };
    await buildRegistry(t, staff, {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      positions: [{ id: 'pos-head', rank: 4 }],
      people: [
        {
          id: 'p-holder',
          dateOfBirth: '1980-05-05',
          posts: [
            { positionId: 'pos-head', from: addDays(today, -1800), termEnd: addDays(today, 30) },
          ],
        },
      ],
    });
    await request(t.server as never)
      .post('/cases')
      .set(staff)
      .send({
        id: 're-late',
        procedure: 'reappointment',
        definition: 'reappointment.standard',
        personId: 'p-holder',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm lại',
      })
      .expect(201);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the term end, the day it was due and how many days late', async () => {
    const { page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cases/re-late`);
    const due = page.getByTestId('case-open-by');
    await due.waitFor();
    // The term ends in 30 days; the notice was due 90 calendar days before it (Nghị định
    // 170/2025/NĐ-CP art. 39(1)), 60 days ago. Before: a day 90 working days back, "mở muộn …
    // ngày làm việc" (Quy định 377-QĐ/TW's Party figure on the State track).
    const dmy = (day: string) => day.split('-').reverse().join('/');
    expect(await due.innerText()).toBe(`${dmy(addDays(today, -60))} mở muộn 60 ngày`);
    const [y, m, d] = addDays(today, 30).split('-');
    expect(await page.locator('dl.facts').innerText()).toContain(
      `Hết nhiệm kỳ đang giữ\n${d}/${m}/${y}`,
    );
    await page.context().close();
  });
});
