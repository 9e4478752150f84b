import { Page, Request } from 'playwright-core';
import { addDays, vietnamToday } from '../support/registry-fixture';
import { signIn } from './support/browser';
import { BINH, DemoTown, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

const CASE = 'd-web-ballot-counts';

/**
 * The discipline council's secret-ballot form marks every count required («*», aria-required),
 * catches a missing or invalid count before sending, on its field, in Vietnamese, and shows a
 * refusal of the server naming a count on that count's field (before: no «*», sent empty, and
 * «tally.members phải lớn hơn hoặc bằng 1» in the box under the form).
 */
describe('the discipline council ballot form checks its counts', () => {
  let town: DemoTown;
  const today = vietnamToday();

  beforeAll(async () => {
    town = await startDemoTown('web_discipline_ballot_counts');
    const inspector = town.bearer('inspector-1', ['inspector']);
    await town
      .http()
      .post('/discipline-cases')
      .set(inspector)
      .send({
        id: CASE,
        definition: 'discipline.civil-service',
        personId: BINH,
        orgUnitId: 'ou-ha-noi-home-affairs',
        summary: 'Vi phạm quy định quản lý đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -200),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
        },
      })
      .expect(201);
    for (const [stepId, who, extra] of [
      ['verification', inspector, { violationConfirmed: true }],
      ['self-criticism', town.bearer('staff-1', ['organization_staff']), {}],
      ['review', inspector, {}],
    ] as const)
      await town
        .http()
        .post(`/discipline-cases/${CASE}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, minutesRef: `BB-${stepId}`, conclusion: 'Kết luận', ...extra })
        .expect(200);
  });

  afterAll(async () => {
    await town?.close();
  });

  const field = (page: Page, label: string) =>
    page.locator('.field').filter({ has: page.getByLabel(label, { exact: true }) });
  const COUNTS = [
    'Tổng số thành viên',
    'Số được triệu tập',
    'Số có mặt',
    'Phiếu không hợp lệ',
    'Không kỷ luật',
  ];

  it('marks every count, holds back what is missing or wrong and shows the server on the field', async () => {
    const { context, page } = await signIn(town.browser, town.base, 'secretary-1');
    const sent: Request[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/steps/ballot'))
        sent.push(request);
    });
    await page.goto(`${town.base}/discipline-cases/${CASE}`);
    await page.getByLabel('Số biên bản').fill('BB-HDKL');
    for (const label of COUNTS) {
      await page.getByLabel(label, { exact: true }).waitFor();
      expect(await page.getByLabel(label, { exact: true }).getAttribute('aria-required')).toBe(
        'true',
      );
      expect(await field(page, label).locator('.required-mark').innerText()).toBe('*');
    }
    const submit = page.getByRole('button', { name: 'Ghi nhận' });
    // Nothing typed: each count says so, nothing is sent.
    await submit.click();
    for (const label of COUNTS)
      expect(await field(page, label).locator('.field-error').innerText()).toContain('Bắt buộc');
    // Not whole numbers, none on the council, more present than summoned: each on its field.
    await page.getByLabel('Tổng số thành viên', { exact: true }).fill('0');
    await page.getByLabel('Số được triệu tập', { exact: true }).fill('5');
    await page.getByLabel('Số có mặt', { exact: true }).fill('6');
    await page.getByLabel('Phiếu không hợp lệ', { exact: true }).fill('1.5');
    await page.getByLabel('Không kỷ luật', { exact: true }).fill('-1');
    await submit.click();
    const error = (label: string) => field(page, label).locator('.field-error').innerText();
    expect(await error('Tổng số thành viên')).toContain('Phải có ít nhất 1 thành viên');
    expect(await error('Số có mặt')).toContain('6 có mặt nhưng chỉ 5 được triệu tập');
    expect(await error('Phiếu không hợp lệ')).toContain('Phải là số nguyên không âm');
    expect(await error('Không kỷ luật')).toContain('Phải là số nguyên không âm');
    expect(sent).toHaveLength(0);
    // Votes that do not add up to those present (3 + 5 of 7): held back on «Số có mặt», as the
    // server would refuse them (tally.inconsistent), and the summary says it as a problem.
    for (const [label, value] of [
      ['Tổng số thành viên', '7'],
      ['Số được triệu tập', '7'],
      ['Số có mặt', '7'],
      ['Phiếu không hợp lệ', '0'],
      ['Không kỷ luật', '3'],
      ['Số phiếu: Khiển trách', '5'],
    ])
      await page.getByLabel(label, { exact: true }).fill(value);
    const live = page.getByTestId('form-ballot-live').locator('.verdict');
    expect(await live.getAttribute('data-verdict')).toBe('invalid_tally');
    expect(await live.innerText()).toContain(
      'Số phiếu các hình thức + không kỷ luật + không hợp lệ = 8, nhưng có mặt 7',
    );
    expect(
      await page.evaluate(
        `getComputedStyle(document.querySelector('[data-testid="form-ballot-live"] .verdict')).backgroundColor`,
      ),
    ).toBe('rgb(255, 235, 233)');
    await submit.click();
    expect(await error('Số có mặt')).toContain(
      'Số phiếu các hình thức + không kỷ luật + không hợp lệ = 8, nhưng có mặt 7',
    );
    expect(sent).toHaveLength(0);
    await page.getByLabel('Số phiếu: Khiển trách', { exact: true }).fill('');
    await page.getByLabel('Số được triệu tập', { exact: true }).fill('5');
    // What the form does not judge (a council past the server's bound) is the server's: on the field.
    await page.getByLabel('Tổng số thành viên', { exact: true }).fill('200000');
    await page.getByLabel('Số có mặt', { exact: true }).fill('5');
    await page.getByLabel('Phiếu không hợp lệ', { exact: true }).fill('0');
    await page.getByLabel('Không kỷ luật', { exact: true }).fill('1');
    await page.getByLabel('Số phiếu: Cảnh cáo', { exact: true }).fill('4');
    await submit.click();
    const refused = field(page, 'Tổng số thành viên').locator('.field-error');
    await refused.waitFor();
    expect(sent).toHaveLength(1);
    const text = await refused.innerText();
    expect(text).toContain('Tổng số thành viên phải nhỏ hơn hoặc bằng 100000');
    expect(text).not.toMatch(/tally\.|members/);
    expect(await page.locator('form .error[role="alert"]').count()).toBe(0);
    await context.close();
  });
});
