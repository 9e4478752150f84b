import { ruleSetsWithParameter } from '../support/edited-rule-sets';
import { vietnamToday } from '../support/registry-fixture';
import { axeViolations, screenshot, signIn } from './support/browser';
import { caseAtVetting } from './support/case-at-vetting';
import { DemoTown, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

/**
 * «Giải quyết» on a flagged vetting item, in Chromium: the final ballot chose Lê Văn Cường, whose
 * record flags the planning pool; the vetting staff resolve each flagged item on the case page
 * with their grounds (a note the server refuses is shown on its field), the item then reads as
 * resolved with who, when and why, and the leader's decision goes through. Before, the decision's
 * refusal told staff to resolve the items, but the page had no way to.
 */
describe('resolving a flagged vetting item on the case page, in the browser', () => {
  let town: DemoTown;
  const caseId = 'c-web-vetting-resolve';
  const today = vietnamToday();

  beforeAll(async () => {
    town = await startDemoTown('web_vetting_resolve');
    await caseAtVetting(town, caseId);
  });

  afterAll(async () => {
    await town?.close();
  });

  it('the vetting staff resolve each flagged item on screen; the leader then decides', async () => {
    const staff = town.bearer('staff-1', ['organization_staff']);
    const before = await town.http().get(`/cases/${caseId}`).set(staff).expect(200);
    const vetting = before.body.vetting as Record<string, { result: string }>;
    const flagged = Object.keys(vetting).filter((item) => vetting[item].result === 'flagged');
    expect(flagged).toContain('planning_pool');
    expect(flagged).not.toContain('discipline_bar');

    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/${caseId}`);
    const results = page.getByTestId('vetting-results');
    const pool = results.locator('li[data-item="planning_pool"]');
    await pool.getByRole('button', { name: 'Giải quyết nội dung thẩm định: Quy hoạch' }).click();
    const form = page.getByTestId('resolve-planning_pool');
    const note = form.getByLabel('Lý do, căn cứ giải quyết');
    // Sent with no grounds: said on the field, nothing sent (before: «Ghi nhận giải quyết» stayed
    // disabled, the field unmarked, and nothing said why).
    expect(await note.getAttribute('aria-required')).toBe('true');
    expect(await form.locator('.field .required-mark').innerText()).toBe('*');
    let resolves = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/vetting/')) resolves++;
    });
    await form.getByRole('button', { name: 'Ghi nhận giải quyết', exact: true }).click();
    await form.locator('#resolve-planning_pool-note-error').getByText('Bắt buộc').waitFor();
    expect(await note.getAttribute('aria-invalid')).toBe('true');
    expect(resolves).toBe(0);
    // A note the server refuses (an invisible character) is refused on the note itself.
    await note.fill('Đã bổ sung\u200b quy hoạch');
    await form.getByRole('button', { name: 'Ghi nhận giải quyết', exact: true }).click();
    await form.locator('.field-error').waitFor();
    expect(await form.locator('.field-error').getAttribute('id')).toBe(
      'resolve-planning_pool-note-error',
    );
    expect(await form.locator('.field-error').innerText()).toContain('U+200B');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'vetting-resolve-refused');

    const grounds: Record<string, string> = {};
    for (const item of flagged) {
      const line = results.locator(`li[data-item="${item}"]`);
      const itemForm = page.getByTestId(`resolve-${item}`);
      if (!(await itemForm.count()))
        await line.getByRole('button', { name: /^Giải quyết/ }).click();
      grounds[item] =
        `Ban Thường vụ Thành ủy đã xem xét, kết luận số ${flagged.indexOf(item) + 1}-KL/TU`;
      await itemForm.getByLabel('Lý do, căn cứ giải quyết').fill(grounds[item]);
      await itemForm.getByRole('button', { name: 'Ghi nhận giải quyết', exact: true }).click();
      await line.locator('[data-testid="vetting-resolved"]').waitFor();
      const text = await line.innerText();
      // By the name the sign-in gave, not the user id (before: "(staff-1)").
      expect(text).not.toContain('staff-1');
      expect(text).toContain(
        `đã giải quyết ngày ${today.split('-').reverse().join('/')} (Cán bộ Ban Tổ chức Thành ủy): ${grounds[item]}`,
      );
      expect(await line.getByRole('button', { name: /^Giải quyết/ }).count()).toBe(0);
    }
    await screenshot(page, 'vetting-resolved');
    await page.context().close();

    const after = await town.http().get(`/cases/${caseId}`).set(staff).expect(200);
    for (const item of flagged)
      expect(after.body.vetting[item].resolved).toEqual({
        note: grounds[item],
        resolvedBy: 'staff-1',
        resolvedByName: 'Cán bộ Ban Tổ chức Thành ủy',
        resolvedOn: today,
      });

    const leader = await signIn(town.browser, town.base, 'leader-1');
    await leader.page.goto(`${town.base}/cases/${caseId}`);
    // The leader does not take the vetting step: no «Giải quyết» is offered to them.
    await leader.page.getByLabel('Số quyết định').fill('215-QĐ/TU');
    expect(await leader.page.getByRole('button', { name: /^Giải quyết/ }).count()).toBe(0);
    await leader.page.getByLabel('Người ký').fill('Bí thư Thành ủy');
    await leader.page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await leader.page
      .locator('[data-testid="case-status"]', { hasText: 'Đã quyết định' })
      .waitFor();
    await leader.page.context().close();
  });
});

/**
 * The items staff may not set aside are the case's rule set's (`vetting.unwaivableItems`), and the
 * page offers «Giải quyết» only where the server does: under rule sets that bar setting aside the
 * planning pool instead of a discipline bar, Cường's flagged planning pool has no «Giải quyết»
 * while his years in post keep theirs. Before, the server's offer hard-coded discipline_bar, so the
 * page offered the planning pool and the server then refused to resolve it.
 */
describe('an item the rule set bars from being set aside, on the case page', () => {
  let town: DemoTown;
  let ruleSets: { dir: string; remove: () => void };
  const caseId = 'c-web-vetting-unwaivable';

  beforeAll(async () => {
    ruleSets = ruleSetsWithParameter(
      'vetting.unwaivableItems',
      ['planning_pool'],
      'vetting staff cannot set aside a candidate outside the planning pool (a test setting)',
    );
    town = await startDemoTown('web_vetting_unwaivable', {
      env: { RULE_SETS_DIR: ruleSets.dir },
    });
    await caseAtVetting(town, caseId);
  });

  afterAll(async () => {
    await town?.close();
    ruleSets?.remove();
  });

  it('offers «Giải quyết» on the other flagged items only', async () => {
    const staff = town.bearer('staff-1', ['organization_staff']);
    const view = await town.http().get(`/cases/${caseId}`).set(staff).expect(200);
    const vetting = view.body.vetting as Record<string, { result: string }>;
    expect(vetting.planning_pool.result).toBe('flagged');
    expect(vetting.years_in_post.result).toBe('flagged');

    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/${caseId}`);
    const results = page.getByTestId('vetting-results');
    const years = results.locator('li[data-item="years_in_post"]');
    await years.getByRole('button', { name: /^Giải quyết/ }).waitFor();
    const pool = results.locator('li[data-item="planning_pool"]');
    expect(await pool.innerText()).toContain('Có vấn đề');
    expect(await pool.getByRole('button', { name: /^Giải quyết/ }).count()).toBe(0);
    await page.context().close();

    // The server refuses it as the page does not offer it.
    const refused = await town
      .http()
      .post(`/cases/${caseId}/vetting/planning_pool/resolve`)
      .set(staff)
      .send({ note: 'Ban Thường vụ đã xem xét' })
      .expect(422);
    expect(refused.body.rule).toBe('vetting.planning_pool_unresolvable');
  });
});
