import { vietnamToday } from '../support/registry-fixture';
import { axeViolations, signIn } from './support/browser';
import { AN, BINH, DemoTown, ORGANIZATION_HEAD_POST, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

/**
 * The nominees of a nomination in Chromium, for a case opened for a post without a person: the
 * key-officials nomination starts with the nominees carried over and no blank row above them, and
 * a name typed without choosing a person from the list is never sent as an id.
 */
describe('the nominees of a nomination in the browser', () => {
  let town: DemoTown;
  const caseId = 'c-web-nomination-candidates';
  const today = vietnamToday();

  beforeAll(async () => {
    town = await startDemoTown('web_nomination_candidates');
    const staff = town.bearer('staff-1', ['organization_staff']);
    const secretary = town.bearer('secretary-1', ['ballot_secretary']);
    await town
      .http()
      .post('/cases')
      .set(staff)
      .send({
        id: caseId,
        procedure: 'appointment',
        definition: 'appointment.internal',
        positionId: ORGANIZATION_HEAD_POST,
        orgUnitId: 'ou-ha-noi-party-committee',
        summary: 'Kiện toàn chức danh Trưởng ban Tổ chức Thành ủy',
      })
      .expect(201);
    const tally = (yes: number) => ({
      members: 13,
      summoned: 13,
      present: 13,
      for: yes,
      against: 13 - yes,
      abstain: 0,
      invalid: 0,
    });
    const steps: [string, Record<string, string>, object][] = [
      [
        'leadership-round-1',
        staff,
        { heldOn: today, minutesRef: 'BB-01', conclusion: 'Thống nhất' },
      ],
      [
        'expanded-nomination',
        secretary,
        {
          heldOn: today,
          minutesRef: 'BB-02',
          members: 25,
          summoned: 25,
          present: 24,
          invalid: 0,
          candidates: [
            { personId: AN, votes: 12 },
            { personId: BINH, votes: 11 },
          ],
        },
      ],
      [
        'leadership-round-2',
        secretary,
        {
          heldOn: today,
          minutesRef: 'BB-03',
          tallies: [
            { personId: AN, tally: tally(9) },
            { personId: BINH, tally: tally(8) },
          ],
        },
      ],
    ];
    for (const [stepId, who, body] of steps)
      await town.http().post(`/cases/${caseId}/steps/${stepId}`).set(who).send(body).expect(200);
  });

  afterAll(async () => {
    await town?.close();
  });

  it('starts with the nominees carried over, no blank row above them', async () => {
    const { page } = await signIn(town.browser, town.base, 'secretary-1');
    await page.goto(`${town.base}/cases/${caseId}`);
    await page.locator('#current-step-title', { hasText: 'chủ chốt' }).waitFor();
    // Before: a blank "Người được giới thiệu 1" above them, there again after a reload.
    await page.locator('#f-candidate-1-name', { hasText: 'Trần Thị Bình' }).waitFor();
    expect(await page.getByLabel('Người được giới thiệu 1').inputValue()).toBe('Nguyễn Văn An');
    expect(await page.getByLabel('Người được giới thiệu 2').inputValue()).toBe('Trần Thị Bình');
    expect(await page.locator('input[id^="f-candidate-"]').count()).toBe(2);
    await page.context().close();
  });

  it('refuses a name typed and not chosen on its field, and sends nothing', async () => {
    const { page } = await signIn(town.browser, town.base, 'secretary-1');
    const posted: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes(`/cases/${caseId}/steps/`))
        posted.push(r.url());
    });
    await page.goto(`${town.base}/cases/${caseId}`);
    await page.locator('#current-step-title', { hasText: 'chủ chốt' }).waitFor();
    await page.getByLabel('Số biên bản').fill('BB-04');
    for (const [label, value] of [
      ['Tổng số thành viên', '40'],
      ['Số được triệu tập', '40'],
      ['Số có mặt', '38'],
      ['Phiếu không hợp lệ', '0'],
    ])
      await page.getByLabel(label, { exact: true }).fill(value);
    // The row added is the last: the rows above it hold the nominees carried over.
    const candidates = page.locator('input[id^="f-candidate-"]');
    await page
      .locator('span[id^="f-candidate-"][id$="-name"]', { hasText: 'Trần Thị Bình' })
      .waitFor();
    const rows = (await candidates.count()) + 1;
    await page.getByRole('button', { name: 'Thêm người' }).click();
    await candidates.nth(rows - 1).waitFor();
    for (let n = 1; n < rows; n++)
      await page.getByLabel(`Số phiếu của người ${n}`, { exact: true }).fill('10');
    const added = page.getByLabel(`Người được giới thiệu ${rows}`);
    // A name typed and not chosen from the list: said on its field, nothing sent (before: the
    // name went out as personId and came back as an English 403 about a unit's grant).
    await added.fill('Phan Thị Quỳnh');
    await page.getByLabel(`Số phiếu của người ${rows}`, { exact: true }).fill('9');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page
      .locator(`#f-candidate-${rows - 1}-error`, { hasText: 'Chọn người từ danh sách' })
      .waitFor();
    expect(await page.locator('.error').count()).toBe(0);
    expect(posted).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);

    // Chosen from the list, the id goes in and the step is recorded.
    await page
      .locator(`#f-candidate-${rows - 1}-people option[value="p-phan-thi-quynh"]`)
      .waitFor({ state: 'attached' });
    await added.fill('p-phan-thi-quynh');
    await page.locator(`#f-candidate-${rows - 1}-name`, { hasText: 'Phan Thị Quỳnh' }).waitFor();
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.locator('#current-step-title', { hasText: 'lần 3' }).waitFor();
    expect(posted).toHaveLength(1);
    await page.context().close();
  });
});
