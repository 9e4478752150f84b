import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { Browser, Page } from 'playwright-core';
import { RegistryService } from '../../src/cadres/registry.service';
import { loadDemoData } from '../../src/seed/demo-data-loader';
import { startTestApp, TestApp } from '../support/test-app';
import {
  axeViolations,
  buildWebApp,
  launchChromium,
  listeningPort,
  ROOT,
  WEB_DIST,
  signIn,
} from './support/browser';

jest.setTimeout(240_000);

/**
 * The audit features that had an API but no screen (outside tester): the whole store checked
 * against the signed checkpoint, a checkpoint signed now (on /audit), and a case's inclusion
 * proof downloaded from its history, each refusal said in Vietnamese.
 */
describe('the auditor checks the whole store, signs a checkpoint and downloads a case proof', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const work = mkdtempSync(path.join(tmpdir(), 'cf-web-store-tools-'));
  const staff = () => ({
    Authorization: `Bearer ${t.token('staff-st', ['organization_staff'], 'ou-ha-noi')}`,
  });

  beforeAll(async () => {
    buildWebApp();
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(
      path.join(work, 'signer.pem'),
      privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    );
    t = await startTestApp('web_store_tools', {
      RUN_WORKERS: 'true',
      DEV_SIGN_IN: 'true',
      WEB_DIR: WEB_DIST,
      CHECKPOINT_DIR: path.join(work, 'checkpoints'),
      CHECKPOINT_SIGNING_KEY_FILE: path.join(work, 'signer.pem'),
      CHECKPOINT_INTERVAL_MS: '0',
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    await loadDemoData(
      path.join(ROOT, 'seeds/demo/ha-noi.json'),
      t.app.get(RegistryService),
      new Date(),
    );
    await request(t.server as never)
      .post('/cases')
      .set(staff())
      .send({
        id: 'a-web-st',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-nguyen-van-an',
        positionId: 'pos-ha-noi-head-organization',
        orgUnitId: 'ou-ha-noi-party-committee',
        summary: 'Bổ nhiệm Trưởng ban Tổ chức',
      })
      .expect(201);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** The case's history, a read model a moment behind the write. */
  async function openHistory(page: Page): Promise<void> {
    await page.goto(`${base}/cases/a-web-st/history`);
    for (let i = 0; i < 60 && !(await page.locator('ol.timeline > li').count()); i++) {
      await page.waitForTimeout(250);
      await page.reload();
    }
  }

  const tools = (page: Page) => page.locator('section[aria-labelledby="store-tools-title"]');

  it('downloads a case proof from its history, saying in Vietnamese why when there is none', async () => {
    const { context, page } = await signIn(browser, base, 'auditor-1');
    await openHistory(page);
    const proof = page.getByRole('button', { name: 'Tải bản chứng minh (JSON)' });
    // No checkpoint covers the case yet: what to do, in Vietnamese.
    await proof.click();
    expect(await page.getByTestId('proof-refused').innerText()).toMatch(
      /^Chưa có bản chốt ký số nào bao phủ hồ sơ này: cần ký một bản chốt/,
    );
    await page.goto(`${base}/audit`);
    await tools(page).getByRole('button', { name: 'Ký bản chốt ngay' }).click();
    await page
      .getByTestId('checkpoint-signed')
      .getByText(/^Đã ký bản chốt số 1 \(.+\): bao phủ \d+ sự kiện của \d+ luồng sự kiện\.$/)
      .waitFor();
    await openHistory(page);
    const [download] = await Promise.all([page.waitForEvent('download'), proof.click()]);
    expect(download.suggestedFilename()).toBe('case-a-web-st-proof.json');
    const saved = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(saved.format).toBe('cadreflow-case-proof/1');
    expect(saved.streamId).toBe('appointment-a-web-st');
    await page.getByTestId('proof-saved').waitFor();
    // A proof withheld for a secret ballot: said in Vietnamese, the server's English a detail.
    await page.route('**/audit/cases/*/proof', (route) =>
      route.fulfill({
        status: 403,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          rule: 'audit.proof_withholds_ballot',
          message: 'id: the proof of case a-web-st carries every event as stored',
          field: 'id',
        }),
      }),
    );
    await proof.click();
    const refused = page.getByTestId('proof-refused');
    await refused.getByText(/^Không cấp bản chứng minh: hồ sơ có kết quả bỏ phiếu/).waitFor();
    // The Vietnamese sentence is the whole answer: no English detail under it.
    expect(await refused.innerText()).not.toMatch(/Chi tiết từ máy chủ|the proof of case/);
    // The checkpoint folder lacks the signed checkpoints: not read as "none covers this case".
    await page.unroute('**/audit/cases/*/proof');
    await page.route('**/audit/cases/*/proof', (route) =>
      route.fulfill({
        status: 409,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          rule: 'checkpoint.recorded_missing',
          message: 'CHECKPOINT_DIR "/srv/checkpoints" lacks checkpoint 1',
          checkpoint: 1,
        }),
      }),
    );
    await proof.click();
    await refused.getByText(/^Chưa thể cấp bản chứng minh: thư mục lưu bản chốt/).waitFor();
    expect(await refused.innerText()).not.toMatch(/Chưa có bản chốt ký số nào bao phủ/);
    expect(await refused.innerText()).toMatch(/lacks checkpoint 1/);
    // A unit's auditor is not told the server's folder: the same Vietnamese sentence, the detail
    // sending them to the operator.
    await page.unroute('**/audit/cases/*/proof');
    await page.route('**/audit/cases/*/proof', (route) =>
      route.fulfill({
        status: 409,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          rule: 'checkpoint.recorded_missing',
          message:
            "the service's checkpoint folder lacks checkpoint 1, which the database records as signed; ask the operator to restore it",
          checkpoint: 1,
        }),
      }),
    );
    await proof.click();
    await refused.getByText(/ask the operator to restore it/).waitFor();
    expect(await refused.innerText()).toMatch(/^Chưa thể cấp bản chứng minh: thư mục lưu bản chốt/);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('checks the whole store against the checkpoint and signs one now, read in Vietnamese', async () => {
    const { context, page } = await signIn(browser, base, 'auditor-1');
    await page.goto(`${base}/audit`);
    await tools(page).getByRole('button', { name: 'Kiểm tra toàn bộ kho sự kiện' }).click();
    const check = page.getByTestId('store-check');
    await check.waitFor();
    expect(await check.getAttribute('data-status')).toBe('intact');
    expect(await check.innerText()).toMatch(
      /^Toàn vẹn: kho sự kiện khớp với bản chốt ký số và lịch sử kiểm toán\.\s+Bản chốt ký số số 1 \(\d{2}\/\d{2}\/\d{4} [\d:]+\) bao phủ \d+ sự kiện của \d+ luồng sự kiện\./,
    );
    // Nothing new since: the checkpoint stands.
    await tools(page).getByRole('button', { name: 'Ký bản chốt ngay' }).click();
    await page
      .getByTestId('checkpoint-signed')
      .getByText(/^Không có sự kiện mới từ bản chốt số 1 .*\(\d+ sự kiện, \d+ luồng sự kiện\)\.$/)
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('refuses a grant below the top level in Vietnamese, and offers none of it to an inspector', async () => {
    const local = await signIn(browser, base, 'staff-doai-phuong');
    await local.page.goto(`${base}/audit`);
    // Said before anything is pressed, both buttons held back: the server would refuse them.
    await tools(local.page)
      .getByTestId('store-tools-top-level-only')
      .getByText(/^Chỉ người được giao quyền ở đơn vị cấp cao nhất mới làm được việc này/)
      .waitFor();
    for (const name of ['Ký bản chốt ngay', 'Kiểm tra toàn bộ kho sự kiện'])
      expect(await tools(local.page).getByRole('button', { name }).isDisabled()).toBe(true);
    expect(await local.page.getByTestId('store-tools-refused').count()).toBe(0);
    await local.context.close();
    const inspector = await signIn(browser, base, 'inspector-1');
    await openHistory(inspector.page);
    await inspector.page.locator('ol.timeline > li').first().waitFor();
    expect(await inspector.page.getByText('Tải bản chứng minh (JSON)').count()).toBe(0);
    await inspector.page.goto(`${base}/audit`);
    await inspector.page.getByRole('button', { name: 'Mở lịch sử' }).waitFor();
    expect(await tools(inspector.page).count()).toBe(0);
    await inspector.context.close();
  });
  it('lists where a store changed behind the service parts, in Vietnamese, and refuses to sign over it', async () => {
    const pool = t.db.pool;
    // The audit history has copied every event before anything is changed.
    for (let i = 0; i < 40; i++) {
      const { rows: copied } = await pool.query(
        `SELECT (SELECT count(*) FROM audit_history WHERE stream_id = 'appointment-a-web-st') =
                (SELECT count(*) FROM events WHERE stream_id = 'appointment-a-web-st') AS done`,
      );
      if (copied[0].done) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await pool.query(
      `UPDATE events SET data = jsonb_set(data, '{summary}', '"Đã sửa"')
        WHERE stream_id = 'appointment-a-web-st' AND revision = 0`,
    );
    // A person's own record changed too: its finding links to that person's history.
    await pool.query(
      `UPDATE events SET metadata = jsonb_set(metadata, '{actorId}', '"someone-else"')
        WHERE stream_id = 'cadre-p-nguyen-van-an' AND revision = 0`,
    );
    const { context, page } = await signIn(browser, base, 'auditor-1');
    await page.goto(`${base}/audit`);
    await tools(page).getByRole('button', { name: 'Kiểm tra toàn bộ kho sự kiện' }).click();
    const check = page.getByTestId('store-check');
    await check.waitFor();
    expect(await check.getAttribute('data-status')).toBe('tampered');
    expect(await check.innerText()).toMatch(/^Bị sửa đổi: kho sự kiện khác với bản chốt ký số/);
    const listed = await page.getByTestId('store-findings').innerText();
    expect(listed).toMatch(/^appointment-a-web-st phiên bản 0: nội dung sự kiện bị sửa\./m);
    expect(listed).toMatch(/^cadre-p-nguyen-van-an phiên bản 0: nội dung sự kiện bị sửa\./m);
    // Each finding's stream links to its history (before: the id alone, to be copied by hand).
    const findings = page.getByTestId('store-findings');
    const linkTo = (name: string) => findings.getByRole('link', { name }).getAttribute('href');
    expect(await linkTo('Mở lịch sử cán bộ p-nguyen-van-an (cadre-p-nguyen-van-an)')).toBe(
      '/cadres/p-nguyen-van-an/history',
    );
    expect(await linkTo('Mở lịch sử hồ sơ a-web-st (appointment-a-web-st)')).toBe(
      '/cases/a-web-st/history',
    );
    await tools(page).getByRole('button', { name: 'Ký bản chốt ngay' }).click();
    await page
      .getByTestId('store-tools-refused')
      .getByText(/^Không ký bản chốt: kho sự kiện đã bị sửa đổi ngoài dịch vụ/)
      .waitFor();
    expect(await page.getByTestId('checkpoint-signed').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    // The case's finding opens its history.
    await tools(page).getByRole('button', { name: 'Kiểm tra toàn bộ kho sự kiện' }).click();
    await page
      .getByTestId('store-findings')
      .getByRole('link', { name: 'Mở lịch sử hồ sơ a-web-st (appointment-a-web-st)' })
      .click();
    await page.waitForURL(`${base}/cases/a-web-st/history`);
    await page.locator('ol.timeline > li').first().waitFor();
    await context.close();
  });
});
