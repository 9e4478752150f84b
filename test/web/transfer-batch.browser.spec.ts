import * as path from 'node:path';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { RegistryService } from '../../src/cadres/registry.service';
import { BULK_WRITES } from '../../src/common/tokens';
import { BulkWrites } from '../../src/event-store/bulk-writes';
import { loadDemoData } from '../../src/seed/demo-data-loader';
import { eventually } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import {
  axeViolations,
  buildWebApp,
  launchChromium,
  listeningPort,
  ROOT,
  screenshot,
  signIn,
  WEB_DIST,
} from './support/browser';

jest.setTimeout(240_000);

/**
 * "Điều động hàng loạt" in Chromium against the real service: a list pasted with one line naming
 * a post its person does not hold is checked and refused line by line, nothing opened; corrected,
 * it checks clean and opens, the progress shows 2/2 and each case opens from its link.
 */
describe('opening a transfer batch in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_transfer_batch', {
      DEV_SIGN_IN: 'true',
      WEB_DIR: WEB_DIST,
      // Workers on: the people search that turns names into ids and the names of the batch's
      // cases read the registry's projections, as in the running service.
      RUN_WORKERS: 'true',
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
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
  });

  const signInAs = async (userId: string): Promise<Page> =>
    (await signIn(browser, base, userId)).page;

  const line = (person: string, held: string, post: string, unit: string) =>
    [person, held, post, unit, 'Sắp xếp tổ chức bộ máy theo Đề án 05-ĐA/TU'].join('\t');
  const first = line(
    'p-phan-thi-quynh',
    'pos-phuong-son-tay-deputy-head-culture-society',
    'pos-phuong-son-tay-head-culture-society',
    'ou-phuong-son-tay-culture-society',
  );
  const wrongPost = line(
    'p-tran-thi-binh',
    'pos-ha-noi-director-home-affairs',
    'pos-ha-noi-deputy-head-organization',
    'ou-ha-noi-organization-committee',
  );

  it('names the bad line and opens nothing; corrected, opens both with their progress', async () => {
    const page = await signInAs('staff-1');
    await page.getByRole('link', { name: 'Điều động hàng loạt' }).click();
    await page.getByRole('heading', { name: 'Điều động hàng loạt' }).waitFor();
    await page.getByLabel('Mã đợt').fill('tb-web-1');
    await page.getByLabel('Danh sách điều động').fill(`${first}\n${wrongPost}`);
    await page.getByText('Số người: 2').waitFor();
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByTestId('batch-check').getByText('Có 1 lỗi; chưa mở hồ sơ nào.').waitFor();
    const errors = await page.getByTestId('batch-errors').innerText();
    expect(errors).toContain('Chức vụ đang giữ');
    // The rule by its title (before: the bare code), its code on hover for staff to quote.
    expect(errors).toContain('Người này không giữ chức vụ đã ghi');
    expect(errors).not.toContain('transfer_batch.post_not_held');
    expect(
      await page
        .getByTestId('batch-errors')
        .locator('tbody td[title]')
        .first()
        .getAttribute('title'),
    ).toBe('transfer_batch.post_not_held');
    // The problem is the server's sentence read in Vietnamese, with the post's name, not its English.
    expect(errors).toContain('không giữ chức vụ');
    expect(errors).not.toContain('does not hold');
    expect(errors).toMatch(/\b2\b/);
    expect(await page.getByRole('button', { name: 'Mở hồ sơ' }).isDisabled()).toBe(true);
    await screenshot(page, 'transfer-batch-check');
    expect(await axeViolations(page)).toEqual([]);

    await page
      .getByLabel('Danh sách điều động')
      .fill(
        `${first}\n${wrongPost.replace('pos-ha-noi-director-home-affairs', 'pos-ha-noi-deputy-director-home-affairs')}`,
      );
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByText('Danh sách hợp lệ: sẽ mở 2 hồ sơ điều động (đợt tb-web-1).').waitFor();
    await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    await page.getByTestId('batch-progress').getByText('Đã mở 2/2 hồ sơ').waitFor();
    // The keyboard goes on from the batch's progress (before: focus fell to BODY).
    await page.locator('[data-testid="batch-progress"]:focus').waitFor();
    // Each case by its person, the post they leave and the post they move to (before: "tb-web-1-2"
    // alone; then without the post left).
    const listed = await page.getByTestId('batch-cases').locator('li').allInnerTexts();
    expect(listed).toEqual([
      'Phan Thị Quỳnh: thôi giữ Phó Trưởng phòng Văn hóa - Xã hội phường Sơn Tây → điều động đến Trưởng phòng Văn hóa - Xã hội phường Sơn Tây (tb-web-1-1)',
      'Trần Thị Bình: thôi giữ Phó Giám đốc Sở Nội vụ thành phố Hà Nội → điều động đến Phó Trưởng ban Tổ chức Thành ủy Hà Nội (tb-web-1-2)',
    ]);
    await page.getByRole('link', { name: 'Phan Thị Quỳnh' }).click();
    await page.locator('[data-testid="case-status"]', { hasText: 'Đang xử lý' }).waitFor();
    const stepOnCasePage = (await page.locator('#current-step-title').innerText()).replace(
      /^Bước hiện tại: /,
      '',
    );
    // Back to the batch: its progress and cases are there again (before: an empty form).
    await page.goBack();
    await page.getByTestId('batch-progress').getByText('Đã mở 2/2 hồ sơ').waitFor();
    expect(await page.getByTestId('batch-cases').innerText()).toContain('Trần Thị Bình');
    await page.context().close();

    // Her page on a phone: the case by the name the case page gives it, with its current step
    // (before: "Luân chuyển", no step), and her empty lists (no moves, past posts, discipline)
    // without their headers (before: the phone's `table.grid { display: block }` showed them).
    const { context: phone, page: person } = await signIn(browser, base, 'staff-1', {
      viewport: { width: 390, height: 844 },
    });
    await person.goto(`${base}/cadres/p-phan-thi-quynh`);
    const open = person.getByTestId('open-cases').locator('li', { hasText: 'tb-web-1-1' });
    await open.getByRole('link', { name: /^Điều động/ }).waitFor();
    // The step comes with the case's own view, read after the record: wait for it, not the link.
    await open.filter({ hasText: ` · ${stepOnCasePage}` }).waitFor();
    expect(await open.innerText()).not.toContain('Luân chuyển');
    expect(await person.locator('table.grid[hidden]').count()).toBeGreaterThanOrEqual(3);
    for (const table of await person.locator('table.grid[hidden]').all())
      expect(await table.isVisible()).toBe(false);
    await phone.close();
  });

  it('shows a batch refused as a conflict as stopped, with the reason, also when read again', async () => {
    const page = await signInAs('staff-1');
    await page.goto(`${base}/transfer-batches`);
    await page.getByLabel('Mã đợt').fill('tb-web-stop');
    const lines = [
      line(
        'p-nguyen-van-an',
        'pos-ha-noi-deputy-head-organization',
        'pos-ha-noi-director-home-affairs',
        'ou-ha-noi-home-affairs',
      ),
      line(
        'p-pham-thi-dung',
        'pos-phuong-son-tay-vice-chair',
        'pos-phuong-son-tay-deputy-head-culture-society',
        'ou-phuong-son-tay-culture-society',
      ),
    ];
    await page.getByLabel('Danh sách điều động').fill(lines.join('\n'));
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByText('Danh sách hợp lệ: sẽ mở 2 hồ sơ điều động (đợt tb-web-stop).').waitFor();
    // Checked clean; a transfer for the second person is opened alone before the batch writes.
    const bulkWrites = t.app.get<BulkWrites>(BULK_WRITES);
    const during = bulkWrites.during.bind(bulkWrites);
    jest.spyOn(bulkWrites, 'during').mockImplementationOnce(async (write) => {
      await request(t.app.getHttpServer())
        .post('/cases')
        .set({ Authorization: `Bearer ${t.token('staff-1', ['organization_staff'], 'ou-ha-noi')}` })
        .send({
          procedure: 'transfer',
          definition: 'transfer.standard',
          personId: 'p-pham-thi-dung',
          positionId: 'pos-phuong-son-tay-deputy-head-culture-society',
          orgUnitId: 'ou-phuong-son-tay-culture-society',
          summary: 'Điều động riêng',
        })
        .expect(201);
      return during(write);
    });
    await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    const stopped = page.getByTestId('batch-stopped');
    await stopped.getByText(/^Đã dừng: Trong lúc mở đợt, một người trong danh sách/).waitFor();
    expect(await stopped.innerText()).toContain('transfer_batch.conflict');
    expect(await page.getByTestId('batch-progress').innerText()).toContain('Đã mở 0/2 hồ sơ');
    await screenshot(page, 'transfer-batch-stopped');
    expect(await axeViolations(page)).toEqual([]);
    // Read again from its address (before: "Đã mở 0/2", as if still opening).
    await page.reload();
    await page
      .getByTestId('batch-stopped')
      .getByText(/^Đã dừng: /)
      .waitFor();
    await page.context().close();
  });

  it('takes names as a spreadsheet has them: unknown and shared names named on their line before anything is sent, the rest opened by id', async () => {
    // A second "Ngô Thị Lan" in the grant: her name alone does not say who is moved.
    await request(t.app.getHttpServer())
      .post('/cadres')
      .set({ Authorization: `Bearer ${t.token('staff-1', ['organization_staff'], 'ou-ha-noi')}` })
      .send({
        id: 'p-ngo-thi-lan-2',
        fullName: 'Ngô Thị Lan',
        dateOfBirth: '1986-02-02',
        gender: 'female',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'Cử nhân',
        politicalTheoryLevel: 'Trung cấp',
        orgUnitId: 'ou-xa-quang-oai-peoples-committee',
      })
      .expect(201);
    await eventually(
      () => t.db.pool.query("SELECT 1 FROM people WHERE full_name = 'Ngô Thị Lan'"),
      ({ rowCount }) => rowCount === 2,
    );
    const page = await signInAs('staff-1');
    await page.goto(`${base}/transfer-batches`);
    await page.getByLabel('Mã đợt').fill('tb-web-names');
    const named = line(
      'Bùi Thị Hoa',
      'Phó Chủ tịch UBND phường Tùng Thiện',
      'Phó Trưởng phòng Văn hóa - Xã hội phường Sơn Tây',
      'Phòng Văn hóa - Xã hội phường Sơn Tây',
    );
    const lines = [
      named,
      line(
        'Nguyễn Văn Không Có',
        'Phó Chủ tịch UBND xã Đoài Phương',
        'Phó Chủ tịch UBND phường Sơn Tây',
        'UBND phường Sơn Tây',
      ),
      line(
        'Ngô Thị Lan',
        'Phó Chủ tịch UBND xã Đoài Phương',
        'Phó Chủ tịch UBND phường Sơn Tây',
        'Phòng Văn hóa phường Sơn Tây',
      ),
      // A line the service refuses, listed with the names not found.
      line(
        'Trần Thị Bình',
        'Giám đốc Sở Nội vụ thành phố Hà Nội',
        'Phó Trưởng ban Tổ chức Thành ủy Hà Nội',
        'Ban Tổ chức Thành ủy Hà Nội',
      ),
    ];
    await page.getByLabel('Danh sách điều động').fill(lines.join('\n'));
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByTestId('batch-check').getByText('Có 4 lỗi; chưa mở hồ sơ nào.').waitFor();
    const rows = await page.getByTestId('batch-errors').locator('tbody tr').allInnerTexts();
    expect(rows).toEqual([
      expect.stringMatching(
        /^2\tCán bộ \(họ tên hoặc mã\)\tkhông tìm thấy cán bộ tên “Nguyễn Văn Không Có”/,
      ),
      expect.stringMatching(
        /^3\tCán bộ \(họ tên hoặc mã\)\tcó 2 cán bộ tên “Ngô Thị Lan”: ghi mã \(p-ngo-thi-lan, p-ngo-thi-lan-2\)/,
      ),
      expect.stringMatching(
        /^3\tĐơn vị tiếp nhận\tkhông tìm thấy đơn vị tên “Phòng Văn hóa phường Sơn Tây”/,
      ),
      expect.stringMatching(/^4\tChức vụ đang giữ\t.*Người này không giữ chức vụ đã ghi$/),
    ]);
    expect(await page.getByRole('button', { name: 'Mở hồ sơ' }).isDisabled()).toBe(true);
    await screenshot(page, 'transfer-batch-names');

    await page.getByLabel('Danh sách điều động').fill(named);
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByText('Danh sách hợp lệ: sẽ mở 1 hồ sơ điều động (đợt tb-web-names).').waitFor();
    await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    await page.getByTestId('batch-progress').getByText('Đã mở 1/1 hồ sơ').waitFor();
    const opened = await request(t.app.getHttpServer())
      .get('/cases/tb-web-names-1')
      .set({ Authorization: `Bearer ${t.token('staff-1', ['organization_staff'], 'ou-ha-noi')}` })
      .expect(200);
    expect(opened.body).toMatchObject({
      personId: 'p-bui-thi-hoa',
      positionId: 'pos-phuong-son-tay-deputy-head-culture-society',
    });
    await page.context().close();
  });
});
