import { addDays, vietnamToday } from '../support/registry-fixture';
import { signIn } from './support/browser';
import { DemoTown, startDemoTown } from './support/town-fixture';
import { movableClock } from '../support/movable-clock';

jest.setTimeout(300_000);

const WARD = 'ou-phuong-son-tay-party-committee';
const dmy = (day: string) => day.split('-').reverse().join('/');

/**
 * What outside testers found on the Vietnamese screens of the Hà Nội demo: ids, parameter names,
 * English text and ISO dates where a reader expects names, Vietnamese and dd/mm/yyyy.
 */
describe('the screens speak Vietnamese with names and dd/mm/yyyy', () => {
  let town: DemoTown;
  const today = vietnamToday();
  const decidedOn = addDays(today, -10);
  // Set back while a case is opened and decided on its day: no step is dated before the opening.
  const clock = movableClock();
  const inspector = () => town.bearer('inspector-1', ['inspector']);

  /** A Party warning decided on `heldOn` with decision number `number`. */
  async function decidedDiscipline(id: string, personId: string, number: string, heldOn: string) {
    clock.setDay(heldOn);
    await town
      .http()
      .post('/discipline-cases')
      .set(inspector())
      .send({
        id,
        definition: 'discipline.party',
        personId,
        orgUnitId: WARD,
        summary: 'Vi phạm quy định quản lý ngân sách',
        violation: {
          category: 'budget',
          committedOn: addDays(heldOn, -30),
          description: 'Vi phạm quy định quản lý ngân sách',
          source: 'inspection',
          severity: 'warning',
        },
      })
      .expect(201);
    for (const [stepId, who, extra] of [
      ['verification', inspector(), { violationConfirmed: true }],
      ['self-criticism', town.bearer('staff-1', ['organization_staff']), {}],
      ['review', inspector(), {}],
    ] as const)
      await town
        .http()
        .post(`/discipline-cases/${id}/steps/${stepId}`)
        .set(who)
        .send({ heldOn, minutesRef: 'BB', conclusion: 'Kết luận', ...extra })
        .expect(200);
    await town
      .http()
      .post(`/discipline-cases/${id}/steps/ballot`)
      .set(town.bearer('secretary-1', ['ballot_secretary']))
      .send({
        heldOn,
        minutesRef: 'BB',
        tally: {
          members: 5,
          summoned: 5,
          present: 5,
          invalid: 0,
          noDiscipline: 0,
          votesByForm: { warning: 5 },
        },
      })
      .expect(200);
    await town
      .http()
      .post(`/discipline-cases/${id}/steps/decision`)
      .set(town.bearer('leader-1', ['leadership']))
      .send({ heldOn, number, signer: 'Chủ nhiệm UBKT', form: 'warning', effectiveFrom: heldOn })
      .expect(200);
    clock.reset();
  }

  /** A re-appointment of `personId` to the post they hold, its steps taken up to the decision. */
  async function reappointmentUpToDecision(id: string, personId: string) {
    const staff = town.bearer('staff-1', ['organization_staff']);
    const secretary = town.bearer('secretary-1', ['ballot_secretary']);
    await town
      .http()
      .post('/cases')
      .set(staff)
      .send({
        id,
        procedure: 'reappointment',
        definition: 'reappointment.standard',
        personId,
        positionId: 'pos-ha-noi-deputy-director-home-affairs',
        orgUnitId: 'ou-ha-noi',
        summary: 'Bổ nhiệm lại Phó Giám đốc Sở Nội vụ',
      })
      .expect(201);
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
      ['self-assessment', staff, { conclusion: 'Hoàn thành tốt nhiệm vụ' }],
      ['key-officials-confidence', secretary, { minutesRef: 'BB-1', tally: tally(40, 30) }],
      ['head-evaluation', town.bearer('leader-1', ['leadership']), { conclusion: 'Đề nghị' }],
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
        .post(`/cases/${id}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
    // The demo record has no yearly ratings: the vetting flags the term's years, staff resolve it.
    await town
      .http()
      .post(`/cases/${id}/vetting/term_rating/resolve`)
      .set(staff)
      .send({ note: 'Kết quả xếp loại các năm lưu tại hồ sơ giấy' })
      .expect(200);
  }

  beforeAll(async () => {
    town = await startDemoTown('web_vietnamese_wording', { clock });
    await decidedDiscipline('d-wording', 'p-le-van-cuong', '120-QĐ/TU', decidedOn);
    await reappointmentUpToDecision('r-binh', 'p-tran-thi-binh');
  });

  afterAll(async () => {
    await town?.close();
  });

  it("a decision number's date reads dd/mm/yyyy on the person's discipline table and in the register", async () => {
    const { context, page } = await signIn(town.browser, town.base, 'inspector-1', {
      viewport: { width: 1400, height: 900 },
    });
    const shown = `120-QĐ/TU (${dmy(decidedOn)})`;
    await page.goto(`${town.base}/cadres/p-le-van-cuong`);
    const disciplineTable = page.locator('table.grid', { hasText: 'Cảnh cáo' });
    await disciplineTable.waitFor();
    expect(await disciplineTable.innerText()).toContain(shown);
    expect(await disciplineTable.innerText()).not.toContain(decidedOn);

    await page.getByRole('link', { name: 'Sổ theo dõi kỷ luật' }).click();
    const row = page.locator('table.grid tbody tr', { hasText: 'Lê Văn Cường' });
    for (let i = 0; i < 60 && !(await row.isVisible()); i++) {
      await page.waitForTimeout(250);
      await page.reload();
    }
    expect(await row.innerText()).toContain(shown);
    expect(await row.innerText()).not.toContain(decidedOn);
    await context.close();
  });

  it("the report's planning targets cite their instrument in Vietnamese after 'Căn cứ'", async () => {
    const { context, page } = await signIn(town.browser, town.base, 'staff-1');
    await page.getByRole('link', { name: 'Báo cáo' }).click();
    const pool = page.getByTestId('pool');
    await pool.waitFor();
    const text = await pool.innerText();
    expect(text).toMatch(/Căn cứ\nQuy định 377-QĐ\/TW — chưa đối chiếu văn bản gốc\n?$/);
    expect(text).not.toMatch(/article|not checked|in force from/);
    await context.close();
  });

  it('the discipline case names its procedure and rules, not their ids', async () => {
    const { context, page } = await signIn(town.browser, town.base, 'inspector-1');
    await page.goto(`${town.base}/discipline-cases/d-wording`);
    const facts = page.locator('dl.facts').first();
    await facts.getByText('Quy trình').waitFor();
    const text = await facts.innerText();
    expect(text).toMatch(/Quy trình\nThi hành kỷ luật đảng viên \(v\d+\)/);
    expect(text).toMatch(/Bộ quy định\nCác quy định có hiệu lực ngày \d\d\/\d\d\/\d{4}/);
    expect(text).not.toMatch(/discipline\.party@|party-\d{4}/);
    await context.close();
  });

  it('the access log says in Vietnamese what was read and whose record, the route in the tooltip', async () => {
    await town
      .http()
      .get('/cadres/p-le-van-cuong')
      .set(town.bearer('staff-1', ['organization_staff']))
      .expect(200);
    const { context, page } = await signIn(town.browser, town.base, 'auditor-1');
    await page.goto(`${town.base}/audit`);
    const read = page.getByRole('cell', { name: 'Hồ sơ cán bộ: Lê Văn Cường' }).first();
    await read.waitFor();
    expect(await read.getAttribute('title')).toBe('GET /cadres/p-le-van-cuong');
    const log = await page.locator('table.grid', { has: page.getByText('Đọc gì') }).innerText();
    expect(log).not.toMatch(/person record|GET \//);
    await context.close();
  });

  it("the re-appointment decision starts on the current term's end, and a refusal cites the lead time in days", async () => {
    const { context, page } = await signIn(town.browser, town.base, 'leader-1');
    await page.goto(`${town.base}/cases/r-binh`);
    const effectiveFrom = page.getByLabel('Hiệu lực từ (dd/mm/yyyy)');
    await effectiveFrom.waitFor();
    // The term held ends on 15/06/2027 (seeds/demo): before, the form offered today, always refused.
    expect(await effectiveFrom.inputValue()).toBe('15/06/2027');
    await page.getByLabel('Số quyết định').fill('302-QĐ/UBND');
    await page.getByLabel('Người ký').fill('Chủ tịch UBND Thành phố');
    // A day before it is refused; the refusal cites the case's lead time: 90 calendar days under
    // Nghị định 170/2025 art. 39(1), as the case's facts (before: 90 working days under Quy định
    // 377-QĐ/TW, the Party's figure, which the State track had taken).
    await effectiveFrom.fill(dmy(today));
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    const refusal = page.locator('.field-error, [id$="-error"]', { hasText: 'Máy chủ từ chối' });
    await refusal.first().waitFor();
    const text = await refusal.first().innerText();
    expect(text).toContain('Nhiệm kỳ mới không bắt đầu trước khi nhiệm kỳ đang giữ kết thúc');
    expect(text).toContain('90 ngày trước ngày hết nhiệm kỳ (Nghị định 170/2025/NĐ-CP, Điều 39(1)');
    expect(text).not.toMatch(
      /ngày làm việc trước ngày hết nhiệm kỳ|Quy định 377|90 days|effectiveFrom/,
    );
    await effectiveFrom.fill('15/06/2027');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.locator('[data-testid="case-status"]', { hasText: 'Đã quyết định' }).waitFor();
    await context.close();
  });

  it("a commune's staff are offered only their commune's units and posts", async () => {
    const { context, page } = await signIn(town.browser, town.base, 'staff-doai-phuong');
    const values = (select: string) =>
      page
        .locator(`${select} option`)
        .evaluateAll((options) =>
          options.map((o) => (o as unknown as { value: string }).value).filter(Boolean),
        );
    await page.goto(`${town.base}/planning-reviews`);
    await page.getByLabel('Đơn vị').waitFor();
    // The units arrive after the form is drawn: read them once the first has.
    await page.locator('#rv-unit option:not([value=""])').first().waitFor({ state: 'attached' });
    const units = await values('#rv-unit');
    // Before: every unit of the city, each refused 403 but the commune's.
    expect(units.length).toBeGreaterThan(0);
    expect(units.filter((id) => !id.startsWith('ou-xa-doai-phuong'))).toEqual([]);

    await page.goto(`${town.base}/cadres/p-vu-thi-giang`);
    await page.locator('#person-eligibility option').nth(1).waitFor({ state: 'attached' });
    const posts = await values('#person-eligibility');
    // Before: the city's posts too, each check answered 403.
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.filter((id) => !id.startsWith('pos-xa-doai-phuong'))).toEqual([]);
    await page.locator('#person-eligibility').selectOption(posts[0]);
    await page.getByRole('status').first().waitFor();
    await context.close();
  });

  /** An appointment case of the city's Party committee (for a post when `personId` is null). */
  async function openAppointment(id: string, personId: string | null, positionId: string) {
    await town
      .http()
      .post('/cases')
      .set(town.bearer('staff-1', ['organization_staff']))
      .send({
        id,
        procedure: 'appointment',
        definition: 'appointment.internal',
        ...(personId ? { personId } : {}),
        positionId,
        orgUnitId: 'ou-ha-noi-party-committee',
        summary: 'Bổ nhiệm',
      })
      .expect(201);
  }

  it('a withdrawn case says why, by whom and on which day', async () => {
    await openAppointment('c-withdrawn', 'p-nguyen-van-an', 'pos-ha-noi-head-organization');
    const { context, page } = await signIn(town.browser, town.base, 'staff-1');
    // From the person page to the case and back, as a user goes: the app's own links.
    await page.goto(`${town.base}/cadres/p-nguyen-van-an`);
    // The case's line, its link reading the case's title (the id muted beside it).
    const openCase = page
      .getByTestId('open-cases')
      .locator('li', { hasText: 'c-withdrawn' })
      .getByRole('link');
    for (let i = 0; i < 40 && !(await openCase.isVisible()); i++) {
      await page.waitForTimeout(250);
      await page.reload();
    }
    await openCase.click();
    await page.getByRole('button', { name: 'Rút hồ sơ' }).click();
    await page.getByLabel('Lý do').fill('Đơn vị đề nghị dừng');
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.locator('[data-testid="case-status"]', { hasText: 'Đã rút' }).waitFor();
    // Before: only "Trạng thái: Đã rút", nothing of why, who or when.
    const withdrawal = page.getByTestId('case-withdrawal');
    await withdrawal.waitFor();
    const text = await withdrawal.innerText();
    expect(text).toContain('Đơn vị đề nghị dừng');
    expect(text).toContain('Cán bộ Ban Tổ chức Thành ủy');
    expect(text).toContain(dmy(today));
    expect(text).not.toContain(today);
    // Back on the person page the case is no longer open (before: the page read seconds ago
    // was shown again as it was, the withdrawn case still listed as open).
    await page.locator('dl.facts').getByRole('link', { name: 'Nguyễn Văn An' }).click();
    await page.getByRole('heading', { name: 'Hồ sơ đang xử lý' }).waitFor();
    await page
      .getByTestId('open-cases')
      .locator('li', { hasText: 'c-withdrawn' })
      .waitFor({ state: 'detached' });
    await context.close();
  });

  it("on a 390 px phone every inbox row opens from the screen, by the person's name or 'Mở'", async () => {
    await openAppointment('c-phone', 'p-ngo-thi-lan', 'pos-ha-noi-head-organization');
    const { context, page } = await signIn(town.browser, town.base, 'staff-1', {
      viewport: { width: 390, height: 844 },
    });
    const row = page.locator('table.grid tbody tr', { hasText: 'Ngô Thị Lan' });
    await row.waitFor();
    // Before: "Mở" sat at x = 382–404, past the screen's edge, and the name was not a link.
    const open = row.getByRole('link', { name: /^Mở/ });
    const box = (await open.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    expect(width).toBeLessThanOrEqual(390);
    await row.getByRole('link', { name: 'Ngô Thị Lan', exact: true }).click();
    await page.waitForURL(/\/cases\/c-phone$/);
    await page.locator('#current-step-title').waitFor();
    await context.close();
  });

  it('a case staff did not approve says so in Vietnamese, not by its code', async () => {
    await openAppointment('c-rejected', 'p-phan-thi-quynh', 'pos-ha-noi-deputy-head-organization');
    await town
      .http()
      .post('/cases/c-rejected/reject')
      .set(town.bearer('staff-1', ['organization_staff']))
      .send({ reason: 'Chưa đủ thời gian công tác' })
      .expect(200);
    const { context, page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/c-rejected`);
    const rule = page.getByTestId('rejection-rule');
    await rule.waitFor();
    // Before: "case.rejected_by_staff" under "Lý do dừng".
    expect(await rule.innerText()).toBe('Cán bộ tổ chức không chấp thuận hồ sơ');
    const card = await page.getByTestId('case-rejection').innerText();
    expect(card).toContain('Chưa đủ thời gian công tác');
    expect(card).toContain(dmy(today));
    await context.close();
  });
});
