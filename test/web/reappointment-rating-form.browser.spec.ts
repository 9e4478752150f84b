import { AN, DemoTown, startDemoTown } from './support/town-fixture';
import { axeViolations, signIn } from './support/browser';
import { vietnamToday } from '../support/registry-fixture';

jest.setTimeout(300_000);

/**
 * The re-appointment the service opened for Nguyễn Văn An (term from 2022-03-01, no year rated on
 * his record): its vetting flags the term's unrated years, and the decision waits. The case page
 * says so in the decision's place, with the items and what to do, and gives the leader no decision
 * form (before: the full form, and a 422 after «Ghi nhận»); it links the person's record, where
 * staff record the missing ratings with «Ghi nhận kết quả đánh giá, xếp loại» (before: the page
 * listed «Không có» and offered no form); correcting the vetting then reads them, and the
 * decision goes through.
 */
describe('a re-appointment held back by unrated years, made decidable from the screens', () => {
  let town: DemoTown;
  let caseId: string;
  const today = vietnamToday();
  const thisYear = Number(today.slice(0, 4));

  beforeAll(async () => {
    town = await startDemoTown('web_reappointment_rating_form');
    const staff = town.bearer('staff-1', ['organization_staff']);
    const secretary = town.bearer('secretary-1', ['ballot_secretary']);
    const leader = town.bearer('leader-2', ['leadership']);
    // The notice of An's recorded term (ends 2027-03-01) opens the re-appointment.
    for (let i = 0; i < 120 && !caseId; i++) {
      const { body } = await town.http().get(`/cadres/${AN}`).set(staff).expect(200);
      caseId = (body.reappointmentsDue as { caseId?: string | null }[]).find((due) => due.caseId)
        ?.caseId as string;
      if (!caseId) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(caseId).toBeTruthy();
    const tally = (members: number, forVotes: number) => ({
      members,
      summoned: members,
      present: members,
      for: forVotes,
      against: members - forVotes,
      abstain: 0,
      invalid: 0,
    });
    const steps: [string, Record<string, string>, Record<string, unknown>][] = [
      ['self-assessment', staff, { minutesRef: 'BB-0', conclusion: 'Tự nhận xét' }],
      ['key-officials-confidence', secretary, { minutesRef: 'BB-1', tally: tally(40, 30) }],
      ['head-evaluation', leader, { minutesRef: 'BB-1a', conclusion: 'Đề nghị' }],
      ['leadership-ballot', secretary, { minutesRef: 'BB-2', tally: tally(13, 11) }],
      [
        'vetting',
        staff,
        {
          items: ['background', 'asset_declaration', 'political_standards', 'health'].map(
            (item) => ({ item, result: 'cleared' }),
          ),
        },
      ],
    ];
    for (const [stepId, who, body] of steps)
      await town
        .http()
        .post(`/cases/${caseId}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
  });

  afterAll(async () => {
    await town?.close();
  });

  it('tells the leader the flagged years hold the decision back, and gives no decision form', async () => {
    const { page } = await signIn(town.browser, town.base, 'leader-1');
    await page.goto(`${town.base}/cases/${caseId}`);
    const held = page.getByTestId('decision-held-back');
    await held.waitFor();
    const text = (await held.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Chưa thể ra quyết định');
    expect(text).toContain('Đánh giá, xếp loại trong nhiệm kỳ: Có vấn đề (theo hồ sơ)');
    expect(text).toContain('2022');
    expect(text).toContain('«Giải quyết»');
    expect(await page.getByLabel('Số quyết định').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Ghi nhận', exact: true }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    // The inbox lists it as held back, not as a decision ready to take.
    await page.getByRole('link', { name: 'Hộp việc' }).click();
    const row = page.locator('tr', { hasText: 'Nguyễn Văn An' }).filter({ hasText: 'Quyết định' });
    await row.first().waitFor();
    expect(await row.first().getByTestId('inbox-held-back').innerText()).toBe(
      'Chưa thể ra quyết định: chờ giải quyết nội dung thẩm định bị đánh dấu «Có vấn đề» (Đánh giá, xếp loại trong nhiệm kỳ)',
    );
    await page.context().close();
  });

  it('staff record the missing years on the person page, reached from the case, and the corrected vetting clears the flag', async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/${caseId}`);
    await page.getByTestId('update-record').click();
    await page.waitForURL(new RegExp(`/cadres/${AN}$`));
    const form = page.getByRole('form', { name: 'Ghi nhận kết quả đánh giá, xếp loại' });
    await form.waitFor();
    // Sent empty: each field says what it lacks, in Vietnamese.
    await form.getByRole('button', { name: 'Ghi nhận kết quả đánh giá' }).click();
    expect(await form.getByText('Chưa nhập năm đánh giá').count()).toBe(1);
    expect(await form.getByText('Chưa chọn mức xếp loại').count()).toBe(1);
    // Refused by the server on its field: evaluated before the year it rates.
    await form.getByLabel('Năm đánh giá').fill('2022');
    await form.getByLabel('Xếp loại chất lượng').selectOption({ label: 'Hoàn thành tốt nhiệm vụ' });
    await form.getByLabel('Ngày đánh giá (dd/mm/yyyy)').fill('15/12/2021');
    await form.getByLabel('Số quyết định, văn bản').fill('12-QĐ/TU');
    await form.getByRole('button', { name: 'Ghi nhận kết quả đánh giá' }).click();
    const dayError = form.locator('#rating-record-evaluated-on-error');
    await dayError.waitFor();
    expect(await dayError.innerText()).toContain('Ngày đánh giá trước năm được đánh giá');
    for (let year = 2022; year < thisYear; year++) {
      await form.getByLabel('Năm đánh giá').fill(String(year));
      await form
        .getByLabel('Xếp loại chất lượng')
        .selectOption({ label: 'Hoàn thành tốt nhiệm vụ' });
      await form.getByLabel('Ngày đánh giá (dd/mm/yyyy)').fill(`20/12/${year}`);
      await form.getByLabel('Số quyết định, văn bản').fill(`${year - 2000}-QĐ/TU`);
      await form.getByRole('button', { name: 'Ghi nhận kết quả đánh giá' }).click();
      await page.getByTestId('ratings').getByText(`Năm ${year}: Hoàn thành tốt nhiệm vụ`).waitFor();
    }
    expect(await axeViolations(page)).toEqual([]);

    // Back on the case: the vetting, corrected, reads the record again.
    await page.goto(`${town.base}/cases/${caseId}`);
    await page.getByRole('button', { name: 'Sửa bước', exact: true }).click();
    await page.getByLabel('Lý do sửa').fill('Đã cập nhật kết quả đánh giá, xếp loại trên hồ sơ');
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.getByText('Đã sửa bước.').waitFor();
    expect(await page.getByTestId('decision-held-back').count()).toBe(0);
    const termRating = page
      .getByTestId('vetting-results')
      .last()
      .locator('[data-item="term_rating"]');
    expect(await termRating.getAttribute('data-result')).toBe('cleared');
    await page.context().close();
  });

  it('the leader then takes the decision', async () => {
    const { page } = await signIn(town.browser, town.base, 'leader-1');
    await page.getByRole('link', { name: 'Hộp việc' }).click();
    const row = page.locator('tr', { hasText: 'Nguyễn Văn An' }).filter({ hasText: 'Quyết định' });
    await row.first().waitFor();
    expect(await row.first().getByTestId('inbox-held-back').count()).toBe(0);
    await page.goto(`${town.base}/cases/${caseId}`);
    await page.getByLabel('Số quyết định').fill('215-QĐ/TU');
    await page.getByLabel('Người ký').fill('Bí thư Thành ủy');
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.getByTestId('case-decided').or(page.getByText('Đã ghi nhận.')).first().waitFor();
    const { body } = await town
      .http()
      .get(`/cases/${caseId}`)
      .set(town.bearer('staff-1', ['organization_staff']))
      .expect(200);
    expect(body.status).toBe('decided');
    await page.context().close();
  });
});
