import { axeViolations, signIn } from './support/browser';
import { DemoTown, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

/**
 * The discipline register's filters (Sổ theo dõi kỷ luật) in Chromium: days checked on the page
 * before the register is asked, in Vietnamese on their field, and the filters kept in the
 * address, so that a reload or a link shows the same register.
 */
describe('the discipline register’s filters', () => {
  let town: DemoTown;

  beforeAll(async () => {
    town = await startDemoTown('web_register_filters');
  });

  afterAll(async () => {
    await town?.close();
  });

  it('refuses “to” before “from” on its field, and keeps the filters applied through a reload', async () => {
    const { page } = await signIn(town.browser, town.base, 'inspector-1');
    const asked: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/discipline-records') asked.push(url.search);
    });
    await page.goto(`${town.base}/discipline-records`);
    await page.getByRole('button', { name: 'Lọc' }).waitFor();
    await page
      .locator('#reg-unit option[value="ou-xa-doai-phuong"]')
      .waitFor({ state: 'attached' });
    const before = asked.length;
    // Before: "Yêu cầu không hợp lệ — to: 2026-11-30 is before from (2026-12-01)" above the table.
    await page.locator('#reg-from').fill('01/12/2026');
    await page.locator('#reg-to').fill('30/11/2026');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page
      .locator('#reg-to-error', {
        hasText: 'Ngày “đến” (30/11/2026) trước ngày “từ” (01/12/2026)',
      })
      .waitFor();
    expect(await page.locator('#reg-to').getAttribute('aria-invalid')).toBe('true');
    // A day typed another way: said on its field (before: dropped without a word).
    await page.locator('#reg-from').fill('2026-12-01');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.locator('#reg-from-error', { hasText: 'Ngày không hợp lệ' }).waitFor();
    expect(asked.slice(before).filter((q) => q.includes('from='))).toEqual([]);
    expect(await page.locator('.error').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.locator('#reg-from').fill('01/11/2026');
    await page.locator('#reg-to').fill('30/11/2026');
    await page.locator('#reg-unit').selectOption('ou-xa-doai-phuong');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/orgUnit=ou-xa-doai-phuong/);
    const address = new URL(page.url()).searchParams;
    expect(address.get('from')).toBe('2026-11-01');
    expect(address.get('to')).toBe('2026-11-30');
    // Before: a reload reset every filter.
    const asking = page.waitForRequest((r) => new URL(r.url()).pathname === '/discipline-records');
    await page.reload();
    expect(new URL((await asking).url()).searchParams.get('orgUnit')).toBe('ou-xa-doai-phuong');
    await page
      .locator('#reg-unit option[value="ou-xa-doai-phuong"]')
      .waitFor({ state: 'attached' });
    expect(await page.locator('#reg-unit').inputValue()).toBe('ou-xa-doai-phuong');
    expect(await page.locator('#reg-from').inputValue()).toBe('01/11/2026');
    expect(await page.locator('#reg-to').inputValue()).toBe('30/11/2026');
    await page.context().close();
  });

  it('says on their fields, in Vietnamese, what a hand-edited address names that is not a choice or a day', async () => {
    const { page } = await signIn(town.browser, town.base, 'inspector-1');
    const asked: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      // The register's API, not the page's own address (the same path).
      if (url.pathname === '/discipline-records' && r.resourceType() === 'fetch')
        asked.push(url.search);
    });
    // Before: "Yêu cầu không hợp lệ — form: one of reprimand, warning, …" above the table, and the
    // impossible day silently became today.
    await page.goto(`${town.base}/discipline-records?form=bogus&asOf=31/02/2026`);
    await page
      .locator('#reg-form-error', { hasText: 'Địa chỉ trang ghi «bogus», không phải một lựa chọn' })
      .waitFor();
    await page
      .locator('#reg-as-of-error', {
        hasText:
          'Địa chỉ trang ghi «31/02/2026», không phải một ngày: sổ đang tính tại ngày hôm nay',
      })
      .waitFor();
    expect(await page.locator('#reg-form').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#reg-form').inputValue()).toBe('');
    expect(await page.locator('#reg-as-of').inputValue()).toBe('31/02/2026');
    await page.locator('table.grid').or(page.getByText('Không có bản ghi.')).first().waitFor();
    expect(await page.locator('.error').count()).toBe(0);
    expect(asked.length).toBeGreaterThan(0);
    for (const query of asked) {
      expect(query).not.toContain('form=');
      expect(query).not.toContain('asOf=');
    }
    // Fixing the day clears its message.
    await page.locator('#reg-as-of').fill('01/12/2026');
    expect(await page.locator('#reg-as-of-error').count()).toBe(0);
    await page.context().close();
  });

  it('downloads what the fields show, checked as “Lọc” checks them, as a CSV file it says it is', async () => {
    const { page } = await signIn(town.browser, town.base, 'inspector-1');
    await page.goto(`${town.base}/discipline-records`);
    await page.getByRole('button', { name: 'Lọc' }).waitFor();
    await page.locator('#reg-form').selectOption({ label: 'Khiển trách' });
    await page.locator('#reg-as-of').fill('01/12/2026');
    // Before: the filters last applied, `asOf` today and no form, and a button saying Excel.
    const asking = page.waitForRequest(
      (r) => new URL(r.url()).searchParams.get('format') === 'csv',
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải tệp CSV' }).click(),
    ]);
    const sent = new URL((await asking).url()).searchParams;
    expect({ form: sent.get('form'), asOf: sent.get('asOf') }).toEqual({
      form: 'reprimand',
      asOf: '2026-12-01',
    });
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    // The list shows what was downloaded.
    await page.waitForURL(/form=reprimand/);
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2026-12-01');

    // A period that ends before it starts is refused on its field, and nothing is downloaded.
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.locator('#reg-from').fill('07/12/2026');
    await page.locator('#reg-to').fill('01/12/2026');
    await page.getByRole('button', { name: 'Tải tệp CSV' }).click();
    await page
      .locator('#reg-to-error', { hasText: 'Ngày “đến” (01/12/2026) trước ngày “từ” (07/12/2026)' })
      .waitFor();
    expect(await page.locator('#reg-to').getAttribute('aria-invalid')).toBe('true');
    expect(downloads).toBe(0);
    expect(await page.getByRole('button', { name: 'Tải bảng tính (Excel)' }).count()).toBe(0);
    await page.context().close();
  });
});
