import request from 'supertest';
import { Browser } from 'playwright-core';
import { formatDay } from '../../web/src/dates';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { buildWebApp, launchChromium, listeningPort, signIn, WEB_DIST } from './support/browser';

jest.setTimeout(240_000);

/**
 * A re-appointment's decision typed with an effective day years after the term it renews ends:
 * refused on the "Hiệu lực từ" field in Vietnamese, naming the day the new term continues the old
 * (before: decided, the seat empty for years). On that day it is decided.
 */
describe('a re-appointment effective after the term it renews ends', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const today = vietnamToday();
  const termEnd = addDays(today, 30);
  const http = () => request(t.server as never);
  const bearer = (user: string, roles: string[]) => ({
    Authorization: `Bearer ${t.token(user, roles, 'ou-ha-noi')}`,
  });
  const tally = (members: number, forVotes: number) => ({
    members,
    summoned: members,
    present: members,
    for: forVotes,
    against: members - forVotes,
    abstain: 0,
    invalid: 0,
  });

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_reapp_effective_day', {
      DEV_SIGN_IN: 'true',
      WEB_DIR: WEB_DIST,
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    const staff = bearer('staff-1', ['organization_staff']);
    const secretary = bearer('secretary-1', ['ballot_secretary']);
    const leader = bearer('leader-1', ['leadership']);
    await buildRegistry(t, staff, {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      positions: [{ id: 'pos-head', rank: 4 }],
      people: [
        {
          id: 'p-holder',
          termRated: true,
          dateOfBirth: '1980-05-05',
          posts: [{ positionId: 'pos-head', from: addDays(today, -1800), termEnd }],
        },
      ],
    });
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 're-gap',
        procedure: 'reappointment',
        definition: 'reappointment.standard',
        personId: 'p-holder',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm lại',
      })
      .expect(201);
    const steps: [string, Record<string, string>, object][] = [
      ['self-assessment', staff, { conclusion: 'ok' }],
      ['key-officials-confidence', secretary, { minutesRef: 'BB-1', tally: tally(40, 30) }],
      ['head-evaluation', leader, { conclusion: 'Recommended' }],
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
        .post(`/cases/re-gap/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the refusal on the effective day in Vietnamese; on the term’s end it is decided', async () => {
    const { page } = await signIn(browser, base, 'leader-1');
    await page.goto(`${base}/cases/re-gap`);
    const effective = page.getByLabel('Hiệu lực từ (dd/mm/yyyy)');
    await effective.waitFor();
    await page.getByLabel('Số quyết định').fill('88-QĐ/TU');
    await page.getByLabel('Người ký').fill('Bí thư Thành ủy');
    const late = addDays(termEnd, 4 * 365);
    await effective.fill(formatDay(late));
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    const refusal = page.locator('#f-effectiveFrom-error', {
      hasText: 'Nhiệm kỳ mới bắt đầu ngay khi nhiệm kỳ đang giữ kết thúc, không để trống chức vụ',
    });
    await refusal.waitFor();
    const text = await refusal.innerText();
    expect(text).toContain(
      `Ngày hiệu lực ${formatDay(late)} sau ngày ${formatDay(termEnd)}, ngày nhiệm kỳ mới nối tiếp nhiệm kỳ giữ chức vụ`,
    );
    expect(text).toContain(
      `ngày muộn hơn để chức vụ không có người giữ từ ngày ${formatDay(termEnd)}`,
    );
    // Before: decided; and a refusal of a rule the page did not know read in English.
    expect(text).not.toMatch(/\b(?:effectiveFrom|is after|continues|Unprocessable)\b/);
    await page.getByTestId('case-status').filter({ hasText: 'Đang xử lý' }).waitFor();
    await effective.fill(formatDay(termEnd));
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.locator('[data-testid="case-status"]', { hasText: 'Đã quyết định' }).waitFor();
    await page.context().close();
  });
});
