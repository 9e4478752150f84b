import { axeViolations, signIn } from './support/browser';
import { DemoTown, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

/** Pages whose routes the caller's role may not use, in Chromium against the real service. */
describe('a page the role may not use', () => {
  let town: DemoTown;

  beforeAll(async () => {
    town = await startDemoTown('web_pages_for_roles');
  });

  afterAll(async () => {
    await town?.close();
  });

  it('says so up front to a ballot secretary on /audit, /imports, /transfer-batches and /admin, offering nothing the server refuses', async () => {
    const { page } = await signIn(town.browser, town.base, 'secretary-1');
    const pages: [string, string, string][] = [
      // [address, heading, what the server allows]
      ['/audit', 'Kiểm toán', 'Thanh tra, kiểm toán, Ủy ban kiểm tra, Quản trị'],
      ['/imports', 'Nhập dữ liệu', 'Cán bộ tổ chức, Quản trị'],
      ['/transfer-batches', 'Điều động hàng loạt', 'Cán bộ tổ chức'],
      // Before: «Thêm đơn vị» and «Thêm chức vụ» with the unit tree, refused only once submitted.
      ['/admin', 'Quản trị', 'Cán bộ tổ chức, Quản trị'],
    ];
    for (const [address, heading, allowed] of pages) {
      await page.goto(`${town.base}${address}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      const refusal = page.getByRole('main').getByRole('alert');
      await refusal.getByText('Vai trò của bạn không được dùng chức năng này').waitFor();
      expect(await refusal.innerText()).toContain(
        `Chức năng này dành cho ${allowed}; vai trò của bạn: Thư ký hội nghị`,
      );
      // Before: /audit offered the case-id box, «Mở lịch sử» and the export, which answer 403.
      expect(await page.getByRole('main').getByRole('button').count()).toBe(0);
      expect(await page.getByRole('main').getByRole('textbox').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
    }
    // The navigation offers none of them.
    const nav = page.getByRole('navigation');
    await nav.getByRole('link').first().waitFor();
    for (const name of ['Kiểm toán', 'Nhập dữ liệu', 'Điều động hàng loạt', 'Quản trị'])
      expect(await nav.getByRole('link', { name, exact: true }).count()).toBe(0);
    await page.context().close();
  });

  it('offers organization staff /admin for units and posts, without the failed jobs only an admin may see', async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    // Before: the link was an admin's only, and the page showed staff the failed jobs' 403.
    await page.getByRole('navigation').getByRole('link', { name: 'Quản trị' }).click();
    await page.getByRole('heading', { level: 1, name: 'Quản trị' }).waitFor();
    await page.getByRole('button', { name: 'Thêm đơn vị' }).waitFor();
    await page.getByRole('button', { name: 'Thêm chức vụ' }).waitFor();
    await page.locator('ul.tree li', { hasText: 'Thành phố Hà Nội' }).first().waitFor();
    expect(await page.getByRole('heading', { name: 'Việc xử lý lỗi, chờ chạy lại' }).count()).toBe(
      0,
    );
    expect(
      await page.getByRole('button', { name: 'Mở bảng theo dõi hàng đợi công việc' }).count(),
    ).toBe(0);
    expect(await page.getByRole('main').getByRole('alert').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
