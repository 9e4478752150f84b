import { Page, Request } from 'playwright-core';
import { vietnamToday } from '../support/registry-fixture';
import { signIn } from './support/browser';
import { AN, DemoTown, ORGANIZATION_HEAD_POST, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

const CASE = 'c-web-tally-counts';

/**
 * Every tally form of an appointment checks its counts as the secretary types them, in
 * Vietnamese on the field, and does not send what does not add up (present ≤ summoned ≤
 * members): the expanded nomination, a ballot and the ballot's correction (Sửa bước). What the
 * server refuses all the same reads in Vietnamese, the count by its label, never the path.
 */
describe('the tally forms check present ≤ summoned before sending', () => {
  let town: DemoTown;
  const today = vietnamToday();
  const staff = () => town.bearer('staff-1', ['organization_staff']);
  const secretary = () => town.bearer('secretary-1', ['ballot_secretary']);
  const tally = (forVotes: number) => ({
    heldOn: today,
    minutesRef: 'BB-05',
    tally: {
      members: 13,
      summoned: 13,
      present: 13,
      for: forVotes,
      against: 13 - forVotes,
      abstain: 0,
      invalid: 0,
    },
  });
  const nomination = (minutesRef: string) => ({
    heldOn: today,
    minutesRef,
    members: 25,
    summoned: 25,
    present: 24,
    invalid: 0,
    candidates: [{ personId: AN, votes: 16 }],
  });
  const step = (stepId: string, who: { Authorization: string }, body: object) =>
    town.http().post(`/cases/${CASE}/steps/${stepId}`).set(who).send(body).expect(200);

  /** The step requests the page sends (a correction's too). */
  const sentSteps = (page: Page): Request[] => {
    const sent: Request[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname.startsWith(`/cases/${CASE}/`))
        sent.push(r);
    });
    return sent;
  };
  const fill = async (page: Page, fields: Record<string, string>) => {
    for (const [label, value] of Object.entries(fields))
      await page.getByLabel(label, { exact: true }).fill(value);
  };
  /** No English sentence of the server's and no API path left in what the field says. */
  const expectVietnameseOnly = (text: string) => {
    expect(text).not.toMatch(/\bpresent\b|\bsummoned\b|\bbut only\b|tally\.|\bmembers\b/);
  };

  beforeAll(async () => {
    town = await startDemoTown('web_tally_counts');
    await town
      .http()
      .post('/cases')
      .set(staff())
      .send({
        id: CASE,
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: AN,
        positionId: ORGANIZATION_HEAD_POST,
        orgUnitId: 'ou-ha-noi-party-committee',
        summary: 'Bổ nhiệm Trưởng ban Tổ chức Thành ủy',
      })
      .expect(201);
    await step('leadership-round-1', staff(), {
      heldOn: today,
      minutesRef: 'BB-01',
      conclusion: 'Thống nhất',
    });
  });

  afterAll(async () => {
    await town?.close();
  });

  it('the expanded nomination: 20 present of 15 summoned is said on «Số có mặt» and not sent', async () => {
    const { page } = await signIn(town.browser, town.base, 'secretary-1');
    const sent = sentSteps(page);
    await page.goto(`${town.base}/cases/${CASE}`);
    await page.locator('#current-step-title', { hasText: 'mở rộng' }).waitFor();
    await fill(page, {
      'Số biên bản': 'BB-02',
      'Tổng số thành viên': '25',
      'Số được triệu tập': '15',
      'Số có mặt': '20',
      'Phiếu không hợp lệ': '0',
      'Số phiếu của người 1': '16',
    });
    // As it is typed (before: nothing; only votes + invalid were weighed against those present).
    const present = page.getByLabel('Số có mặt', { exact: true });
    const error = page.locator('#f-present-error');
    await error.getByText('20 có mặt nhưng chỉ 15 được triệu tập').waitFor();
    expect(await present.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    // Not sent (before: sent, and refused «Máy chủ từ chối: Số liệu kiểm phiếu không khớp:
    // present: 20 present, but only 15 summoned»).
    await page.waitForTimeout(500);
    expect(sent).toEqual([]);
    expect(await error.innerText()).toContain('20 có mặt nhưng chỉ 15 được triệu tập');
    await page.waitForFunction("document.activeElement?.id === 'f-present'");

    // The server's own refusal (a count changed on the way): in Vietnamese, by the count's label.
    await page.route(`**/cases/${CASE}/steps/expanded-nomination`, async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}');
      await route.continue({ postData: JSON.stringify({ ...body, summoned: 15 }) });
    });
    await fill(page, { 'Số được triệu tập': '25' });
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    const refusal = page.locator('#f-present-error', { hasText: 'Máy chủ từ chối' });
    await refusal.waitFor();
    const refused = await refusal.innerText();
    expect(refused).toBe(
      'Máy chủ từ chối: Số liệu kiểm phiếu không khớp: Số người có mặt: 20 người có mặt, nhưng chỉ 15 người được triệu tập',
    );
    expectVietnameseOnly(refused);
    await page.unroute(`**/cases/${CASE}/steps/expanded-nomination`);
    await page.context().close();
  });

  it('a ballot: 16 present of 15 summoned is not sent; a refusal no sentence reads shows its rule', async () => {
    await step('expanded-nomination', secretary(), nomination('BB-02'));
    const { page } = await signIn(town.browser, town.base, 'secretary-1');
    const sent = sentSteps(page);
    await page.goto(`${town.base}/cases/${CASE}`);
    await page.locator('#current-step-title', { hasText: /lần 2/ }).waitFor();
    await fill(page, {
      'Số biên bản': 'BB-03',
      'Tổng số thành viên': '15',
      'Số được triệu tập': '15',
      'Số có mặt': '16',
      'Đồng ý': '12',
      'Không đồng ý': '4',
      'Không biểu quyết': '0',
      'Phiếu không hợp lệ': '0',
    });
    const error = page.locator('#f-tally\\.present-error');
    await error.getByText('16 có mặt nhưng chỉ 15 được triệu tập').waitFor();
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    // Before: «Ghi nhận» sent it anyway.
    await page.waitForTimeout(500);
    expect(sent).toEqual([]);
    expect(await error.innerText()).toContain('16 có mặt nhưng chỉ 15 được triệu tập');

    // A refusal whose English detail no Vietnamese sentence reads: the rule's title alone.
    await page.route(`**/cases/${CASE}/steps/leadership-round-2`, (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          rule: 'tally.inconsistent',
          title: 'Tally does not add up',
          message: 'tally.present: a count the web app has never seen',
          field: 'tally.present',
        }),
      }),
    );
    await fill(page, { 'Số có mặt': '13', 'Đồng ý': '10', 'Không đồng ý': '3' });
    await page.locator('[data-verdict="passes"]').waitFor();
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    const refusal = page.locator('#f-tally\\.present-error', { hasText: 'Máy chủ từ chối' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toBe('Máy chủ từ chối: Số liệu kiểm phiếu không khớp');
    await page.context().close();
  });

  it('correcting a ballot (Sửa bước): 14 present of 13 summoned is not sent', async () => {
    await step('leadership-round-2', secretary(), { ...tally(10), minutesRef: 'BB-03' });
    await step('key-officials-nomination', secretary(), nomination('BB-04'));
    await step('leadership-round-3', secretary(), tally(6));
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    const sent = sentSteps(page);
    await page.goto(`${town.base}/cases/${CASE}`);
    await page.getByRole('button', { name: 'Sửa bước' }).click();
    await page.getByTestId('correct-step-original').waitFor();
    await fill(page, { 'Số có mặt': '14', 'Đồng ý': '10', 'Không đồng ý': '4' });
    const error = page.locator('#f-tally\\.present-error');
    await error.getByText('14 có mặt nhưng chỉ 13 được triệu tập').waitFor();
    await page.getByLabel('Lý do sửa').fill('Nhập nhầm số phiếu');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.waitForTimeout(500);
    expect(sent).toEqual([]);
    expectVietnameseOnly(await error.innerText());

    // What the server refuses of a correction reads in Vietnamese, never «tally.present: …».
    await page.route(`**/cases/${CASE}/**`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const body = JSON.parse(route.request().postData() ?? '{}');
      const inner = body.body ?? body;
      const tallied = { ...inner, tally: { ...inner.tally, summoned: 12 } };
      await route.continue({
        postData: JSON.stringify(body.body ? { ...body, body: tallied } : tallied),
      });
    });
    await fill(page, { 'Số có mặt': '13', 'Không đồng ý': '3' });
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    const refusal = page.getByText(/Máy chủ từ chối|Số liệu kiểm phiếu không khớp/).first();
    await refusal.waitFor();
    const refused = await page.locator('[data-testid="correct-step"]').innerText();
    expect(refused).toContain(
      'Số người có mặt: 13 người có mặt, nhưng chỉ 12 người được triệu tập',
    );
    expectVietnameseOnly(refused.replace(/Số có mặt|Số được triệu tập/g, ''));
    await page.context().close();
  });
});
