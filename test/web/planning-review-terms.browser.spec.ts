import request from 'supertest';
import { Browser } from 'playwright-core';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { buildWebApp, launchChromium, listeningPort, signIn, WEB_DIST } from './support/browser';

jest.setTimeout(240_000);

/**
 * The planning review form offers the terms the rules plan for (planning.plannableTerms: the
 * current term of office and the next, Quy định 377-QĐ/TW), named with their ground. Before, the
 * term was a free text field: 2051-2056 was typed and recorded.
 */
describe('the planning review form: the terms open to planning', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const http = () => request(t.server as never);
  const staff = () => ({
    Authorization: `Bearer ${t.token('staff-1', ['organization_staff'], 'ou-ha-noi')}`,
  });

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_planning_review_terms', {
      // The people search reads the projection the workers keep.
      RUN_WORKERS: 'true',
      DEV_SIGN_IN: 'true',
      WEB_DIR: WEB_DIST,
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    await buildRegistry(t, staff(), {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      positions: [{ id: 'pos-head', rank: 4 }],
      people: [{ id: 'p-an' }],
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('offers the current term and the next only, and records the one picked', async () => {
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/planning-reviews`);
    const form = page.getByRole('form', { name: 'Rà soát, bổ sung quy hoạch' });
    const term = form.getByLabel('Giai đoạn quy hoạch', { exact: true });
    await form.locator('#rv-term option[value="2030-2035"]').waitFor({ state: 'attached' });
    // A choice, not a text field (before: an input where 2051-2056 went through).
    expect(await form.locator('select#rv-term').count()).toBe(1);
    expect(await form.locator('input#rv-term').count()).toBe(0);
    expect(await form.locator('#rv-term option').allTextContents()).toEqual([
      '2025-2030',
      '2030-2035',
    ]);
    expect(await term.inputValue()).toBe('2025-2030');
    // The ground is named, in Vietnamese.
    const hint = form.locator('#rv-term-hint');
    await hint
      .getByText(/^Quy hoạch cho nhiệm kỳ hiện tại hoặc nhiệm kỳ kế tiếp \(Quy định 377-QĐ\/TW/)
      .waitFor();
    expect(await term.getAttribute('aria-describedby')).toBe('rv-term-hint');

    await term.selectOption('2030-2035');
    await form.getByLabel('Quyết định', { exact: true }).fill('98-QĐ/TU');
    const added = form.getByRole('group', { name: 'Bổ sung vào quy hoạch', exact: true });
    await added.getByRole('button', { name: 'Thêm dòng' }).click();
    const row = added.getByRole('group').last();
    await row.getByLabel('Tìm cán bộ theo tên').fill('Người p-an');
    const found = row.locator('option', { hasText: 'Người p-an' });
    await found.waitFor({ state: 'attached' });
    await row.getByLabel('Chọn cán bộ').selectOption({ label: (await found.textContent())! });
    await row.getByLabel('Tìm chức vụ').fill('pos-head');
    await row.locator('option', { hasText: 'pos-head' }).first().waitFor({ state: 'attached' });
    await row.getByLabel('Chọn chức vụ').selectOption({ label: 'pos-head' });
    await form.getByRole('button', { name: 'Ghi nhận đợt rà soát' }).click();
    await form.getByText(/^Đã ghi nhận đợt rà soát rv-/).waitFor();
    // The keyboard goes on from the notice (before: focus fell to BODY).
    await form
      .locator('[role="status"]:focus', { hasText: /^Đã ghi nhận đợt rà soát rv-/ })
      .waitFor();
    const record = await http().get('/cadres/p-an').set(staff()).expect(200);
    expect(record.body.planningPool).toEqual([
      expect.objectContaining({ positionId: 'pos-head', term: '2030-2035' }),
    ]);
    await context.close();
  });

  it('refuses adding one already planned for the post, in Vietnamese with names, on the row', async () => {
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/planning-reviews`);
    const form = page.getByRole('form', { name: 'Rà soát, bổ sung quy hoạch' });
    await form.locator('#rv-term option[value="2030-2035"]').waitFor({ state: 'attached' });
    await form.getByLabel('Giai đoạn quy hoạch', { exact: true }).selectOption('2030-2035');
    await form.getByLabel('Quyết định', { exact: true }).fill('20-QĐ/TU');
    const added = form.getByRole('group', { name: 'Bổ sung vào quy hoạch', exact: true });
    // An empty row first: the refusal's index counts the rows sent, the screen every row.
    await added.getByRole('button', { name: 'Thêm dòng' }).click();
    await added.getByRole('button', { name: 'Thêm dòng' }).click();
    const row = added.getByRole('group').last();
    await row.getByLabel('Tìm cán bộ theo tên').fill('Người p-an');
    const found = row.locator('option', { hasText: 'Người p-an' });
    await found.waitFor({ state: 'attached' });
    await row.getByLabel('Chọn cán bộ').selectOption({ label: (await found.textContent())! });
    await row.getByLabel('Tìm chức vụ').fill('pos-head');
    await row.locator('option', { hasText: 'pos-head' }).first().waitFor({ state: 'attached' });
    await row.getByLabel('Chọn chức vụ').selectOption({ label: 'pos-head' });
    await form.getByRole('button', { name: 'Ghi nhận đợt rà soát' }).click();
    // Before: "added[0]: p-an is already in the planning pool for pos-head in 2030-2035 (98-QĐ/TU)…"
    // in English under the form.
    const refusal = row.getByRole('alert');
    await refusal.waitFor();
    const text = await refusal.innerText();
    expect(text).toMatch(/^Đã có trong quy hoạch chức vụ này trong giai đoạn — /);
    expect(text).toContain('Người p-an');
    expect(text).toContain('đã có trong quy hoạch chức vụ');
    expect(text).toContain('giai đoạn 2030-2035 (98-QĐ/TU)');
    expect(text).not.toMatch(/already|added\[|p-an is/);
    expect(await added.getByRole('group').first().getByRole('alert').count()).toBe(0);
    expect(await form.locator('.error[role="alert"]').count()).toBe(0);
    // The keyboard is on the refused row, at its first field (before: on the button still).
    await row.locator('input:focus').waitFor();
    expect(await row.locator('input:focus').getAttribute('id')).toMatch(/^rv-added-\d+-person/);
    await context.close();
  });

  it('a refusal of a field above the rows takes the keyboard to that field', async () => {
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/planning-reviews`);
    const form = page.getByRole('form', { name: 'Rà soát, bổ sung quy hoạch' });
    await form.locator('#rv-term option[value="2030-2035"]').waitFor({ state: 'attached' });
    // The decision's number left empty: the server refuses it on its field.
    await form.getByRole('button', { name: 'Ghi nhận đợt rà soát' }).click();
    await form.locator('#rv-decision[aria-invalid="true"]:focus').waitFor();
    expect(await form.locator('#rv-decision-error').innerText()).not.toBe('');
    await context.close();
  });
});
