import request from 'supertest';
import { Browser } from 'playwright-core';
import { formatDay } from '../../web/src/dates';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { buildWebApp, launchChromium, listeningPort, signIn, WEB_DIST } from './support/browser';

jest.setTimeout(240_000);

/**
 * A relief's decision typed with an effective day long after the term of the post ends: refused
 * on the "Hiệu lực từ" field in Vietnamese, naming the term's end (before: decided, the post held
 * to 9999 past its term). On the term's end it is decided.
 */
describe('a removal effective after the term of the post ends', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const today = vietnamToday();
  const termEnd = addDays(today, 400);
  const http = () => request(t.server as never);
  const bearer = (user: string, roles: string[]) => ({
    Authorization: `Bearer ${t.token(user, roles, 'ou-ha-noi')}`,
  });

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_removal_effective_day', {
      DEV_SIGN_IN: 'true',
      WEB_DIR: WEB_DIST,
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    const staff = bearer('staff-1', ['organization_staff']);
    const secretary = bearer('secretary-1', ['ballot_secretary']);
    await buildRegistry(t, staff, {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      positions: [{ id: 'pos-head', rank: 4 }],
      people: [
        {
          id: 'p-holder',
          dateOfBirth: '1980-05-05',
          posts: [{ positionId: 'pos-head', from: addDays(today, -1400), termEnd }],
        },
      ],
    });
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'rm-far',
        procedure: 'removal',
        definition: 'removal.relief',
        personId: 'p-holder',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Cho thôi giữ chức vụ',
        grounds: { kind: 'own_request', reference: 'Đơn 1' },
      })
      .expect(201);
    await http()
      .post('/cases/rm-far/steps/talk')
      .set(staff)
      .send({ heldOn: today, conclusion: 'Đã trao đổi' })
      .expect(200);
    await http()
      .post('/cases/rm-far/steps/leadership-ballot')
      .set(secretary)
      .send({
        heldOn: today,
        minutesRef: 'BB-1',
        tally: {
          members: 13,
          summoned: 13,
          present: 13,
          for: 9,
          against: 4,
          abstain: 0,
          invalid: 0,
        },
      })
      .expect(200);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the refusal on the effective day in Vietnamese, naming the term’s end; on that day it is decided', async () => {
    const { page } = await signIn(browser, base, 'leader-1');
    await page.goto(`${base}/cases/rm-far`);
    const effective = page.getByLabel('Hiệu lực từ (dd/mm/yyyy)');
    await effective.waitFor();
    await page.getByLabel('Số quyết định').fill('99-QĐ/TU');
    await page.getByLabel('Người ký').fill('Bí thư Thành ủy');
    await effective.fill('31/12/9999');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    const refusal = page.locator('#f-effectiveFrom-error', {
      hasText:
        'Quyết định thôi giữ chức vụ không có hiệu lực sau ngày hết nhiệm kỳ hoặc ngày nghỉ hưu',
    });
    await refusal.waitFor();
    const text = await refusal.innerText();
    expect(text).toContain(
      `Ngày hiệu lực 31/12/9999 sau ngày ${formatDay(termEnd)}, ngày cuối cùng quyết định thôi giữ hoặc tạm đình chỉ chức vụ có thể có hiệu lực`,
    );
    expect(text).toContain(`kết thúc ngày ${formatDay(termEnd)}`);
    // Before: decided, the post held to 9999 past its term.
    expect(text).not.toMatch(/\b(?:effectiveFrom|is after|removal|Unprocessable)\b/);
    await page.getByTestId('case-status').filter({ hasText: 'Đang xử lý' }).waitFor();
    await effective.fill(formatDay(termEnd));
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.locator('[data-testid="case-status"]', { hasText: 'Đã quyết định' }).waitFor();
    await page.context().close();
  });
});
