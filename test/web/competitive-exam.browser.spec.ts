import { vietnamToday } from '../support/registry-fixture';
import { axeViolations, screenshot, signIn } from './support/browser';
import { AN, BINH, DemoTown, ORGANIZATION_HEAD_POST, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

/**
 * A competitive examination for a leadership post (thi tuyển) in Chromium against the real
 * service: the clerk opens it from the post, registers the candidates (a refusal shown with its
 * rule), the board's secretary enters each member's scores of both parts, the case page shows the
 * averages, totals and the winner, and the winner's appointment lands on their record.
 */
describe('competitive examination in the browser', () => {
  let town: DemoTown;
  let caseId = '';
  const today = vietnamToday();

  beforeAll(async () => {
    town = await startDemoTown('web_competitive_exam');
  });

  afterAll(async () => {
    await town?.close();
  });

  it('the clerk opens the examination from the post and registers the candidates', async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    // The post's link (Quản trị → Chức vụ: "Tổ chức thi tuyển chức danh này") opens this form.
    await page.goto(
      `${town.base}/cases/new?procedure=competitive_exam&position=${ORGANIZATION_HEAD_POST}`,
    );
    expect(await page.getByLabel('Thủ tục').inputValue()).toBe('competitive_exam');
    expect(await page.getByLabel('Quy trình').inputValue()).toBe('exam.leadership-post');
    expect(await page.getByLabel('Chọn chức vụ').inputValue()).toBe(ORGANIZATION_HEAD_POST);
    await page.getByLabel('Tóm tắt').fill('Thi tuyển Trưởng ban Tổ chức Thành ủy');
    // An examination appoints: a post that needs an approval in principle or an agreement (hiệp y)
    // takes its case id here (before: only an appointment's form had the fields).
    await page.locator('#open-approval').waitFor();
    await page.locator('#open-consultation').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    await page.getByTestId('case-for-post').waitFor();
    caseId = new URL(page.url()).pathname.split('/').pop()!;
    // Titled by what was opened (before: "— Bổ nhiệm", the procedure it runs as).
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toMatch(
      /^Thi tuyển chức danh lãnh đạo, quản lý — /,
    );
    await town
      .http()
      .post(`/cases/${caseId}/steps/exam-scheme`)
      .set(town.bearer('staff-1', ['organization_staff']))
      .send({ heldOn: today, minutesRef: 'KH-01', conclusion: 'Đề án thi tuyển được phê duyệt' })
      .expect(200);
    await page.reload();
    const form = page.getByTestId('exam-step');
    await form.waitFor();
    await form.getByLabel('Số biên bản').fill('BB-DK-01');
    const add = async (name: string, id: string) => {
      await form.getByLabel('Tìm người dự thi (họ tên)').fill(name);
      await form.locator(`#ex-person option[value="${id}"]`).waitFor({ state: 'attached' });
      await form.getByLabel('Thêm người dự thi').selectOption(id);
    };
    await add('Nguyễn Văn An', AN);
    // One candidate is too few: the refusal names the rule.
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    const refusal = form.locator('.error');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('Không đủ số người đăng ký để tổ chức thi tuyển');
    await add('Trần Thị Bình', BINH);
    expect(await form.getByTestId('exam-candidates').innerText()).toContain('Trần Thị Bình');
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByTestId('exam-results').waitFor();
    await screenshot(page, 'exam-registered');
    await page.context().close();
  });

  it("the board's secretary enters each member's scores; the page shows the result and the winner", async () => {
    const { page } = await signIn(town.browser, town.base, 'secretary-1');
    const part = async (minutesRef: string, an: string, binh: string) => {
      await page.goto(`${town.base}/cases/${caseId}`);
      const form = page.getByTestId('exam-step');
      await form.waitFor();
      await form.getByLabel('Số biên bản').fill(minutesRef);
      await form.getByLabel('Số thành viên hội đồng').fill('5');
      await form.getByLabel('Số thành viên có mặt chấm điểm').fill('5');
      await form.getByLabel('Điểm của từng thành viên hội đồng — Nguyễn Văn An').fill(an);
      await form.getByLabel('Điểm của từng thành viên hội đồng — Trần Thị Bình').fill(binh);
      return form;
    };
    // Four scores for five members present: the refusal shows on Nguyễn Văn An's field, by
    // name (before: in the box under the form, "4 scores for p-nguyen-van-an").
    const short = await part('BB-CH-01', '80, 82, 78, 80', '70, 70, 70, 70, 70');
    await short.getByRole('button', { name: 'Ghi nhận' }).click();
    const refused = short.locator(`#ex-scores\\.${AN}-error`);
    await refused.waitFor();
    expect(await refused.innerText()).toContain('Nguyễn Văn An');
    // The keyboard is taken to his scores (before: it stayed on «Ghi nhận»).
    await short.locator(`#ex-scores\\.${AN}:focus`).waitFor({ timeout: 5_000 });
    expect(await refused.innerText()).not.toContain(AN);
    // Decimals as Vietnamese writes them: 80,5 is 80.5 (before: two scores, 80 and 5).
    const written = await part('BB-CH-01', '80,5; 82; 77,5; 80; 80', '70, 70, 70, 70, 70');
    expect(await axeViolations(page)).toEqual([]);
    await written.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByText('Trình bày đề án và phỏng vấn', { exact: false }).first().waitFor();
    const interview = await part('BB-CH-02', '70, 70, 70, 70, 70', '85, 85, 85, 85, 85');
    await interview.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByTestId('case-appointee').getByText('Trần Thị Bình').waitFor();
    await page.context().close();

    // Staff see the board's scores (the secretary is not among the roles shown unannounced scores).
    const { page: staff } = await signIn(town.browser, town.base, 'staff-1');
    await staff.goto(`${town.base}/cases/${caseId}`);
    const results = staff.getByTestId('exam-results');
    await results.waitFor();
    expect(await results.locator(`[data-candidate="${BINH}"]`).innerText()).toContain(
      'TB 85 — tổng 155 — đạt',
    );
    expect(await results.locator(`[data-candidate="${AN}"]`).innerText()).toContain(
      'TB 80 — tổng 80 — đạt',
    );
    expect(await staff.getByTestId('exam-winner').innerText()).toBe(
      'Người trúng tuyển: Trần Thị Bình (tổng điểm cao nhất)',
    );
    await screenshot(staff, 'exam-result');
    await staff.context().close();
  });

  it("the result is announced and the leader's decision puts the post on the winner's record", async () => {
    await town
      .http()
      .post(`/cases/${caseId}/steps/result`)
      .set(town.bearer('staff-1', ['organization_staff']))
      .send({ heldOn: today, minutesRef: 'TB-01', conclusion: 'Công bố kết quả thi tuyển' })
      .expect(200);
    await town
      .http()
      .post(`/cases/${caseId}/steps/decision`)
      .set(town.bearer('leader-1', ['leadership']))
      .send({ heldOn: today, number: '215-QĐ/TU', signer: 'Bí thư Thành ủy', effectiveFrom: today })
      .expect(200);
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    let held = false;
    for (let tries = 0; tries < 60 && !held; tries += 1) {
      await page.goto(`${town.base}/cadres/${BINH}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      held = (await page.locator('body').innerText()).includes('215-QĐ/TU');
      if (!held) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(held).toBe(true);
    await screenshot(page, 'exam-winner-record');
    await page.context().close();
  });
});
