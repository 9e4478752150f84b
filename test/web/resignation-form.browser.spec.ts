import { addDays, vietnamToday } from '../support/registry-fixture';
import { signIn } from './support/browser';
import { AN, DemoTown, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

/** Phó Trưởng ban Tổ chức Thành ủy Hà Nội: the post Nguyễn Văn An holds in the demo. */
const DEPUTY_POST = 'pos-ha-noi-deputy-head-organization';

const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

/**
 * Từ chức in Chromium against the real service and the Hà Nội demo: a letter dated after today is
 * refused on its own field, and the decision that accepts the resignation (which ends the post)
 * says nothing of a term.
 */
describe('a resignation in the browser', () => {
  let town: DemoTown;
  const today = vietnamToday();

  beforeAll(async () => {
    town = await startDemoTown('web_resignation_form');
  });

  afterAll(async () => {
    await town?.close();
  });

  it('shows a letter dated after today refused on «Ngày nhận đơn xin từ chức», the day kept', async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/new?procedure=removal`);
    await page.getByLabel('Quy trình').selectOption('removal.resignation');
    await page.getByLabel('Tìm cán bộ theo tên').fill('nguyen van an');
    await page
      .getByLabel('Chọn cán bộ')
      .locator('option', { hasText: 'Nguyễn Văn An' })
      .waitFor({ state: 'attached' });
    await page.getByLabel('Chọn cán bộ').selectOption(AN);
    await page.getByLabel('Tìm chức vụ').fill('pho truong ban');
    await page
      .getByLabel('Chọn chức vụ')
      .locator(`option[value="${DEPUTY_POST}"]`)
      .waitFor({ state: 'attached' });
    await page.getByLabel('Chọn chức vụ').selectOption(DEPUTY_POST);
    await page.getByLabel('Tóm tắt').fill('Xem xét cho từ chức Phó Trưởng ban Tổ chức');
    const letterDay = page.locator('#grounds-letterReceivedOn');
    const later = ddmmyyyy(addDays(today, 13));
    await letterDay.fill(later);
    await page.locator('#grounds-reason').fill('Lý do sức khỏe');
    await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    // Under the field it is about (before: in the box below the form, the field unmarked).
    const refusal = page.locator('#grounds-letterReceivedOn-error');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain(
      'Ngày nhận đơn từ chức phải là một ngày không sau ngày hôm nay',
    );
    expect(await letterDay.getAttribute('aria-invalid')).toBe('true');
    expect(await letterDay.getAttribute('aria-describedby')).toBe('grounds-letterReceivedOn-error');
    expect(await letterDay.inputValue()).toBe(later);
    expect(await page.locator('.error').count()).toBe(0);
    await page.context().close();
  });

  it('accepting the resignation says nothing of a term: it ends the post', async () => {
    const staff = town.bearer('staff-1', ['organization_staff']);
    const secretary = town.bearer('secretary-1', ['ballot_secretary']);
    const caseId = 'c-web-resignation-decision';
    await town
      .http()
      .post('/cases')
      .set(staff)
      .send({
        id: caseId,
        procedure: 'removal',
        definition: 'removal.resignation',
        personId: AN,
        positionId: DEPUTY_POST,
        orgUnitId: 'ou-ha-noi-party-committee',
        summary: 'Xem xét cho từ chức',
        grounds: { letterReceivedOn: today, reason: 'Lý do sức khỏe' },
      })
      .expect(201);
    await town
      .http()
      .post(`/cases/${caseId}/steps/talk`)
      .set(staff)
      .send({ heldOn: today, conclusion: 'Giữ nguyện vọng từ chức' })
      .expect(200);
    await town
      .http()
      .post(`/cases/${caseId}/steps/leadership-ballot`)
      .set(secretary)
      .send({
        heldOn: today,
        minutesRef: 'BB-1',
        tally: {
          members: 13,
          summoned: 13,
          present: 13,
          for: 10,
          against: 3,
          abstain: 0,
          invalid: 0,
        },
      })
      .expect(200);
    const { page } = await signIn(town.browser, town.base, 'leader-1');
    await page.goto(`${town.base}/cases/${caseId}`);
    await page.locator('#current-step-title', { hasText: 'Quyết định cho từ chức' }).waitFor();
    await page.getByLabel('Số quyết định').waitFor();
    // Before: «Thời hạn giữ chức vụ theo quy định áp dụng cho hồ sơ (Quy định 377-QĐ/TW…), không
    // nhập tay.», a term the decision does not give.
    expect(await page.getByTestId('term-from-rule-set').count()).toBe(0);
    expect(await page.locator('form.step-form').innerText()).not.toContain('Thời hạn giữ chức vụ');
    await page.context().close();
  });
});
