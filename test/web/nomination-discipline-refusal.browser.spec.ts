import * as path from 'node:path';
import request from 'supertest';
import { Browser, Page } from 'playwright-core';
import { RegistryService } from '../../src/cadres/registry.service';
import { loadDemoData } from '../../src/seed/demo-data-loader';
import { addDays, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import {
  buildWebApp,
  launchChromium,
  listeningPort,
  ROOT,
  WEB_DIST,
  signIn,
} from './support/browser';

jest.setTimeout(240_000);

const CASE = 'c-web-nomination-discipline';

/**
 * A nomination naming a person with an open discipline case, in Chromium: the city's inspector
 * opened the case in ou-ha-noi; the city party committee's appointment is at its nomination; the
 * secretary (grant ou-ha-noi) names her. The refusal on her field reads in Vietnamese with her name
 * (before: "p-phan-thi-quynh đang có hồ sơ kỷ luật…", the form's nominee was not among the case's
 * names) and names the case her grant reaches (before: "hồ sơ kỷ luật do cấp trên mở").
 */
describe("a nomination refused for a nominee's open discipline case, in the browser", () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const http = () => request(t.server as never);
  const bearer = (user: string, roles: string[]) => ({
    Authorization: `Bearer ${t.token(user, roles, 'ou-ha-noi')}`,
  });
  const today = vietnamToday();

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_nomination_discipline', {
      RUN_WORKERS: 'true',
      DEV_SIGN_IN: 'true',
      WEB_DIR: WEB_DIST,
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    await loadDemoData(
      path.join(ROOT, 'seeds/demo/ha-noi.json'),
      t.app.get(RegistryService),
      new Date(),
    );
    const staff = bearer('staff-1', ['organization_staff']);
    await http()
      .post('/discipline-cases')
      .set(bearer('inspector-1', ['inspector']))
      .send({
        id: 'd2',
        definition: 'discipline.party',
        personId: 'p-phan-thi-quynh',
        orgUnitId: 'ou-ha-noi',
        summary: 'Vi phạm quy định về đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -100),
          description: 'chi tiết vụ việc',
          source: 'inspection',
        },
      })
      .expect(201);
    // The record notes the open case by a saga.
    await eventually(
      async () =>
        (await http().get('/cadres/p-phan-thi-quynh').set(staff).expect(200)).body as {
          openCases: { caseId: string }[];
        },
      (body) => body.openCases.some((c) => c.caseId === 'd2'),
    );
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: CASE,
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-nguyen-van-an',
        positionId: 'pos-ha-noi-head-organization',
        orgUnitId: 'ou-ha-noi-party-committee',
        summary: 'Bổ nhiệm Trưởng ban Tổ chức Thành ủy',
      })
      .expect(201);
    await http()
      .post(`/cases/${CASE}/steps/leadership-round-1`)
      .set(staff)
      .send({ heldOn: today, minutesRef: 'BB-01', conclusion: 'Thống nhất' })
      .expect(200);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const fill = async (page: Page, values: Record<string, string>) => {
    for (const [label, value] of Object.entries(values))
      await page.getByLabel(label, { exact: true }).fill(value);
  };

  it('the refusal names the nominee by name and the case by its id on her field', async () => {
    const { page } = await signIn(browser, base, 'secretary-1');
    await page.goto(`${base}/cases/${CASE}`);
    await page.locator('#current-step-title').waitFor();
    await fill(page, {
      'Số biên bản': 'BB-02',
      'Tổng số thành viên': '25',
      'Số được triệu tập': '25',
      'Số có mặt': '24',
      'Phiếu không hợp lệ': '0',
      'Số phiếu của người 1': '16',
    });
    await page.getByRole('button', { name: 'Thêm người' }).click();
    await page.getByLabel('Người được giới thiệu 2').fill('phan thi');
    await page
      .locator('#f-candidate-1-people option[value="p-phan-thi-quynh"]')
      .waitFor({ state: 'attached' });
    await fill(page, {
      'Người được giới thiệu 2': 'p-phan-thi-quynh',
      'Số phiếu của người 2': '8',
    });
    await page.locator('#f-candidate-1-name', { hasText: 'Phan Thị Quỳnh' }).waitFor();
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    const refusal = page.locator('#f-candidate-1-error');
    await refusal.waitFor();
    const text = await refusal.innerText();
    expect(text).toContain(
      'Phan Thị Quỳnh đang có hồ sơ kỷ luật chưa có quyết định (hồ sơ kỷ luật d2)',
    );
    expect(text).not.toContain('p-phan-thi-quynh');
    expect(text).not.toContain('do cấp trên mở');
    await page.context().close();
  });
});
