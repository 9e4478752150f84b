import { vietnamToday } from '../support/registry-fixture';
import { screenshot, signIn } from './support/browser';
import { BINH, DemoTown, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

const DEPUTY_HEAD = 'pos-phuong-son-tay-deputy-head-culture-society';
const DEPUTY_HEAD_TITLE = 'Phó Trưởng phòng Văn hóa - Xã hội phường Sơn Tây';
const DIRECTOR_TITLE = 'Giám đốc Sở Nội vụ thành phố Hà Nội';

/** The staff items of appointment.internal's vetting; the others are read from the record. */
const STAFF_ITEMS = [
  'background',
  'asset_declaration',
  'political_standards',
  'residence_party_cell_opinion',
  'health',
];

/**
 * What vetting read off Trần Thị Bình's record, appointed to a post lower than the one she holds
 * (Phó Giám đốc Sở Nội vụ → Phó Trưởng phòng phường Sơn Tây), in Vietnamese with the posts by
 * their titles on the case page, the leader's view and the audit; and the audit's access log
 * naming who read by the name their sign-in gave. Before: "Thời gian công tác còn lại: Đạt — not
 * a higher post (pos-phuong-son-tay-… rank 1, holds rank 4): …", "… vào chức vụ
 * pos-ha-noi-director-home-affairs (112-QĐ/TU)", and «Ai» "auditor-1".
 */
describe("vetting's notes from the record, and who read, in Vietnamese and by name", () => {
  let town: DemoTown;
  const caseId = 'c-web-vetting-notes-named';
  const today = vietnamToday();

  beforeAll(async () => {
    town = await startDemoTown('web_vetting_notes_named');
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
        personId: BINH,
        positionId: DEPUTY_HEAD,
        orgUnitId: 'ou-phuong-son-tay-peoples-committee',
        summary: 'Bổ nhiệm Phó Trưởng phòng Văn hóa - Xã hội phường Sơn Tây',
      })
      .expect(201);
    const nomination = (minutesRef: string) => ({
      heldOn: today,
      minutesRef,
      members: 25,
      summoned: 25,
      present: 24,
      invalid: 0,
      candidates: [{ personId: BINH, votes: 16 }],
    });
    const tally = (minutesRef: string) => ({
      heldOn: today,
      minutesRef,
      tally: {
        members: 13,
        summoned: 13,
        present: 13,
        for: 10,
        against: 3,
        abstain: 0,
        invalid: 0,
      },
    });
    const steps: [string, Record<string, string>, object][] = [
      [
        'leadership-round-1',
        staff,
        { heldOn: today, minutesRef: 'BB-01', conclusion: 'Thống nhất' },
      ],
      ['expanded-nomination', secretary, nomination('BB-02')],
      ['leadership-round-2', secretary, tally('BB-03')],
      ['key-officials-nomination', secretary, nomination('BB-04')],
      ['leadership-round-3', secretary, tally('BB-05')],
      [
        'vetting',
        staff,
        {
          heldOn: today,
          minutesRef: 'BB-06',
          items: STAFF_ITEMS.map((item) => ({ item, result: 'cleared', note: 'Đạt' })),
        },
      ],
    ];
    for (const [stepId, who, body] of steps)
      await town.http().post(`/cases/${caseId}/steps/${stepId}`).set(who).send(body).expect(200);
  });

  afterAll(async () => {
    await town?.close();
  });

  /** The recorded vetting as a page shows it, each line read in Vietnamese with titles. */
  async function expectNotesInVietnamese(text: string) {
    expect(text).toContain(
      `Thời gian công tác còn lại: Đạt (theo hồ sơ) — Không phải chức vụ cao hơn (${DEPUTY_HEAD_TITLE} bậc 1, đang giữ chức vụ bậc 4): thời gian công tác còn lại chỉ xét khi bổ nhiệm chức vụ cao hơn`,
    );
    expect(text).toContain(
      `Trong quy hoạch nhiệm kỳ 2025-2030 vào chức vụ ${DIRECTOR_TITLE} (112-QĐ/TU)`,
    );
    expect(text).not.toMatch(/pos-|not a higher post|planning pool|rank \d/);
  }

  it('the case page and the leader read the notes in Vietnamese, posts by their titles', async () => {
    for (const user of ['staff-1', 'leader-1']) {
      const { page } = await signIn(town.browser, town.base, user);
      await page.goto(`${town.base}/cases/${caseId}`);
      const results = page.getByTestId('vetting-results');
      await results.getByText(DEPUTY_HEAD_TITLE, { exact: false }).waitFor();
      await expectNotesInVietnamese((await results.innerText()).replace(/\s+/g, ' '));
      await screenshot(page, `vetting-notes-named-${user}`);
      await page.context().close();
    }
  });

  it('the audit reads them too, and its access log names who read by name', async () => {
    const { page } = await signIn(town.browser, town.base, 'auditor-1');
    await page.goto(`${town.base}/cases/${caseId}/history`);
    const results = page.getByTestId('vetting-results');
    await results.getByText(DEPUTY_HEAD_TITLE, { exact: false }).waitFor();
    await expectNotesInVietnamese((await results.innerText()).replace(/\s+/g, ' '));

    // Reading the case's history is logged; «Ai» names the auditor as their sign-in did.
    await page.goto(`${town.base}/audit`);
    await page.getByRole('heading', { name: 'Nhật ký truy cập' }).waitFor();
    // «Đọc gì» names the case by whom it is about, as a cadre read is named (before: «Lịch sử hồ
    // sơ: c-web-vetting-notes-named»); the route stays in the tooltip.
    const row = page
      .getByTestId('access-log')
      .locator('tbody tr', {
        hasText: 'Lịch sử hồ sơ: Trần Thị Bình',
      })
      .first();
    await row.waitFor();
    expect(await row.locator('td').nth(1).innerText()).toBe('Thanh tra viên');
    expect(await row.locator('td').nth(2).innerText()).toBe('Lịch sử hồ sơ: Trần Thị Bình');
    await screenshot(page, 'access-log-by-name');
    await page.context().close();
  });
});
