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
 * The case-opening form naming the person in the discipline case is refused, the refusal read
 * in Vietnamese.
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

  it('the case-opening form naming the person in that case is refused, in Vietnamese', async () => {
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cases/new?procedure=appointment`);
    await page.getByLabel('Quy trình').selectOption('appointment.internal');
    await page.getByLabel('Tìm cán bộ theo tên').fill('p-binh');
    await page
      .getByLabel('Chọn cán bộ')
      .locator('option[value="p-binh"]')
      .waitFor({ state: 'attached' });
    await page.getByLabel('Chọn cán bộ').selectOption('p-binh');
    await page.getByLabel('Tìm chức vụ').fill('pos-head');
    await page.getByLabel('Chọn chức vụ').selectOption('pos-head');
    await page.getByLabel('Tóm tắt').fill('Bổ nhiệm trưởng phòng');
    await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    // On the field it names, or under the form when it names none.
    const refusal = page.locator('[role="alert"]', { hasText: 'hồ sơ kỷ luật' });
    await refusal.waitFor();
    const text = await refusal.innerText();
    // Before, the form opened the case: the discipline case weighed only at its vetting and decision.
    expect(text).toContain('Người này đang trong thời hạn xử lý kỷ luật: chưa bổ nhiệm');
    expect(text).toContain('đang có hồ sơ kỷ luật chưa có quyết định (hồ sơ kỷ luật d-binh)');
    expect(text).toContain('Quy định 377-QĐ/TW');
    expect(text).toContain('việc bổ nhiệm không thể tiến hành đến khi hồ sơ đó có quyết định');
    expect(text).not.toMatch(/\b(?:within|discipline case|cannot go ahead|personId)\b/);
    expect(new URL(page.url()).pathname).toBe('/cases/new');
    await context.close();
  });
});
