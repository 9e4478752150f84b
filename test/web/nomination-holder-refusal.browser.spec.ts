import * as path from 'node:path';
import request from 'supertest';
import { Browser } from 'playwright-core';
import { RegistryService } from '../../src/cadres/registry.service';
import { loadDemoData } from '../../src/seed/demo-data-loader';
import { vietnamToday } from '../support/registry-fixture';
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

const CASE = 'c-web-nomination-holder';

/**
 * A nomination naming the holder of the post the case fills, in Chromium: Phan Thị Quỳnh has held
 * the deputy head post of Sơn Tây ward's culture and society office since 01/07/2025; the
 * appointment opened for that post is at its nomination. Before, she was nominated and went on
 * through three ballots and the vetting; now the nomination is refused on her field, in
 * Vietnamese, pointing to re-appointment.
 */
describe('a nomination refused for a nominee holding the post, in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const http = () => request(t.server as never);
  const staff = () => ({
    Authorization: `Bearer ${t.token('staff-1', ['organization_staff'], 'ou-ha-noi')}`,
  });
  const today = vietnamToday();

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_nomination_holder', {
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
    await http()
      .post('/cases')
      .set(staff())
      .send({
        id: CASE,
        procedure: 'appointment',
        definition: 'appointment.internal',
        positionId: 'pos-phuong-son-tay-deputy-head-culture-society',
        orgUnitId: 'ou-phuong-son-tay-peoples-committee',
        summary: 'Bổ nhiệm Phó Trưởng phòng Văn hóa - Xã hội',
      })
      .expect(201);
    await http()
      .post(`/cases/${CASE}/steps/leadership-round-1`)
      .set(staff())
      .send({ heldOn: today, minutesRef: 'BB-01', conclusion: 'Thống nhất' })
      .expect(200);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the refusal reads in Vietnamese on her field, naming her, the post and re-appointment', async () => {
    const { page } = await signIn(browser, base, 'secretary-1');
    await page.goto(`${base}/cases/${CASE}`);
    await page.locator('#current-step-title').waitFor();
    await page.getByLabel('Người được giới thiệu 1').fill('phan thi');
    await page
      .locator('#f-candidate-0-people option[value="p-phan-thi-quynh"]')
      .waitFor({ state: 'attached' });
    const values = {
      'Số biên bản': 'BB-02',
      'Tổng số thành viên': '25',
      'Số được triệu tập': '25',
      'Số có mặt': '24',
      'Phiếu không hợp lệ': '0',
      'Người được giới thiệu 1': 'p-phan-thi-quynh',
      'Số phiếu của người 1': '16',
    };
    for (const [label, value] of Object.entries(values))
      await page.getByLabel(label, { exact: true }).fill(value);
    await page.locator('#f-candidate-0-name', { hasText: 'Phan Thị Quỳnh' }).waitFor();
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    const refusal = page.locator('#f-candidate-0-error');
    await refusal.waitFor();
    const text = await refusal.innerText();
    // Before: the nomination was recorded and she stood as the nominee.
    expect(text).toContain('Người này đang giữ chức vụ này');
    expect(text).toContain('Phan Thị Quỳnh đang giữ chức vụ');
    expect(text).toContain('từ ngày 01/07/2025 (nhiệm kỳ đến ngày 01/07/2030)');
    expect(text).toContain('bổ nhiệm lại');
    expect(text).not.toContain('p-phan-thi-quynh');
    await page.context().close();
  });
});
