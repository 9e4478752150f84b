import request from 'supertest';
import { Browser, Page } from 'playwright-core';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { buildWebApp, launchChromium, listeningPort, signIn, WEB_DIST } from './support/browser';

jest.setTimeout(240_000);

/** reappointment.standard's vetting items the officer enters (the others are read from the record). */
const STAFF_ITEMS: [item: string, label: string][] = [
  ['background', 'Lý lịch'],
  ['asset_declaration', 'Kê khai tài sản'],
  ['political_standards', 'Tiêu chuẩn chính trị'],
  ['health', 'Sức khỏe'],
];

/**
 * A vetting (thẩm định) form asks for each criterion's result: every select starts on
 * "— Chọn kết quả —", and a criterion left unchosen is refused on its own field, nothing sent.
 * Before, each started on "Đạt": choosing only "Lý lịch" (or nothing) recorded all four as passed
 * and moved the case on to its decision.
 */
describe('a vetting form records only the results chosen for every criterion', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const bearer = (user: string, roles: string[]) => ({
    Authorization: `Bearer ${t.token(user, roles, 'ou-ha-noi')}`,
  });
  const staff = () => bearer('staff-1', ['organization_staff']);
  const tally = (members: number, forVotes: number) => ({
    members,
    summoned: members,
    present: members,
    for: forVotes,
    against: members - forVotes,
    abstain: 0,
    invalid: 0,
  });

  /** A re-appointment of the person taken through its ballots to the vetting step. */
  async function caseAtVetting(
    caseId: string,
    personId: string,
    positionId: string,
  ): Promise<void> {
    const secretary = bearer('secretary-1', ['ballot_secretary']);
    const leader = bearer('leader-1', ['leadership']);
    await http()
      .post('/cases')
      .set(staff())
      .send({
        id: caseId,
        procedure: 'reappointment',
        definition: 'reappointment.standard',
        personId,
        positionId,
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm lại',
      })
      .expect(201);
    const steps: [string, Record<string, string>, object][] = [
      ['self-assessment', staff(), { conclusion: 'ok' }],
      ['key-officials-confidence', secretary, { minutesRef: 'BB-1', tally: tally(40, 30) }],
      ['head-evaluation', leader, { conclusion: 'Recommended' }],
      ['leadership-ballot', secretary, { minutesRef: 'BB-2', tally: tally(13, 11) }],
    ];
    for (const [stepId, who, body] of steps)
      await http()
        .post(`/cases/${caseId}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
  }

  const caseView = async (caseId: string) =>
    (await http().get(`/cases/${caseId}`).set(staff()).expect(200)).body as {
      revision: number;
      currentStep: { id: string } | null;
      vetting: Record<string, { result: string; source: string }>;
    };

  const result = (page: Pick<Page, 'getByLabel'>, label: string) =>
    page.getByLabel(`Kết quả: ${label}`);

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_vetting_explicit', { DEV_SIGN_IN: 'true', WEB_DIR: WEB_DIST });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    const termEnd = addDays(today, 30);
    await buildRegistry(t, staff(), {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      positions: [
        { id: 'pos-head', rank: 4 },
        { id: 'pos-deputy', rank: 3 },
        { id: 'pos-member', rank: 3 },
      ],
      people: [
        ['p-first', 'pos-head'],
        ['p-second', 'pos-deputy'],
        ['p-third', 'pos-member'],
      ].map(([id, positionId]) => ({
        id,
        dateOfBirth: '1980-05-05',
        posts: [{ positionId, from: addDays(today, -1800), termEnd }],
      })),
    });
    await caseAtVetting('re-vet', 'p-first', 'pos-head');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('one criterion chosen: the others are refused on their fields and nothing is recorded; all chosen: recorded', async () => {
    const before = await caseView('re-vet');
    const { page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cases/re-vet`);
    await result(page, 'Lý lịch').waitFor();
    for (const [, label] of STAFF_ITEMS) {
      expect(await result(page, label).inputValue()).toBe('');
      expect(await result(page, label).locator('option:checked').innerText()).toBe(
        '— Chọn kết quả —',
      );
    }

    await result(page, 'Lý lịch').selectOption('cleared');
    await page.getByLabel('Số biên bản').fill('BB-3');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    for (const [item, label] of STAFF_ITEMS.slice(1)) {
      const error = page.locator(`#f-item-${item}-error`);
      await error.waitFor();
      expect(await error.innerText()).toBe(`Chưa chọn kết quả cho tiêu chí «${label}»`);
      expect(await result(page, label).getAttribute('aria-invalid')).toBe('true');
    }
    expect(await page.locator('#f-item-background-error').count()).toBe(0);
    expect(await page.getByText('Đã ghi nhận.').count()).toBe(0);
    // Nothing went to the server: the case is where it was, no vetting item recorded.
    const refused = await caseView('re-vet');
    expect(refused.revision).toBe(before.revision);
    expect(refused.currentStep?.id).toBe('vetting');
    expect(refused.vetting).toEqual({});

    await result(page, 'Kê khai tài sản').selectOption('cleared');
    await result(page, 'Tiêu chuẩn chính trị').selectOption('cleared');
    await result(page, 'Sức khỏe').selectOption('flagged');
    await page.getByLabel('Ghi chú: Sức khỏe').fill('Chờ giấy chứng nhận sức khỏe');
    // A criterion answered loses its error at once.
    expect(await page.locator('#f-item-health-error').count()).toBe(0);
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByText('Đã ghi nhận.').waitFor();
    await page.locator('#current-step-title', { hasText: /[Qq]uyết định/ }).waitFor();
    // The decision's day says which limit made it and from when (before: the day alone, earlier
    // than the vetting's own day without a word why).
    expect(await page.getByTestId('step-due-basis').innerText()).toContain(
      'Thời hạn của bước theo quy trình: 15 ngày làm việc, tính từ ngày thực hiện bước trước',
    );
    const recorded = (await caseView('re-vet')).vetting;
    expect(Object.fromEntries(STAFF_ITEMS.map(([item]) => [item, recorded[item]?.result]))).toEqual(
      {
        background: 'cleared',
        asset_declaration: 'cleared',
        political_standards: 'cleared',
        health: 'flagged',
      },
    );
    await page.context().close();
  });

  it('a vetting entered in part shows what was recorded as recorded and sends only the rest; a resolution stays', async () => {
    await caseAtVetting('re-part', 'p-second', 'pos-deputy');
    const health = { item: 'health', result: 'flagged', note: 'Chờ giấy chứng nhận sức khỏe' };
    await http()
      .post('/cases/re-part/steps/vetting')
      .set(staff())
      .send({ heldOn: today, items: [{ item: 'background', result: 'cleared' }, health] })
      .expect(200);
    // The server takes no item left out as passed either: the vetting waits for the rest.
    const inPart = await caseView('re-part');
    expect(inPart.currentStep?.id).toBe('vetting');
    expect(STAFF_ITEMS.map(([item]) => inPart.vetting[item]?.result)).toEqual([
      'cleared',
      undefined,
      undefined,
      'flagged',
    ]);
    const { page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cases/re-part`);
    await result(page, 'Kê khai tài sản').waitFor();
    // The flagged item is resolved on the page before the rest is entered.
    const line = page.getByTestId('vetting-results').locator('li[data-item="health"]');
    await line.getByRole('button', { name: /^Giải quyết/ }).click();
    const grounds = 'Đã nộp giấy chứng nhận sức khỏe';
    await page.getByTestId('resolve-health').getByLabel('Lý do, căn cứ giải quyết').fill(grounds);
    await page
      .getByTestId('resolve-health')
      .getByRole('button', { name: 'Ghi nhận giải quyết', exact: true })
      .click();
    await line.getByTestId('vetting-resolved').waitFor();

    // What was recorded reads as recorded, with no choice to make again.
    const recordedRow = (item: string) => page.getByTestId(`vetting-item-${item}`);
    await recordedRow('health').getByText('đã giải quyết', { exact: false }).waitFor();
    expect(await recordedRow('health').innerText()).toContain('Đã ghi nhận ở lần trước');
    expect(await recordedRow('health').innerText()).toContain('Có vấn đề');
    expect(await recordedRow('background').innerText()).toContain('Đạt');
    expect(await result(page, 'Lý lịch').count()).toBe(0);
    expect(await result(page, 'Sức khỏe').count()).toBe(0);
    for (const [, label] of STAFF_ITEMS.slice(1, 3))
      expect(await result(page, label).inputValue()).toBe('');

    const sent: unknown[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/cases/re-part/steps/vetting'))
        sent.push(request.postDataJSON());
    });
    for (const [, label] of STAFF_ITEMS.slice(1, 3))
      await result(page, label).selectOption('cleared');
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.getByText('Đã ghi nhận.').waitFor();
    await page.locator('#current-step-title', { hasText: /[Qq]uyết định/ }).waitFor();
    await page.context().close();
    expect(sent).toEqual([
      expect.objectContaining({
        items: [
          { item: 'asset_declaration', result: 'cleared' },
          { item: 'political_standards', result: 'cleared' },
        ],
      }),
    ]);
    const done = await caseView('re-part');
    expect(done.vetting.health).toMatchObject({
      result: 'flagged',
      resolved: { note: grounds, resolvedBy: 'staff-1' },
    });
  });

  it("the vetting's correction opens an item an earlier part recorded, filled as recorded, and changes it", async () => {
    await caseAtVetting('re-correct', 'p-third', 'pos-member');
    const health = { item: 'health', result: 'flagged', note: 'Chờ giấy chứng nhận sức khỏe' };
    const part = (items: object[]) =>
      http()
        .post('/cases/re-correct/steps/vetting')
        .set(staff())
        .send({ heldOn: today, items })
        .expect(200);
    await part([{ item: 'background', result: 'cleared' }]);
    await part([health]);

    const { page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cases/re-correct`);
    await page.getByRole('button', { name: 'Sửa bước' }).click();
    const form = page.getByTestId('correct-step');
    // Before, «Lý lịch» (recorded by the first part) read as recorded, with nothing to choose.
    await result(form, 'Lý lịch').waitFor();
    expect(await result(form, 'Lý lịch').inputValue()).toBe('cleared');
    expect(await result(form, 'Sức khỏe').inputValue()).toBe('flagged');
    await result(form, 'Lý lịch').selectOption('flagged');
    await form.getByLabel('Ghi chú: Lý lịch').fill('Lý lịch chưa rõ');
    // The items no part recorded yet are asked for, as in any correction of the vetting.
    for (const [, label] of STAFF_ITEMS.slice(1, 3))
      await result(form, label).selectOption('cleared');
    await form.getByLabel('Lý do sửa').fill('Lý lịch ghi nhầm là đạt');
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByText('Đã sửa bước.').waitFor();
    await page.context().close();
    const corrected = (await caseView('re-correct')).vetting as Record<
      string,
      { result: string; note?: string }
    >;
    expect(corrected.background).toMatchObject({ result: 'flagged', note: 'Lý lịch chưa rõ' });
    expect(corrected.health).toMatchObject({ result: 'flagged', note: health.note });
  });
});
