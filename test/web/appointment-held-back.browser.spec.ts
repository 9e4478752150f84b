import request from 'supertest';
import { Browser } from 'playwright-core';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { buildWebApp, launchChromium, listeningPort, signIn, WEB_DIST } from './support/browser';

jest.setTimeout(240_000);

const dmy = (day: string) => day.split('-').reverse().join('/');

/**
 * The person page's eligibility verdict in Chromium, in Vietnamese: a person held in custody and
 * on trial, and a person in a discipline case just opened (no verification yet), are not
 * eligible, each reason naming its rule (Quy định 377-QĐ/TW). Before, both were "đủ điều kiện".
 */
describe('a person held back from an appointment, as the person page says', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const today = vietnamToday();
  const since = addDays(today, -10);
  const http = () => request(t.server as never);

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_appointment_held_back', {
      DEV_SIGN_IN: 'true',
      WEB_DIR: WEB_DIST,
      RUN_WORKERS: 'true',
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    const staff = {
      Authorization: `Bearer ${t.token('staff-1', ['organization_staff'], 'ou-ha-noi')}`,
    };
    const inspector = {
      Authorization: `Bearer ${t.token('inspector-1', ['inspector'], 'ou-ha-noi')}`,
    };
    await buildRegistry(t, staff, {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      positions: [{ id: 'pos-head', rank: 4 }],
      people: [
        { id: 'p-an', pool: ['pos-head'] },
        { id: 'p-binh', pool: ['pos-head'] },
      ],
    });
    for (const status of ['detained', 'on_trial'])
      await http()
        .post('/cadres/p-an/statuses')
        .set(staff)
        .send({ status, from: since, note: 'Quyết định của cơ quan tiến hành tố tụng' })
        .expect(201);
    await http()
      .post('/discipline-cases')
      .set(inspector)
      .send({
        id: 'd-binh',
        definition: 'discipline.party',
        personId: 'p-binh',
        orgUnitId: 'ou-town',
        summary: 'Vi phạm quy định về quản lý tài chính',
        violation: {
          category: 'budget',
          committedOn: addDays(today, -60),
          description: 'chi tiết vụ việc',
          source: 'inspection',
        },
      })
      .expect(201);
    await eventually(
      async () => (await http().get('/cadres/p-binh').set(staff).expect(200)).body,
      (body: { openCases: { caseId: string }[] }) =>
        body.openCases.some((c) => c.caseId === 'd-binh'),
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** The verdict the person page shows for the post. */
  async function verdictFor(personId: string): Promise<string> {
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cadres/${personId}`);
    await page
      .locator('#person-eligibility option[value="pos-head"]')
      .waitFor({ state: 'attached' });
    await page.locator('#person-eligibility').selectOption('pos-head');
    const verdict = page.locator('.warning[role="status"]');
    await verdict.waitFor();
    const text = await verdict.innerText();
    await context.close();
    return text;
  }

  it('custody and the trial, each with its day and the rule', async () => {
    const text = await verdictFor('p-an');
    expect(text).toContain(`Đang bị tạm giữ, tạm giam từ ngày ${dmy(since)} (Quy định 377-QĐ/TW`);
    expect(text).toContain(`Đang bị xét xử từ ngày ${dmy(since)} (Quy định 377-QĐ/TW`);
    expect(text).not.toMatch(/\b(?:detained|on trial|since)\b/);
  });

  it('a discipline case just opened, before its verification', async () => {
    const text = await verdictFor('p-binh');
    expect(text).toContain('Đang có hồ sơ kỷ luật d-binh (Quy định 377-QĐ/TW');
    expect(text).not.toContain('đã qua bước xác minh');
  });
});
