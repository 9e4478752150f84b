import request from 'supertest';
import { Browser, Page } from 'playwright-core';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import {
  buildWebApp,
  launchChromium,
  listeningPort,
  screenshot,
  WEB_DIST,
} from './support/browser';

jest.setTimeout(240_000);

/**
 * The decision form's same-violation picker lists the person's decided cases on the other track
 * in the register the caller reads — a case the province decided on the town's official among
 * them. The server refuses linking it (403: the province's case is not in the town's units); the
 * banner says the chosen case cannot be used, with the reason under it. Before, its title read
 * «Ngoài phạm vi đơn vị của bạn», as if the town's own case or page were out of reach.
 */
describe("the same-violation picker's refused case", () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (userId: string, roles: string[], unit: string) => ({
    Authorization: `Bearer ${t.token(userId, roles, unit)}`,
  });
  const town = (who: string, role: string) => as(`u-town-${who}`, [role], 'ou-town');
  const prov = (who: string, role: string) => as(`u-prov-${who}`, [role], 'ou-prov');
  const open = (who: Record<string, string>, id: string, definition: string, unit: string) =>
    http()
      .post('/discipline-cases')
      .set(who)
      .send({
        id,
        definition,
        personId: 'p-official',
        orgUnitId: unit,
        summary: 'Vi phạm quy định quản lý đất đai',
        serviceStatus: definition === 'discipline.civil-service' ? 'cadre' : undefined,
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -100),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
        },
      })
      .expect(201);
  const step = (id: string, stepId: string, who: Record<string, string>, body: object = {}) =>
    http()
      .post(`/discipline-cases/${id}/steps/${stepId}`)
      .set(who)
      .send({ heldOn: today, minutesRef: `BB-${stepId}`, conclusion: 'Kết luận', ...body })
      .expect(200);

  /** A tab signed in as the town's leader (the demo sign-in has no user of a unit below). */
  const townLeader = async (): Promise<Page> => {
    const session = {
      token: t.token('u-town-leader', ['leadership'], 'ou-town'),
      userId: 'u-town-leader',
      name: 'Lãnh đạo thị xã',
      roles: ['leadership'],
      orgUnit: 'ou-town',
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      via: 'dev',
    };
    const context = await browser.newContext({
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      viewport: { width: 1280, height: 900 },
    });
    await context.addInitScript((value: string) => {
      sessionStorage.setItem('cadreflow.session', value);
    }, JSON.stringify(session));
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stdout.write(`page error: ${error.message}\n`));
    return page;
  };

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_same_violation_refused', {
      RUN_WORKERS: 'true',
      DEV_SIGN_IN: 'true',
      WEB_DIR: WEB_DIST,
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    await buildRegistry(t, town('staff', 'organization_staff'), {
      within: { id: 'ou-prov', name: 'Tỉnh Demo', kind: 'province' },
      positions: [],
      people: [{ id: 'p-official' }],
    });
    // The town's Party case, up to its decision.
    await open(town('inspector', 'inspector'), 'd-town', 'discipline.party', 'ou-town');
    await step('d-town', 'verification', town('inspector', 'inspector'), {
      violationConfirmed: true,
    });
    await step('d-town', 'self-criticism', town('staff', 'organization_staff'));
    await step('d-town', 'review', town('inspector', 'inspector'));
    await http()
      .post('/discipline-cases/d-town/steps/ballot')
      .set(town('secretary', 'ballot_secretary'))
      .send({
        heldOn: today,
        minutesRef: 'BB-KP',
        tally: {
          members: 13,
          summoned: 13,
          present: 13,
          invalid: 0,
          noDiscipline: 4,
          votesByForm: { reprimand: 9 },
        },
      })
      .expect(200);
    // The province's civil-service case on the same official, decided.
    await open(prov('inspector', 'inspector'), 'd-prov', 'discipline.civil-service', 'ou-prov');
    await step('d-prov', 'verification', prov('inspector', 'inspector'), {
      violationConfirmed: true,
    });
    await step('d-prov', 'self-criticism', prov('staff', 'organization_staff'));
    await http()
      .post('/discipline-cases/d-prov/steps/decision')
      .set(prov('leader', 'leadership'))
      .send({
        heldOn: today,
        number: '12/QĐ-UBND',
        signer: 'Chủ tịch UBND tỉnh',
        form: 'warning',
        effectiveFrom: today,
      })
      .expect(200);
    // The town's register lists it: the official's record is managed in the town.
    await eventually(
      async () =>
        (
          await http()
            .get('/discipline-records?person=p-official&limit=100')
            .set(town('leader', 'leadership'))
            .set('X-Purpose', 'test')
            .expect(200)
        ).body.items as { caseId: string }[],
      (items) => items.some((r) => r.caseId === 'd-prov'),
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('titles the refusal «Không dùng được hồ sơ đã chọn», the reason under it', async () => {
    const page = await townLeader();
    await page.goto(`${base}/discipline-cases/d-town`);
    await page.locator('#current-step-title', { hasText: 'Quyết định kỷ luật' }).waitFor();
    await page.getByLabel('Số quyết định').fill('215-QĐ/ĐU');
    await page.getByLabel('Người ký').fill('Bí thư Đảng ủy');
    await page.getByLabel('Hình thức kỷ luật').selectOption('reprimand');
    const picker = page.getByLabel(
      'Hồ sơ kỷ luật cùng vi phạm ở khối kia (Đảng/chính quyền), nếu có',
    );
    await picker.locator('option[value="d-prov"]').waitFor({ state: 'attached' });
    await picker.selectOption('d-prov');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    const banner = page.locator('div.error[role="alert"]');
    await banner.waitFor();
    // Before: «Ngoài phạm vi đơn vị của bạn — Không tìm thấy hồ sơ kỷ luật «d-prov» …».
    expect(await banner.locator('strong').innerText()).toBe('Không dùng được hồ sơ đã chọn');
    const text = await banner.innerText();
    expect(text).not.toContain('Ngoài phạm vi');
    expect(text).toContain(
      'Không tìm thấy hồ sơ kỷ luật «d-prov» trong các đơn vị thuộc phạm vi của bạn',
    );
    await screenshot(page, 'same-violation-refused');
    await page.context().close();
  });
});
