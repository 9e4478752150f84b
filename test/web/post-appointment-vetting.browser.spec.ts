import { vietnamToday } from '../support/registry-fixture';
import { axeViolations, screenshot, signIn } from './support/browser';
import { AN, DemoTown, ORGANIZATION_HEAD_POST, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

/** The items the server reads from the nominee's record. */
const RECORD_ITEMS = ['planning_pool', 'years_in_post', 'years_to_retirement', 'discipline_bar'];

/**
 * Lê Văn Cường: chair of a ward since 27/03/2026, in no planning pool; the final ballot chooses
 * him, and his record flags the planning pool (and the years in post until 2028).
 */
const CUONG = 'p-le-van-cuong';

/** The staff items of appointment.internal@3's vetting; the others are read from the record. */
const STAFF_ITEMS = [
  'background',
  'asset_declaration',
  'political_standards',
  'residence_party_cell_opinion',
  'health',
];

/**
 * The vetting and the decision of a case opened for a post, in Chromium: the final ballot chose
 * Lê Văn Cường, and the vetting form shows what An's record says of the items the server reads
 * from it (before: the page asked for /cadres//eligibility, the case having no person, and those
 * rows said only "Lấy từ hồ sơ…"); the recorded vetting lists each item's result, the flagged
 * ones marked; the leader's decision, refused while an item stays flagged, reads in Vietnamese
 * (before: the server's English, with ISO days).
 */
describe('vetting and deciding a case opened for a post, in the browser', () => {
  let town: DemoTown;
  const caseId = 'c-web-post-vetting';
  const today = vietnamToday();

  beforeAll(async () => {
    town = await startDemoTown('web_post_vetting');
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
    const nomination = (minutesRef: string) => ({
      heldOn: today,
      minutesRef,
      members: 25,
      summoned: 25,
      present: 24,
      invalid: 0,
      candidates: [
        { personId: AN, votes: 12 },
        { personId: CUONG, votes: 11 },
      ],
    });
    const ballot = (minutesRef: string, an: number, cuong: number) => ({
      heldOn: today,
      minutesRef,
      tallies: [
        { personId: AN, tally: tally(an) },
        { personId: CUONG, tally: tally(cuong) },
      ],
    });
    const steps: [string, Record<string, string>, object][] = [
      [
        'leadership-round-1',
        staff,
        { heldOn: today, minutesRef: 'BB-01', conclusion: 'Thống nhất' },
      ],
      ['expanded-nomination', secretary, nomination('BB-02')],
      ['leadership-round-2', secretary, ballot('BB-03', 9, 8)],
      ['key-officials-nomination', secretary, nomination('BB-04')],
      // The final ballot: Cường passes, An does not; Cường is the nominee the case is now about.
      ['leadership-round-3', secretary, ballot('BB-05', 4, 9)],
    ];
    for (const [stepId, who, body] of steps)
      await town.http().post(`/cases/${caseId}/steps/${stepId}`).set(who).send(body).expect(200);
  });

  afterAll(async () => {
    await town?.close();
  });

  function tally(yes: number) {
    return {
      members: 13,
      summoned: 13,
      present: 13,
      for: yes,
      against: 13 - yes,
      abstain: 0,
      invalid: 0,
    };
  }

  it("the vetting form shows what the chosen nominee's record says; the recorded vetting lists each item's result", async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    const eligibilityAsked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/eligibility')) eligibilityAsked.push(new URL(r.url()).pathname);
    });
    await page.goto(`${town.base}/cases/${caseId}`);
    // Each item read from the record says what Cường's record gives, not only "Lấy từ hồ sơ…".
    const preview: Record<string, string> = {};
    for (const item of RECORD_ITEMS) {
      const hint = page
        .getByTestId(`vetting-item-${item}`)
        .locator('.hint', { hasText: 'Theo hồ sơ:' });
      await hint.waitFor();
      preview[item] = await hint.innerText();
    }
    expect(eligibilityAsked).toEqual([`/cadres/${CUONG}/eligibility`]);
    expect(await page.getByTestId('case-appointee').innerText()).toContain('Lê Văn Cường');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'post-case-vetting-form');

    await page.getByLabel('Số biên bản').fill('BB-06');
    for (const item of STAFF_ITEMS) await page.locator(`#f-item-${item}`).selectOption('cleared');
    // The form says beforehand what the record flags: no planning pool for the post.
    expect(await page.getByTestId('vetting-item-planning_pool').innerText()).toContain(
      'Theo hồ sơ: Có vấn đề — Chưa được quy hoạch',
    );
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    const results = page.getByTestId('vetting-results');
    await results.locator('li[data-item="years_in_post"]').waitFor();
    const view = await town
      .http()
      .get(`/cases/${caseId}`)
      .set(town.bearer('staff-1', ['organization_staff']))
      .expect(200);
    const vetting = view.body.vetting as Record<string, { result: string }>;
    // What the form said beforehand is what the vetting then recorded from the record (before:
    // the years to retirement said "Đạt" and were flagged).
    for (const item of RECORD_ITEMS)
      expect({ item, preview: preview[item] }).toEqual({
        item,
        preview: expect.stringMatching(
          vetting[item].result === 'flagged' ? /^Theo hồ sơ: Có vấn đề — / : /^Theo hồ sơ: Đạt/,
        ),
      });
    for (const item of [...STAFF_ITEMS, ...RECORD_ITEMS]) {
      const line = results.locator(`li[data-item="${item}"]`);
      expect(await line.getAttribute('data-result')).toBe(vetting[item].result);
      const text = await line.innerText();
      expect(text).toContain(vetting[item].result === 'flagged' ? 'Có vấn đề' : 'Đạt');
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
    const pool = results.locator('li[data-item="planning_pool"]');
    expect(await pool.getAttribute('data-result')).toBe('flagged');
    expect(await pool.locator('.badge.danger').innerText()).toBe('Có vấn đề');
    expect(await pool.innerText()).toContain('Chưa được quy hoạch vào chức vụ Trưởng ban Tổ chức');
    expect(await results.locator('li[data-item="years_in_post"]').innerText()).toMatch(
      /^Thời gian giữ chức vụ: (Đạt|Có vấn đề) \(theo hồ sơ\) — /,
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'post-case-vetting-recorded');
    await page.context().close();
  });

  it("the leader's decision, held back by a flagged item, is not offered: the page says why and what to do", async () => {
    const { page } = await signIn(town.browser, town.base, 'leader-1');
    await page.goto(`${town.base}/cases/${caseId}`);
    // Before: the full decision form, and the refusal (vetting.flagged_item_blocks_decision) only
    // after «Ghi nhận»; now the page says so in the form's place.
    const held = page.getByTestId('decision-held-back');
    await held.waitFor();
    const text = await held.innerText();
    expect(text).toContain('Chưa thể ra quyết định');
    // The flagged items by their titles, each with what the record says, and what can be done.
    expect(text).toMatch(
      /Quy hoạch: Có vấn đề \(theo hồ sơ\) — Chưa được quy hoạch vào chức vụ Trưởng ban Tổ chức/,
    );
    expect(text).toMatch(/«Sửa bước»/);
    expect(text).toMatch(/«Không chấp thuận»/);
    expect(text).not.toMatch(/flagged|resolve|needs|months|\d{4}-\d{2}-\d{2}/);
    expect(await page.getByLabel('Số quyết định').count()).toBe(0);
    await screenshot(page, 'post-case-decision-refused');
    await page.context().close();
  });
});
