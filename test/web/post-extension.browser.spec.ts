import request from 'supertest';
import { Browser } from 'playwright-core';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { buildWebApp, launchChromium, listeningPort, signIn, WEB_DIST } from './support/browser';

jest.setTimeout(240_000);

const dmy = (day: string) => day.split('-').reverse().join('/');

/**
 * The person page in Chromium after a term was extended to retirement (kéo dài thời hạn giữ chức
 * vụ): the post keeps the decision that appointed and names the extension's beside it (before,
 * the extension's number replaced the appointing one while the post's start stayed its own).
 */
describe('the person page: a term extended to retirement', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const today = vietnamToday();
  const termEnd = addDays(today, 60);
  const http = () => request(t.server as never);
  const bearer = (user: string, roles: string[]) => ({
    Authorization: `Bearer ${t.token(user, roles, 'ou-ha-noi')}`,
  });

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_post_extension', {
      RUN_WORKERS: 'true',
      DEV_SIGN_IN: 'true',
      WEB_DIR: WEB_DIST,
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    const staff = bearer('staff-1', ['organization_staff']);
    await buildRegistry(t, staff, {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      positions: [{ id: 'pos-head', rank: 5 }],
      people: [
        ...['p-near', 'p-form'].map((id) => ({
          id,
          dateOfBirth: addDays(today, -(61 * 365 + 120)),
          gender: 'male' as const,
          posts: [{ positionId: 'pos-head', from: addDays(today, -1765), termEnd }],
        })),
      ],
    });
    for (const [caseId, personId] of [
      ['k-1', 'p-near'],
      ['k-form', 'p-form'],
    ]) {
      await http()
        .post('/cases')
        .set(staff)
        .send({
          id: caseId,
          procedure: 'extension',
          definition: 'extension.to-retirement',
          personId,
          positionId: 'pos-head',
          orgUnitId: 'ou-town',
          summary: 'Kéo dài thời hạn giữ chức vụ đến tuổi nghỉ hưu',
        })
        .expect(201);
      await http()
        .post(`/cases/${caseId}/steps/self-report`)
        .set(staff)
        .send({ heldOn: today, conclusion: 'Hoàn thành tốt nhiệm vụ' })
        .expect(200);
      await http()
        .post(`/cases/${caseId}/steps/leadership-ballot`)
        .set(bearer('secretary-1', ['ballot_secretary']))
        .send({
          heldOn: today,
          minutesRef: `BB-${caseId}`,
          tally: {
            members: 9,
            summoned: 9,
            present: 9,
            for: 7,
            against: 2,
            abstain: 0,
            invalid: 0,
          },
        })
        .expect(200);
    }
    await http()
      .post('/cases/k-1/steps/decision')
      .set(bearer('leader-1', ['leadership']))
      .send({ heldOn: today, number: '77-QĐ/UBND', signer: 'Chủ tịch', effectiveFrom: termEnd })
      .expect(200);
    await eventually(
      () => http().get('/cadres/p-near').set(staff),
      (r) => r.body.posts?.[0]?.extendedBy !== undefined,
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the appointing decision and, beside it, the extension to retirement', async () => {
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cadres/p-near`);
    const extended = page.getByTestId('post-extended-by');
    await extended.waitFor();
    expect(await extended.innerText()).toMatch(
      new RegExp(
        `^Kéo dài thời hạn giữ chức vụ đến tuổi nghỉ hưu theo 77-QĐ/UBND.*, từ ${dmy(termEnd)}$`,
      ),
    );
    const row = await page.getByTestId('posts-held').locator('tbody tr').innerText();
    expect(row).toMatch(/1-QĐ/);
    await context.close();
  });

  it('starts the decision form’s effective day at the term’s end, where the extension takes effect', async () => {
    const { context, page } = await signIn(browser, base, 'leader-1');
    await page.goto(`${base}/cases/k-form`);
    const effective = page.getByLabel('Hiệu lực từ (dd/mm/yyyy)');
    await effective.waitFor();
    // Before: today, refused (extension.starts_before_term_end) while the term runs.
    expect(await effective.inputValue()).toBe(dmy(termEnd));
    await page.getByLabel('Số quyết định').fill('78-QĐ/UBND');
    await page.getByLabel('Người ký').fill('Chủ tịch');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.locator('[data-testid="case-status"]', { hasText: 'Đã quyết định' }).waitFor();
    await context.close();
  });
});
