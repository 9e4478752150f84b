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

  it('says so up front to a ballot secretary on /audit, /imports and /transfer-batches, offering nothing the server refuses', async () => {
    const { page } = await signIn(town.browser, town.base, 'secretary-1');
    const pages: [string, string, string][] = [
      // [address, heading, what the server allows]
      ['/audit', 'Kiểm toán', 'Thanh tra, kiểm toán, Kiểm tra, Quản trị'],
      ['/imports', 'Nhập dữ liệu', 'Cán bộ tổ chức, Quản trị'],
      ['/transfer-batches', 'Điều động hàng loạt', 'Cán bộ tổ chức'],
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
    await page.context().close();
  });
});
