import { Browser } from 'playwright-core';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { buildWebApp, launchChromium, listeningPort, signIn, WEB_DIST } from './support/browser';

jest.setTimeout(240_000);

/**
 * «Ghi nhận kết quả đánh giá, xếp loại» after the server refused a field: the refusal reads the
 * field by its label (before: «year phải lớn hơn hoặc bằng 1945»), goes away when that field is
 * corrected, and never holds the next submit back (before: the form kept the refused year as its
 * own error and sent nothing more, the stale error staying, until the page was reloaded). A day
 * early in the rated year is flagged for checking, without holding the submit back.
 */
describe('the person page: a rating refused by the server, then corrected', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const staff = () => ({
    Authorization: `Bearer ${t.token('staff-1', ['organization_staff'], 'ou-ha-noi')}`,
  });

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_rating_record_refusal', { DEV_SIGN_IN: 'true', WEB_DIR: WEB_DIST });
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

  it('shows the refusal in the field’s words, clears it on an edit, and sends the corrected rating', async () => {
    const { context, page } = await signIn(browser, base, 'staff-1');
    let sent = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/cadres/p-an/ratings')) sent++;
    });
    await page.goto(`${base}/cadres/p-an`);
    const form = page.getByRole('form', { name: 'Ghi nhận kết quả đánh giá, xếp loại' });
    await form.waitFor();
    const year = form.getByLabel('Năm đánh giá');
    const day = form.getByLabel('Ngày đánh giá (dd/mm/yyyy)');
    const submit = form.getByRole('button', { name: 'Ghi nhận kết quả đánh giá' });
    expect(await year.getAttribute('aria-required')).toBe('true');
    await year.fill('1899');
    await form.getByLabel('Xếp loại chất lượng').selectOption({ label: 'Hoàn thành tốt nhiệm vụ' });
    await day.fill('21/12/1899');
    await form.getByLabel('Số quyết định, văn bản').fill('12-QĐ/TU');
    await submit.click();
    const yearError = form.locator('#rating-record-year-error');
    await yearError.waitFor();
    const refused = await yearError.innerText();
    expect(refused).toContain('Năm đánh giá phải lớn hơn hoặc bằng 1945');
    expect(refused).not.toMatch(/\byear\b/);
    expect(sent).toBe(1);

    // Correcting the year takes the refusal away, and the next click is sent.
    await year.fill('2022');
    expect(await yearError.count()).toBe(0);
    expect(await year.getAttribute('aria-invalid')).toBeNull();
    await submit.click();
    // Still dated 1899: now refused on the day, which the clerk corrects in turn.
    const dayError = form.locator('#rating-record-evaluated-on-error');
    await dayError.waitFor();
    expect(await dayError.innerText()).toContain('Ngày đánh giá trước năm được đánh giá');
    expect(sent).toBe(2);
    // A day early in the year rated is flagged for checking, and still sent.
    await day.fill('01/06/2022');
    expect(await dayError.count()).toBe(0);
    expect(await form.locator('#rating-record-evaluated-on-hint').innerText()).toContain(
      'ngày đánh giá còn trước tháng 12 năm 2022',
    );
    await day.fill('20/12/2022');
    expect(await form.locator('#rating-record-evaluated-on-hint').count()).toBe(0);
    await submit.click();
    await page.getByTestId('ratings').getByText('Năm 2022: Hoàn thành tốt nhiệm vụ').waitFor();
    expect(sent).toBe(3);
    await context.close();
  });
});
