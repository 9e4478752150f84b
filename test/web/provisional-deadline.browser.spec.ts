import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { Browser } from 'playwright-core';
import { RegistryService } from '../../src/cadres/registry.service';
import { loadDemoData } from '../../src/seed/demo-data-loader';
import { startTestApp, TestApp } from '../support/test-app';
import {
  axeViolations,
  buildWebApp,
  launchChromium,
  listeningPort,
  ROOT,
  screenshot,
  WEB_DIST,
  signIn,
} from './support/browser';

jest.setTimeout(240_000);

/**
 * A deadline counted through a year whose official holiday schedule is not published is marked
 * "tạm tính" on the case page. The service runs with a calendar that knows 2025 only, so this
 * year's deadlines are counted from the Labour Code and are provisional.
 */
describe('a provisional deadline in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let calendarDir: string;

  beforeAll(async () => {
    buildWebApp();
    calendarDir = mkdtempSync(path.join(tmpdir(), 'cadreflow-calendar-'));
    copyFileSync(
      path.join(ROOT, 'seeds/calendar/vn-2025.json'),
      path.join(calendarDir, 'vn-2025.json'),
    );
    t = await startTestApp('web_provisional', {
      DEV_SIGN_IN: 'true',
      WEB_DIR: WEB_DIST,
      CALENDAR_DIR: calendarDir,
      // The inbox reads the case summaries the workers project.
      RUN_WORKERS: 'true',
    });
    await t.app.listen(0, '127.0.0.1');
    await loadDemoData(
      path.join(ROOT, 'seeds/demo/ha-noi.json'),
      t.app.get(RegistryService),
      new Date(),
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (calendarDir) rmSync(calendarDir, { recursive: true, force: true });
  });

  it('shows "tạm tính" beside the due day, with why, in Vietnamese and in English', async () => {
    const opened = await request(t.server as never)
      .post('/cases')
      .set({
        Authorization: `Bearer ${t.token('staff-1', ['organization_staff'], 'ou-ha-noi')}`,
      })
      .send({
        id: 'c-provisional',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-nguyen-van-an',
        positionId: 'pos-ha-noi-head-organization',
        // The unit that appoints to the post runs the case: no approval in principle is asked
        // (appointment.approvalInPrincipleWhen: authority_elsewhere under Nghị định 170/2025).
        orgUnitId: 'ou-ha-noi-party-committee',
        summary: 'Bổ nhiệm Trưởng ban Tổ chức Thị ủy',
      })
      .expect(201);
    expect(opened.body.currentStep.provisional).toBe(true);

    const base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cases/c-provisional`);
    await page.locator('#current-step-title').waitFor();
    await page.getByText('tạm tính', { exact: true }).waitFor();
    await page.getByText(/lịch nghỉ chính thức của năm chưa được công bố/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'provisional-deadline');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('provisional', { exact: true }).waitFor();
    await page.getByText(/official schedule is not published yet/).waitFor();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();

    // The inbox says so too (before: the plain day there, "tạm tính" on the case page only).
    await page.getByRole('link', { name: 'Hộp việc' }).click();
    // This case's row (An also has the re-appointment his recorded term's notice opened).
    const row = page.locator('table.grid tbody tr', {
      has: page.locator('a[href="/cases/c-provisional"]'),
    });
    await row.waitFor();
    expect(await row.locator('td[data-label="Hạn"]').innerText()).toMatch(
      /^\d{2}\/\d{2}\/\d{4} tạm tính/,
    );
    await context.close();
  });
});
