import request from 'supertest';
import { Browser } from 'playwright-core';
import { formatDay } from '../../web/src/dates';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { buildWebApp, launchChromium, listeningPort, signIn, WEB_DIST } from './support/browser';

jest.setTimeout(240_000);

/**
 * A transfer in Chromium while another decision about the person has yet to take effect: a
 * rotation decided today puts Mai into the town's deputy chair in 30 days.
 * - The batch check flags a new transfer of hers by the rule decision.pending_post, naming the
 *   post by its title (before: "Danh sách hợp lệ", and the case ran every step for nothing).
 * - A transfer opened before that decision: its vetting form shows the discipline item as read
 *   from the record, with no choice, and a refusal of an item lands on that item (before: "Đạt" /
 *   "Có vấn đề" were offered, picking one got vetting.item_from_record at the bottom of the form).
 * - Its decision effective today is refused with what can really be done (before: "hủy hoặc rút
 *   quyết định đó trước", which nobody can, and the post's id); effective after that day, it is
 *   decided.
 */
describe('a transfer while another decision has yet to take effect', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const today = vietnamToday();
  const rotationEffective = addDays(today, 30);
  const http = () => request(t.server as never);
  const bearer = (user: string, roles: string[]) => ({
    Authorization: `Bearer ${t.token(user, roles, 'ou-ha-noi')}`,
  });
  const staff = () => bearer('staff-1', ['organization_staff']);
  const leader = () => bearer('leader-1', ['leadership']);
  const secretary = () => bearer('secretary-1', ['ballot_secretary']);
  const tally = { members: 9, summoned: 9, present: 9, for: 8, against: 1, abstain: 0, invalid: 0 };
  const cleared = ['background', 'asset_declaration', 'political_standards'].map((item) => ({
    item,
    result: 'cleared',
  }));
  const step = (caseId: string, stepId: string, who: Record<string, string>, body: object) =>
    http()
      .post(`/cases/${caseId}/steps/${stepId}`)
      .set(who)
      .send({ heldOn: today, ...body })
      .expect(200);
  const open = (id: string, procedure: string, definition: string, positionId: string) =>
    http()
      .post('/cases')
      .set(staff())
      .send({
        id,
        procedure,
        definition,
        personId: 'p-mai',
        positionId,
        orgUnitId: 'ou-town',
        summary: 'Điều động, luân chuyển',
      })
      .expect(201);

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_pending_post', {
      RUN_WORKERS: 'true',
      DEV_SIGN_IN: 'true',
      WEB_DIR: WEB_DIST,
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    await buildRegistry(t, staff(), {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      // Held in the office: the rotation leads to another unit (rotation.same_unit).
      units: [{ id: 'ou-town-office', name: 'Văn phòng thị xã', kind: 'department' }],
      positions: [{ id: 'pos-office', rank: 3, orgUnitId: 'ou-town-office' }],
      people: [
        {
          id: 'p-mai',
          dateOfBirth: '1985-05-05',
          posts: [{ positionId: 'pos-office', from: addDays(today, -400), termEnd: null }],
        },
      ],
    });
    for (const [id, title, rank] of [
      ['pos-deputy-chair', 'Phó Chủ tịch UBND thị xã', 5],
      ['pos-head-inspection', 'Chánh Thanh tra thị xã', 4],
      ['pos-head-office', 'Chánh Văn phòng thị xã', 4],
    ] as const)
      await http()
        .post('/positions')
        .set(staff())
        .send({ id, title, orgUnitId: 'ou-town', appointingAuthority: 'ou-town', rank })
        .expect(201);
    await http()
      .post('/cadres/p-mai/planning-pool')
      .set(staff())
      .send({ positionId: 'pos-deputy-chair', term: '2025-2030', decisionRef: '112-QĐ/TU' })
      .expect(201);
    // The transfer is opened first, while nothing is pending; it runs to its vetting.
    await open('tr-before', 'transfer', 'transfer.standard', 'pos-head-inspection');
    await step('tr-before', 'consult-receiving-unit', staff(), {
      minutesRef: 'BB-T1',
      conclusion: 'Đồng ý',
    });
    await step('tr-before', 'candidate-unit-ballot', secretary(), { minutesRef: 'BB-T2', tally });
    await step('tr-before', 'evaluation-and-meeting', staff(), {
      minutesRef: 'BB-T3',
      conclusion: 'Đã gặp',
    });
    // Then the rotation is decided, effective in 30 days.
    await open('rot-first', 'rotation', 'rotation.standard', 'pos-deputy-chair');
    await step('rot-first', 'proposal', staff(), { summary: 'Luân chuyển' });
    await step('rot-first', 'discussion', staff(), {
      minutesRef: 'BB-1',
      conclusion: 'Thống nhất',
    });
    await step('rot-first', 'meet-person', leader(), {
      conclusion: 'Đã gặp',
      personOpinion: 'Đồng ý',
    });
    await step('rot-first', 'vetting', staff(), { items: cleared });
    await step('rot-first', 'leadership-vote', secretary(), { minutesRef: 'BB-2', tally });
    await step('rot-first', 'decision', leader(), {
      number: '9-QĐ/UBND',
      signer: 'Chủ tịch UBND',
      effectiveFrom: rotationEffective,
    });
    await eventually(
      () => http().get('/cadres/p-mai').set(staff()).expect(200),
      (r) => r.body.upcomingPosts?.length === 1,
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the batch check flags the entry, naming the post by its title and when the case can open', async () => {
    const { page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/transfer-batches`);
    await page
      .getByLabel('Danh sách điều động')
      .fill(['p-mai', 'pos-office', 'pos-head-office', 'ou-town', 'Sắp xếp bộ máy'].join('\t'));
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    // Before: "Danh sách hợp lệ: sẽ mở 1 hồ sơ điều động".
    await page.getByTestId('batch-check').getByText('Có 1 lỗi; chưa mở hồ sơ nào.').waitFor();
    const errors = await page.getByTestId('batch-errors').innerText();
    // The rule by its Vietnamese title, its code on hover.
    expect(errors).toContain('Người này sẽ nhận một chức vụ khác theo quyết định chưa có hiệu lực');
    expect(
      await page.getByTestId('batch-errors').locator('[title="decision.pending_post"]').count(),
    ).toBe(1);
    expect(errors).toContain(
      `sẽ nhận chức vụ Phó Chủ tịch UBND thị xã từ ngày ${formatDay(rotationEffective)} theo quyết định 9-QĐ/UBND`,
    );
    expect(errors).toContain(`chờ đến ngày ${formatDay(rotationEffective)}`);
    expect(errors).not.toMatch(/takes up|pos-deputy-chair/);
    expect(await page.getByRole('button', { name: 'Mở hồ sơ' }).isDisabled()).toBe(true);
    await page.context().close();
  });

  it('the vetting form shows the discipline item as read from the record, and a refusal on the item it is about', async () => {
    const { page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cases/tr-before`);
    const record = page.getByTestId('vetting-item-discipline_bar');
    await record.waitFor();
    // Before: a select offering "Đạt" / "Có vấn đề", refused as vetting.item_from_record.
    expect(await record.innerText()).toContain('Lấy từ hồ sơ');
    expect(await record.locator('select, input').count()).toBe(0);
    expect(await page.locator('#f-item-discipline_bar').count()).toBe(0);
    // A flagged item without its note: the refusal shows on that item's note, not at the bottom.
    // (Each item's result is chosen: none starts on "Đạt".)
    for (const label of ['Kê khai tài sản', 'Tiêu chuẩn chính trị'])
      await page.getByLabel(`Kết quả: ${label}`).selectOption('cleared');
    const note = page.locator('#f-itemNote-background');
    expect(await note.getAttribute('aria-required')).toBeNull();
    await page.getByLabel('Kết quả: Lý lịch').selectOption('flagged');
    // Marked required as soon as the item is flagged, before any submit, and checked before sending.
    expect(await note.getAttribute('aria-required')).toBe('true');
    expect(await page.getByTestId('vetting-note-required-background').innerText()).toBe('*');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    const noteError = page.locator('#f-itemNote-background-error');
    await noteError.waitFor();
    // Before: «Nội dung thứ 1 bị đánh dấu cần ghi chú lý do», the item by its position.
    expect(await noteError.innerText()).toBe('Nội dung «Lý lịch» bị đánh dấu cần ghi chú lý do');
    expect(await page.locator('form.step-form > .error').count()).toBe(0);
    await page.getByLabel('Kết quả: Lý lịch').selectOption('cleared');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByText('Đã ghi nhận.').waitFor();
    await page.locator('#current-step-title', { hasText: /[Qq]uyết định/ }).waitFor();
    await page.context().close();
  });

  it('its decision effective before that day is refused with what can be done; after it, decided', async () => {
    const { page } = await signIn(browser, base, 'leader-1');
    await page.goto(`${base}/cases/tr-before`);
    await page.getByLabel('Số quyết định').fill('15-QĐ/UBND');
    await page.getByLabel('Người ký').fill('Chủ tịch UBND');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    const refusal = page.locator('form.step-form .error[role="alert"]');
    await refusal.waitFor();
    const text = await refusal.innerText();
    expect(text).toContain(
      `sẽ nhận chức vụ Phó Chủ tịch UBND thị xã từ ngày ${formatDay(rotationEffective)} theo quyết định 9-QĐ/UBND`,
    );
    expect(text).toContain(
      `hãy đặt ngày có hiệu lực của quyết định này sau ngày ${formatDay(rotationEffective)}, hoặc chọn «Kiêm nhiệm: vẫn giữ chức vụ đang đảm nhiệm»`,
    );
    // Before: "cần hủy hoặc rút quyết định kia trước", and the post's id.
    expect(text).not.toMatch(/hủy hoặc rút|pos-deputy-chair/);
    await page
      .getByLabel('Hiệu lực từ (dd/mm/yyyy)')
      .fill(formatDay(addDays(rotationEffective, 1)));
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.locator('[data-testid="case-status"]', { hasText: 'Đã quyết định' }).waitFor();
    await page.context().close();
  });
});
