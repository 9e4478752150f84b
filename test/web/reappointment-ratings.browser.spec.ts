import request from 'supertest';
import { Browser } from 'playwright-core';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { buildWebApp, launchChromium, listeningPort, signIn, WEB_DIST } from './support/browser';

jest.setTimeout(240_000);

/**
 * A re-appointment whose holder was rated "did not complete duties" in a year of the term: the
 * decision is refused and the form says so in Vietnamese, with the year, its rating and the rule
 * (before: the decision was recorded, no rating read); one rated before the vetting is flagged on
 * the vetting form's term_rating row (before: no such row).
 */
describe('a re-appointment with a year of the term rated not completed', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const today = vietnamToday();
  const ratedYear = Number(today.slice(0, 4)) - 2;
  const termFrom = addDays(today, -1500);

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_reappointment_ratings', { DEV_SIGN_IN: 'true', WEB_DIR: WEB_DIST });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    const http = () => request(t.server as never);
    const staff = {
      Authorization: `Bearer ${t.token('staff-1', ['organization_staff'], 'ou-ha-noi')}`,
    };
    const secretary = {
      Authorization: `Bearer ${t.token('secretary-1', ['ballot_secretary'], 'ou-ha-noi')}`,
    };
    const leader = {
      Authorization: `Bearer ${t.token('leader-2', ['leadership'], 'ou-ha-noi')}`,
    };
    await buildRegistry(t, staff, {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      positions: [
        { id: 'pos-head', rank: 4 },
        { id: 'pos-deputy', rank: 3 },
        { id: 'pos-office', rank: 2 },
      ],
      people: [
        {
          id: 'p-holder',
          termRated: true,
          dateOfBirth: '1980-05-05',
          posts: [
            { positionId: 'pos-head', from: addDays(today, -1500), termEnd: addDays(today, 200) },
          ],
        },
        {
          id: 'p-early',
          termRated: true,
          dateOfBirth: '1981-06-06',
          posts: [
            { positionId: 'pos-deputy', from: addDays(today, -1500), termEnd: addDays(today, 200) },
          ],
        },
        {
          id: 'p-unrated',
          dateOfBirth: '1982-07-07',
          posts: [{ positionId: 'pos-office', from: termFrom, termEnd: addDays(today, 200) }],
        },
      ],
    });
    const rateNotCompleted = (personId: string) =>
      http()
        .post(`/cadres/${personId}/ratings`)
        .set(staff)
        .send({
          year: ratedYear,
          rating: 'not_completed',
          evaluatedOn: `${ratedYear + 1}-01-15`,
          decisionRef: '12-QĐ/UBND',
        })
        .expect(201);
    // Rated before its opening: the vetting reads it from the record.
    await rateNotCompleted('p-early');
    for (const [caseId, personId, positionId] of [
      ['re-rated', 'p-holder', 'pos-head'],
      ['re-early', 'p-early', 'pos-deputy'],
      ['re-unrated', 'p-unrated', 'pos-office'],
    ])
      await http()
        .post('/cases')
        .set(staff)
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
      ['self-assessment', staff, { conclusion: 'Tự nhận xét' }],
      ['key-officials-confidence', secretary, { minutesRef: 'BB-1', tally: tally(40, 30) }],
      ['head-evaluation', leader, { conclusion: 'Đề nghị' }],
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
      await http()
        .post(`/cases/re-rated/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
    for (const [caseId, [stepId, who, body]] of steps
      .slice(0, -1)
      .flatMap((step) => ['re-early', 're-unrated'].map((caseId) => [caseId, step] as const)))
      await http()
        .post(`/cases/${caseId}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
    // Rated after the vetting read the record: the decision reads the ratings again.
    await rateNotCompleted('p-holder');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the vetting form shows the term ratings read from the record, flagged with the year, its rating and the rule in Vietnamese', async () => {
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cases/re-early`);
    const row = page.getByTestId('vetting-item-term_rating');
    await row.getByText('Có vấn đề').waitFor();
    // Before: no such row; the rating surfaced only when the decision was refused.
    const text = await row.innerText();
    expect(text).toContain('Đánh giá, xếp loại trong nhiệm kỳ');
    expect(text).toContain('Lấy từ hồ sơ');
    expect(text).toContain(
      `Năm ${ratedYear} xếp loại «không hoàn thành nhiệm vụ» (12-QĐ/UBND), trong nhiệm kỳ giữ chức vụ`,
    );
    expect(text).toContain(
      'được xếp loại từ «hoàn thành nhiệm vụ» trở lên (Nghị định 170/2025/NĐ-CP',
    );
    expect(text).not.toMatch(/not completed|term_rat/);
    expect(await row.locator('select, input').count()).toBe(0);
    await context.close();
  });

  it('the vetting form flags a term with no rating on the record, naming the years missing in Vietnamese', async () => {
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cases/re-unrated`);
    const row = page.getByTestId('vetting-item-term_rating');
    await row.getByText('Có vấn đề').waitFor();
    const text = await row.innerText();
    // Before: «Đạt», "no year of the term rated below completed", with no year rated at all.
    const first = Number(termFrom.slice(0, 4));
    const missing = Array.from({ length: Number(today.slice(0, 4)) - first }, (_, i) => first + i);
    expect(text).toContain(
      `Chưa có kết quả xếp loại trên hồ sơ cho năm ${missing.join(', ')} (các năm của nhiệm kỳ đã kết thúc trước ngày ${today.split('-').reverse().join('/')}), trong nhiệm kỳ giữ chức vụ`,
    );
    expect(text).toContain(
      'bổ nhiệm lại cần mọi năm của nhiệm kỳ được xếp loại từ «hoàn thành nhiệm vụ» trở lên',
    );
    expect(text).not.toMatch(/no rating|term_rat/);
    await context.close();
  });

  it('refuses the decision, naming the year, its rating and the rule in Vietnamese', async () => {
    const { context, page } = await signIn(browser, base, 'leader-1');
    await page.goto(`${base}/cases/re-rated`);
    await page.getByLabel('Số quyết định').fill('302-QĐ/UBND');
    await page.getByLabel('Người ký').fill('Chủ tịch UBND Thành phố');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    const refusal = page.locator('.error[role="alert"]', {
      hasText: 'Có năm trong nhiệm kỳ không được đánh giá hoàn thành nhiệm vụ',
    });
    await refusal.first().waitFor();
    const text = await refusal.first().innerText();
    expect(text).toContain(
      'Có năm trong nhiệm kỳ không được đánh giá hoàn thành nhiệm vụ: không bổ nhiệm lại',
    );
    expect(text).toContain(
      `Năm ${ratedYear} xếp loại «không hoàn thành nhiệm vụ» (12-QĐ/UBND), trong nhiệm kỳ giữ chức vụ`,
    );
    expect(text).toContain(
      'được xếp loại từ «hoàn thành nhiệm vụ» trở lên (Nghị định 170/2025/NĐ-CP',
    );
    expect(text).not.toMatch(/not completed|reappointment\.term_rated_below/);
    expect(await page.getByTestId('case-status').innerText()).not.toContain('Đã quyết định');
    await context.close();
  });
});
