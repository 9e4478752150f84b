import * as path from 'node:path';
import request from 'supertest';
import { Browser } from 'playwright-core';
import { RegistryService } from '../../src/cadres/registry.service';
import { loadDemoData } from '../../src/seed/demo-data-loader';
import { eventually, vietnamToday } from '../support/registry-fixture';
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

const CASE = 'c-web-nominated-in';

/**
 * A nominee's page, in Chromium: Phan Thị Quỳnh stands as the nominee of the appointment opened
 * for the head post of Sơn Tây ward's culture and society office. Before, her page read
 * "Hồ sơ đang xử lý: Không có" (the record notes only the cases opened for her); now the case is
 * listed there, said to name her a nominee, and its link reads the case's title, not its id.
 */
describe("a nominee's page lists the case she stands in, in the browser", () => {
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
    t = await startTestApp('web_person_nominated_in', {
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
      .post('/cases')
      .set(staff)
      .send({
        id: CASE,
        procedure: 'appointment',
        definition: 'appointment.internal',
        positionId: 'pos-phuong-son-tay-head-culture-society',
        orgUnitId: 'ou-phuong-son-tay-peoples-committee',
        summary: 'Bổ nhiệm Trưởng phòng Văn hóa - Xã hội',
      })
      .expect(201);
    await http()
      .post(`/cases/${CASE}/steps/leadership-round-1`)
      .set(staff)
      .send({ heldOn: today, minutesRef: 'BB-01', conclusion: 'Thống nhất' })
      .expect(200);
    await http()
      .post(`/cases/${CASE}/steps/expanded-nomination`)
      .set(bearer('secretary-1', ['ballot_secretary']))
      .send({
        heldOn: today,
        minutesRef: 'BB-02',
        members: 25,
        summoned: 25,
        present: 24,
        invalid: 0,
        candidates: [{ personId: 'p-phan-thi-quynh', votes: 16 }],
      })
      .expect(200);
    // The record's nominations follow the case list, a moment behind the case.
    await eventually(
      async () => (await http().get('/cadres/p-phan-thi-quynh').set(staff).expect(200)).body,
      (body: { nominatedIn?: unknown[] }) => (body.nominatedIn?.length ?? 0) > 0,
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('"Hồ sơ đang xử lý" names the case and that she is its nominee', async () => {
    const { page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cadres/p-phan-thi-quynh`);
    const line = page.getByTestId('open-cases').locator('li', { hasText: CASE });
    await line.waitFor();
    expect(await line.innerText()).toContain('là nhân sự được giới thiệu');
    // The link reads what the case is, as its page heads it, the id muted beside it and its hint
    // (before: the bare id was the link text). Whom it appoints is not said.
    const link = line.getByRole('link');
    await link.filter({ hasText: 'Trưởng phòng Văn hóa' }).waitFor();
    const title = await link.innerText();
    expect(title).toMatch(/^Bổ nhiệm/);
    expect(title).not.toContain(CASE);
    expect(title).not.toContain('Phan Thị Quỳnh');
    expect(await link.getAttribute('title')).toBe(`Mã hồ sơ: ${CASE}`);
    expect(await line.locator('.muted', { hasText: CASE }).count()).toBe(1);
    expect(await page.getByTestId('open-cases').innerText()).not.toContain('Không có');
    await page.context().close();
  });
});
