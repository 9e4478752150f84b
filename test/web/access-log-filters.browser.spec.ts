import { axeViolations, signIn } from './support/browser';
import { DemoTown, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

/**
 * The audit screen's access log, filtered by days (dd/mm/yyyy, each a whole day in Vietnam), by
 * reader and by what was read, and paged with «Xem thêm». Before: the newest 50 reads, no filter,
 * no more pages.
 */
describe('the access log on the audit screen', () => {
  let town: DemoTown;
  const log = (at: string, actor: string, subject: string) =>
    town.t.db.pool.query(
      `INSERT INTO access_log (at, actor_id, roles, org_unit, method, route, resource, purpose, status)
       VALUES ($1, $2, '{organization_staff}', 'ou-ha-noi', 'GET', $3, $4, 'tra cứu', 200)`,
      [at, actor, `/cadres/${subject}`, `person record ${subject}`],
    );

  beforeAll(async () => {
    town = await startDemoTown('web_access_log_filters');
    // 60 reads on 1 December in Vietnam (from 00:00 there, 30 Nov 17:00Z), one at 00:30 on 2
    // December there (still 1 December in UTC), and one of another person on 3 December.
    for (let i = 0; i < 60; i++)
      await log(
        new Date(Date.parse('2026-11-30T17:00:00Z') + i * 60_000).toISOString(),
        'reader-a',
        `p-bulk-${i}`,
      );
    await log('2026-12-01T17:30:00Z', 'reader-a', 'p-after-midnight');
    await log('2026-12-03T02:00:00Z', 'reader-b', 'p-other');
  });
  afterAll(async () => {
    await town?.close();
  });

  it('filters by days in Vietnam, by reader and by what was read, and shows more with «Xem thêm»', async () => {
    const { page } = await signIn(town.browser, town.base, 'auditor-1');
    await page.goto(`${town.base}/audit`);
    const filters = page.getByTestId('access-log-filters');
    const rows = page.getByTestId('access-log').locator('tbody tr');
    const from = filters.getByLabel('Từ ngày (dd/mm/yyyy)', { exact: true });
    const to = filters.getByLabel('Đến ngày (dd/mm/yyyy)', { exact: true });
    const apply = filters.getByRole('button', { name: 'Lọc' });
    const more = page.getByRole('button', { name: 'Xem thêm' });

    await from.fill('01/12/2026');
    await to.fill('01/12/2026');
    await apply.click();
    // A page of 50, the newest first; 00:30 on 2 December in Vietnam is not 1 December.
    await rows.first().getByText('Hồ sơ cán bộ: p-bulk-59').waitFor();
    expect(await rows.count()).toBe(50);
    await more.click();
    await rows.nth(59).getByText('Hồ sơ cán bộ: p-bulk-0').waitFor();
    expect(await rows.count()).toBe(60);
    expect(await more.count()).toBe(0);
    expect(await rows.getByText('p-after-midnight').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // A day that ends before the first is named on its field, and nothing is asked.
    await to.fill('30/11/2026');
    await apply.click();
    await page.getByText('Ngày kết thúc trước ngày bắt đầu').waitFor();
    expect(await rows.count()).toBe(60);

    await from.fill('');
    await to.fill('');
    await filters.getByLabel('Người đọc (mã người dùng)').fill('reader-b');
    await apply.click();
    await rows.first().getByText('Hồ sơ cán bộ: p-other').waitFor();
    expect(await rows.count()).toBe(1);

    await filters.getByLabel('Người đọc (mã người dùng)').fill('reader-a');
    await filters.getByLabel('Đọc gì (mã cán bộ hoặc hồ sơ)').fill('p-after-midnight');
    await apply.click();
    await rows.first().getByText('Hồ sơ cán bộ: p-after-midnight').waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().locator('td').nth(0).innerText()).toMatch(/^02\/12\/2026 00:30/);
    await page.context().close();
  });

  it('marks a read the server refused «Bị từ chối», not as one it answered', async () => {
    // As the server logs it: organization_staff asking for a case's history (auditor only), 403.
    await town.t.db.pool.query(
      `INSERT INTO access_log (at, actor_id, roles, org_unit, method, route, resource, purpose, status)
       VALUES ('2026-12-04T02:00:00Z', 'reader-c', '{organization_staff}', 'ou-ha-noi', 'GET',
               '/cases/:id/history', 'case history c-refused', NULL, 403),
              ('2026-12-04T03:00:00Z', 'reader-c', '{organization_staff}', 'ou-ha-noi', 'GET',
               '/cadres/:id', 'person record p-answered', NULL, 200)`,
    );
    const { page } = await signIn(town.browser, town.base, 'auditor-1');
    await page.goto(`${town.base}/audit`);
    const filters = page.getByTestId('access-log-filters');
    await filters.getByLabel('Người đọc (mã người dùng)').fill('reader-c');
    await filters.getByRole('button', { name: 'Lọc' }).click();
    const rows = page.getByTestId('access-log').locator('tbody tr');
    await rows.nth(1).getByText('Lịch sử hồ sơ: c-refused').waitFor();
    expect(await rows.count()).toBe(2);
    // Before: both rows alike, nothing said the first one was refused.
    expect(await rows.nth(1).getByRole('cell', { name: 'Bị từ chối', exact: true }).count()).toBe(
      1,
    );
    expect(await rows.nth(0).getByRole('cell', { name: 'Đã đọc', exact: true }).count()).toBe(1);
    expect(await page.getByRole('columnheader', { name: 'Kết quả' }).count()).toBe(1);
    await page.context().close();
  });
});
