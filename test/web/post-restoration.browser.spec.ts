import request from 'supertest';
import { Browser } from 'playwright-core';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { buildWebApp, launchChromium, listeningPort, signIn, WEB_DIST } from './support/browser';

jest.setTimeout(240_000);

const dmy = (day: string) => day.split('-').reverse().join('/');

/**
 * The person page in Chromium after a removal from post (cách chức) was reduced to a reprimand
 * (khiển trách) on complaint: the post is held again on its term, and the page says so and by
 * which review (before: the post stayed among the past posts, ended by a form no longer in force).
 */
describe('the person page: a post given back after a discipline complaint', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const today = vietnamToday();
  const postFrom = addDays(today, -900);
  const termEnd = addDays(today, 900);
  const http = () => request(t.server as never);
  const bearer = (user: string, roles: string[]) => ({
    Authorization: `Bearer ${t.token(user, roles, 'ou-ha-noi')}`,
  });

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_post_restoration', {
      RUN_WORKERS: 'true',
      DEV_SIGN_IN: 'true',
      WEB_DIR: WEB_DIST,
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    const staff = bearer('staff-1', ['organization_staff']);
    const inspector = bearer('inspector-1', ['inspector']);
    const leader = bearer('leader-1', ['leadership']);
    const secretary = bearer('secretary-1', ['ballot_secretary']);
    // The sample users sign in within Hà Nội: the town lies under it.
    await buildRegistry(t, staff, {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      positions: [{ id: 'pos-deputy', rank: 3 }],
      people: [{ id: 'p-an', posts: [{ positionId: 'pos-deputy', from: postFrom, termEnd }] }],
    });
    await http()
      .post('/discipline-cases')
      .set(inspector)
      .send({
        id: 'd-remove',
        definition: 'discipline.party',
        personId: 'p-an',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Cách chức',
        violation: {
          category: 'land',
          committedOn: addDays(today, -60),
          description: 'Giao đất sai thẩm quyền',
          source: 'inspection',
          severity: 'removal_from_post',
        },
      })
      .expect(201);
    for (const [stepId, who, extra] of [
      ['verification', inspector, { violationConfirmed: true }],
      ['self-criticism', staff, {}],
      ['review', inspector, {}],
    ] as const) {
      await http()
        .post(`/discipline-cases/d-remove/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, minutesRef: `BB-${stepId}`, conclusion: stepId, ...extra })
        .expect(200);
    }
    await http()
      .post('/discipline-cases/d-remove/steps/ballot')
      .set(secretary)
      .send({
        heldOn: today,
        minutesRef: 'BB-KP',
        tally: {
          members: 13,
          summoned: 13,
          present: 13,
          invalid: 0,
          noDiscipline: 4,
          votesByForm: { removal_from_post: 9 },
        },
      })
      .expect(200);
    await http()
      .post('/discipline-cases/d-remove/steps/decision')
      .set(leader)
      .send({
        heldOn: today,
        number: '45-QĐ/UBKT',
        signer: 'Chủ nhiệm UBKT',
        form: 'removal_from_post',
        effectiveFrom: today,
      })
      .expect(200);
    await eventually(
      () => http().get('/cadres/p-an').set(staff),
      (r) => r.body.posts?.length === 0,
    );
    await http()
      .post('/discipline-cases/d-remove/complaints')
      .set(staff)
      .send({ filedOn: today, grounds: 'Hình thức quá nặng' })
      .expect(200);
    await http()
      .post('/discipline-cases/d-remove/complaints/review')
      .set(leader)
      .send({
        heldOn: today,
        number: '12-QĐ/TU',
        outcome: 'change',
        form: 'reprimand',
        reason: 'Giảm hình thức kỷ luật',
      })
      .expect(200);
    await eventually(
      () => http().get('/cadres/p-an').set(staff),
      (r) => r.body.discipline?.[0]?.form === 'reprimand' && r.body.posts?.length === 1,
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists the post as held on its term and says it was given back by the review', async () => {
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cadres/p-an`);
    await page
      .getByRole('heading', { name: 'Khôi phục chức vụ sau khi giải quyết khiếu nại kỷ luật' })
      .waitFor();
    expect(await page.getByTestId('posts-held').locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(new RegExp(`^pos-deputy\\s+${dmy(postFrom)}\\s+${dmy(termEnd)}`)),
    ]);
    expect(await page.getByTestId('post-restorations').locator('li').allInnerTexts()).toEqual([
      expect.stringMatching(
        new RegExp(
          `^pos-deputy — thôi giữ từ ${dmy(today)}: tiếp tục giữ chức vụ theo nhiệm kỳ đã bổ nhiệm \\(quyết định giải quyết khiếu nại 12-QĐ/TU .*, hồ sơ kỷ luật «Kỷ luật — Người p-an — pos-deputy»\\)$`,
        ),
      ),
    ]);
    await context.close();
  });
});
