import { addDays, vietnamToday } from '../support/registry-fixture';
import { signIn } from './support/browser';
import { AN, DemoTown, ORGANIZATION_HEAD_POST, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

const dmy = (day: string) => day.split('-').reverse().join('/');
const EM = 'p-hoang-van-em';
const CANDIDATES = [
  { personId: AN, votes: 16 },
  { personId: EM, votes: 8 },
];

/**
 * What a Vietnamese staff user found on the web app: a withdrawal the system made read in English
 * by "system:saga:case-record", a corrected nomination named its candidate by id, the access log's
 * purposes of the discipline screens read in English, the inspector's step said «do Kiểm tra», the
 * confirmation of «Không chấp thuận» did not close on Escape, and 31/11/2026 was refused as not
 * dd/mm/yyyy.
 */
describe('a Vietnamese reader meets no English, id or system account', () => {
  let town: DemoTown;
  const today = vietnamToday();
  const staff = () => town.bearer('staff-1', ['organization_staff']);
  const secretary = () => town.bearer('secretary-1', ['ballot_secretary']);
  const inspector = () => town.bearer('inspector-1', ['inspector']);
  const tally = {
    members: 13,
    summoned: 13,
    present: 13,
    for: 11,
    against: 2,
    abstain: 0,
    invalid: 0,
  };
  const nomination = (minutesRef: string, candidates: { personId: string; votes: number }[]) => ({
    minutesRef,
    members: 25,
    summoned: 25,
    present: 24,
    invalid: 0,
    candidates,
  });
  const step = (caseId: string, stepId: string, who: Record<string, string>, body: object) =>
    town
      .http()
      .post(`/cases/${caseId}/steps/${stepId}`)
      .set(who)
      .send({ heldOn: today, ...body })
      .then((r) => {
        if (r.status !== 200) throw new Error(`${stepId}: ${r.status} ${JSON.stringify(r.body)}`);
      });

  beforeAll(async () => {
    town = await startDemoTown('web_withdrawal_wording');
    // An's appointment to head the commission, its last step a nomination (Hoàng Văn Em 8).
    await town
      .http()
      .post('/cases')
      .set(staff())
      .send({
        id: 'c-head',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: AN,
        positionId: ORGANIZATION_HEAD_POST,
        orgUnitId: 'ou-ha-noi-party-committee',
        summary: 'Bổ nhiệm Trưởng ban Tổ chức Thành ủy',
      })
      .expect(201);
    await step('c-head', 'leadership-round-1', staff(), { minutesRef: 'BB-1', conclusion: 'Ok' });
    await step('c-head', 'expanded-nomination', secretary(), nomination('SNV-02', CANDIDATES));
    // A Party discipline case at the inspection committee's review.
    await town
      .http()
      .post('/discipline-cases')
      .set(inspector())
      .send({
        id: 'd-review',
        definition: 'discipline.party',
        personId: 'p-le-van-cuong',
        orgUnitId: 'ou-phuong-son-tay-party-committee',
        summary: 'Vi phạm quy định quản lý ngân sách',
        violation: {
          category: 'budget',
          committedOn: addDays(today, -30),
          description: 'Vi phạm quy định quản lý ngân sách',
          source: 'inspection',
          severity: 'warning',
        },
      })
      .expect(201);
    for (const [stepId, who, extra] of [
      ['verification', inspector(), { violationConfirmed: true }],
      ['self-criticism', staff(), {}],
    ] as const)
      await town
        .http()
        .post(`/discipline-cases/d-review/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, minutesRef: 'BB', conclusion: 'Kết luận', ...extra })
        .expect(200);
  });

  afterAll(async () => {
    await town?.close();
  });

  it("a corrected nomination names its candidate, before and after (before: 'p-hoang-van-em: 12')", async () => {
    const { context, page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/c-head`);
    await page.getByRole('button', { name: 'Sửa bước' }).click();
    const original = page.getByTestId('correct-step-original');
    await original.waitFor();
    expect(await original.innerText()).toContain('Hoàng Văn Em: 8');
    expect(await original.innerText()).not.toContain(EM);
    await page.getByLabel('Số biên bản').fill('SNV-02A');
    await page.getByLabel('Lý do sửa').fill('Số biên bản ghi nhầm');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByText('Đã sửa bước.').waitFor();
    const note = await page.getByTestId('step-correction').innerText();
    expect(note).toContain('Hoàng Văn Em: 8 · SNV-02');
    expect(note).not.toContain(EM);
    await context.close();
  });

  it('the access log names the discipline screens\' purposes in Vietnamese (before: "discipline decision")', async () => {
    // As the discipline screens read (OpenDisciplineCase, SameViolationPicker).
    await town
      .http()
      .get('/cadres/p-le-van-cuong')
      .set({ ...inspector(), 'X-Purpose': 'discipline case opening' })
      .expect(200);
    await town
      .http()
      .get('/discipline-records?person=p-le-van-cuong&limit=100')
      .set({ ...inspector(), 'X-Purpose': 'discipline decision' })
      .expect(200);
    const { context, page } = await signIn(town.browser, town.base, 'auditor-1');
    await page.goto(`${town.base}/audit`);
    const log = page.locator('table.grid', { has: page.getByText('Mục đích') });
    await log.getByRole('cell', { name: 'Mở hồ sơ kỷ luật', exact: true }).first().waitFor();
    await log
      .getByRole('cell', { name: 'Quyết định kỷ luật (đối chiếu cùng vi phạm)' })
      .first()
      .waitFor();
    expect(await log.innerText()).not.toMatch(/discipline decision|discipline case opening/);
    await context.close();
  });

  it("the inspection committee's step is said to be «Ủy ban kiểm tra»'s (before: «do Kiểm tra»)", async () => {
    const { context, page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/discipline-cases/d-review`);
    await page.getByText('Bước này do Ủy ban kiểm tra thực hiện.').waitFor();
    await context.close();
  });

  it('«Không chấp thuận» closes on Escape, focus back on it; a day the calendar has not is said so', async () => {
    const { context, page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/c-head`);
    const reject = page.getByRole('button', { name: 'Không chấp thuận' });
    await reject.click();
    const dialog = page.getByRole('alertdialog');
    await page.getByLabel('Lý do', { exact: true }).waitFor();
    await page.keyboard.press('Escape');
    // Before: only «Hủy» closed it.
    await dialog.waitFor({ state: 'detached' });
    // Focus back on the button that opened it, as «Hủy» gives it.
    const focused = () =>
      reject.evaluate((button) => {
        const element = button as unknown as { ownerDocument: { activeElement: unknown } };
        return element === element.ownerDocument.activeElement;
      });
    for (let tries = 0; tries < 50 && !(await focused()); tries++) await page.waitForTimeout(100);
    expect(await focused()).toBe(true);
    await context.close();
    // The current step's form (the secretary's ballot): 31/11/2026 is dd/mm/yyyy, but no day.
    const secretaryPage = await signIn(town.browser, town.base, 'secretary-1');
    await secretaryPage.page.goto(`${town.base}/cases/c-head`);
    await secretaryPage.page.getByLabel('Ngày họp / thực hiện (dd/mm/yyyy)').fill('31/11/2026');
    await secretaryPage.page.getByRole('button', { name: 'Ghi nhận' }).click();
    // Before: «Ngày theo dạng dd/mm/yyyy», though it was.
    await secretaryPage.page.getByText('Ngày 31/11/2026 không có thật').waitFor();
    await secretaryPage.context.close();
  });

  it('a withdrawal the record made reads in Vietnamese, the deciding case a link by its title, by «Hệ thống»', async () => {
    // An's re-appointment to the deputy post he holds: his term ends on 01/03/2027, and the
    // notice due before it opened the case (r-…).
    let reappointment: string | undefined;
    for (let tries = 0; tries < 300 && !reappointment; tries++) {
      if (tries) await new Promise((resolve) => setTimeout(resolve, 100));
      const record = await town.http().get(`/cadres/${AN}`).set(staff()).expect(200);
      reappointment = (record.body.openCases as { caseId: string; procedure: string }[]).find(
        (open) => open.procedure === 'reappointment',
      )?.caseId;
    }
    expect(reappointment).toMatch(/^r-/);
    const an = nomination('BB-4', CANDIDATES);
    await step('c-head', 'leadership-round-2', secretary(), { minutesRef: 'BB-3', tally });
    await step('c-head', 'key-officials-nomination', secretary(), an);
    await step('c-head', 'leadership-round-3', secretary(), { minutesRef: 'BB-5', tally });
    await step('c-head', 'vetting', staff(), {
      items: [
        'background',
        'asset_declaration',
        'political_standards',
        'residence_party_cell_opinion',
        'health',
      ].map((item) => ({ item, result: 'cleared', note: 'Đạt' })),
    });
    await step('c-head', 'decision', town.bearer('leader-1', ['leadership']), {
      number: '150-QĐ/TU',
      signer: 'Bí thư Thành ủy',
      effectiveFrom: today,
    });
    // The record saga withdraws it once the decision is on the record.
    let status = '';
    for (let tries = 0; tries < 300 && status !== 'withdrawn'; tries++) {
      if (tries) await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await town.http().get(`/cases/${reappointment}`).set(staff())).body.status;
    }
    expect(status).toBe('withdrawn');

    const { context, page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/${reappointment}`);
    const withdrawal = page.getByTestId('case-withdrawal');
    await withdrawal.waitFor();
    const reason = withdrawal.getByTestId('withdrawal-reason');
    const link = reason.getByRole('link');
    // The deciding case by its title, once read (before: "(case c-head)").
    await link.filter({ hasText: 'Nguyễn Văn An' }).waitFor();
    const text = await reason.innerText();
    expect(text).toMatch(
      new RegExp(
        `^Chức vụ kết thúc theo quyết định 150-QĐ/TU \\(${dmy(today)}\\) của hồ sơ «Bổ nhiệm[^»]* — Nguyễn Văn An — [^»]+»$`,
      ),
    );
    expect(await link.getAttribute('href')).toBe('/cases/c-head');
    // Before: "system:saga:case-record".
    expect(await withdrawal.getByTestId('withdrawn-by').innerText()).toBe('Hệ thống');
    expect(await withdrawal.innerText()).not.toMatch(/withdrawn|system:|\d{4}-\d{2}-\d{2}/);
    await link.click();
    await page.waitForURL(`${town.base}/cases/c-head`);
    await context.close();
  });
});
