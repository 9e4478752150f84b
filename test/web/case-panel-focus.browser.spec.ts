import * as path from 'node:path';
import request from 'supertest';
import { Browser, Page } from 'playwright-core';
import { RegistryService } from '../../src/cadres/registry.service';
import { loadDemoData } from '../../src/seed/demo-data-loader';
import { vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import {
  buildWebApp,
  launchChromium,
  listeningPort,
  ROOT,
  signIn,
  WEB_DIST,
} from './support/browser';

jest.setTimeout(240_000);

const CASE = 'c-web-panel-focus';

/**
 * «Rút hồ sơ», «Không chấp thuận» and «Sửa bước» pressed from the keyboard open their reason or
 * form in the button's place: the keyboard goes to its first field, and «Hủy» gives it back to the
 * button pressed (before: the button was gone and focus fell to <body>), as «Giải quyết» does.
 */
describe('the panels a case page opens in place take the keyboard', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const http = () => request(t.server as never);
  const staff = () => ({
    Authorization: `Bearer ${t.token('staff-1', ['organization_staff'], 'ou-ha-noi')}`,
  });
  /** Waits for the keyboard to be on what `selector` finds (a `:focus` locator, polled). */
  const focusOn = (page: Page, selector: string, text?: string) =>
    page.locator(`${selector}:focus`, text ? { hasText: text } : {}).waitFor({ timeout: 5_000 });

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_panel_focus', {
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
        personId: 'p-nguyen-van-an',
        positionId: 'pos-ha-noi-head-organization',
        orgUnitId: 'ou-ha-noi-party-committee',
        summary: 'Bổ nhiệm Trưởng ban Tổ chức Thành ủy',
      })
      .expect(201);
    // A step recorded by the clerk: «Sửa bước» is offered to them.
    await http()
      .post(`/cases/${CASE}/steps/leadership-round-1`)
      .set(staff())
      .send({ heldOn: vietnamToday(), minutesRef: 'BB-01', conclusion: 'Thống nhất' })
      .expect(200);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('«Rút hồ sơ» and «Không chấp thuận» open the reason with the keyboard in it; «Hủy» returns it to the button', async () => {
    const { page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cases/${CASE}`);
    for (const name of ['Rút hồ sơ', 'Không chấp thuận']) {
      const button = page.getByRole('button', { name, exact: true });
      await button.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('alertdialog').waitFor();
      await focusOn(page, '[role="alertdialog"] #close-reason');
      await page.getByRole('alertdialog').getByRole('button', { name: 'Hủy' }).click();
      await button.waitFor();
      await focusOn(page, 'button', name);
    }
    await page.context().close();
  });

  it('the closing reason is marked required, and «Xác nhận» without it says so on the field', async () => {
    const { page } = await signIn(browser, base, 'staff-1');
    let sent = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/cases/${CASE}/withdraw`)) sent++;
    });
    await page.goto(`${base}/cases/${CASE}`);
    await page.getByRole('button', { name: 'Rút hồ sơ', exact: true }).click();
    const dialog = page.getByRole('alertdialog');
    const reason = dialog.locator('#close-reason');
    // Before: no «*», no aria-required, and «Xác nhận» disabled with nothing saying why.
    expect(await reason.getAttribute('aria-required')).toBe('true');
    expect(await dialog.locator('.field .required-mark').innerText()).toBe('*');
    const confirm = dialog.getByRole('button', { name: 'Xác nhận' });
    expect(await confirm.isEnabled()).toBe(true);
    await confirm.click();
    const error = dialog.locator('#close-reason-error');
    await error.waitFor();
    expect(await error.innerText()).toBe('Bắt buộc');
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    await focusOn(page, '[role="alertdialog"] #close-reason');
    expect(sent).toBe(0);
    await reason.fill('Đơn vị đề nghị dừng');
    expect(await error.count()).toBe(0);
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await page.context().close();
  });

  it('«Sửa bước» opens the correction with the keyboard in its form; «Hủy» returns it to the button', async () => {
    const { page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cases/${CASE}`);
    const button = page.getByRole('button', { name: 'Sửa bước', exact: true });
    await button.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('correct-step').waitFor();
    await focusOn(page, '[data-testid="correct-step"] form :is(input, select, textarea)');
    await page.getByTestId('correct-step').getByRole('button', { name: 'Hủy' }).click();
    await button.waitFor();
    await focusOn(page, 'button', 'Sửa bước');
    await page.context().close();
  });
});
