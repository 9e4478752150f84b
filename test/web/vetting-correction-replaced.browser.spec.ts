import request from 'supertest';
import { Browser, Page } from 'playwright-core';
import {
  addDays,
  buildRegistry,
  rateEveryYearCompleted,
  vietnamToday,
} from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { buildWebApp, launchChromium, listeningPort, signIn, WEB_DIST } from './support/browser';

jest.setTimeout(240_000);

const CASE = 're-vetting-corrected';

/**
 * A re-appointment's vetting corrected after the holder's term ratings were recorded: the replaced
 * version is shown item by item — its verdict, «theo hồ sơ» where read from the record, its note —
 * on the case page and on the auditor's history (before: «Bản trước khi sửa:» and nothing after).
 */
describe('a corrected vetting shows the version it replaced', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const today = vietnamToday();
  const post = {
    positionId: 'pos-head',
    from: addDays(today, -1500),
    termEnd: addDays(today, 200),
  };

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_vetting_correction_replaced', {
      // The auditor's history is a read model the workers keep.
      RUN_WORKERS: 'true',
      DEV_SIGN_IN: 'true',
      WEB_DIR: WEB_DIST,
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    const http = () => request(t.server as never);
    const bearer = (user: string, role: string) => ({
      Authorization: `Bearer ${t.token(user, [role], 'ou-ha-noi')}`,
    });
    const staff = bearer('staff-1', 'organization_staff');
    const secretary = bearer('secretary-1', 'ballot_secretary');
    const leader = bearer('leader-2', 'leadership');
    await buildRegistry(t, staff, {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      positions: [{ id: 'pos-head', rank: 4 }],
      people: [{ id: 'p-holder', dateOfBirth: '1980-05-05', posts: [post] }],
    });
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: CASE,
        procedure: 'reappointment',
        definition: 'reappointment.standard',
        personId: 'p-holder',
        positionId: 'pos-head',
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
    const vetting = {
      items: ['background', 'asset_declaration', 'political_standards', 'health'].map((item) => ({
        item,
        result: 'cleared',
      })),
    };
    const steps: [string, Record<string, string>, Record<string, unknown>][] = [
      ['self-assessment', staff, { conclusion: 'Tự nhận xét' }],
      ['key-officials-confidence', secretary, { minutesRef: 'BB-1', tally: tally(40, 30) }],
      ['head-evaluation', leader, { conclusion: 'Đề nghị' }],
      ['leadership-ballot', secretary, { minutesRef: 'BB-2', tally: tally(13, 11) }],
      // No year of the term rated yet: the record flags «Đánh giá, xếp loại trong nhiệm kỳ».
      ['vetting', staff, vetting],
    ];
    for (const [stepId, who, body] of steps)
      await http()
        .post(`/cases/${CASE}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
    await rateEveryYearCompleted(t, staff, 'p-holder', [post]);
    const { revision } = (await http().get(`/cases/${CASE}`).set(staff).expect(200)).body as {
      revision: number;
    };
    await http()
      .post(`/cases/${CASE}/steps/vetting/corrections`)
      .set(staff)
      .set('If-Match', `"${revision}"`)
      .send({ heldOn: today, ...vetting, reason: 'Đã bổ sung kết quả xếp loại các năm' })
      .expect(200);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const expectReplacedVersion = async (page: Page) => {
    const note = page.getByTestId('step-correction');
    await note.waitFor();
    const items = note.getByTestId('replaced-vetting-items');
    const rating = items.locator('li[data-item="term_rating"]');
    const text = await rating.innerText();
    expect(text).toContain('Đánh giá, xếp loại trong nhiệm kỳ: Có vấn đề (theo hồ sơ)');
    expect(text).toContain('Chưa có kết quả xếp loại trên hồ sơ cho năm');
    expect(await items.locator('li[data-item="health"]').innerText()).toBe('Sức khỏe: Đạt');
  };

  it('on the case page', async () => {
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cases/${CASE}`);
    await expectReplacedVersion(page);
    await context.close();
  });

  it("on the auditor's history", async () => {
    const { context, page } = await signIn(browser, base, 'auditor-1');
    await page.goto(`${base}/cases/${CASE}/history`);
    await expectReplacedVersion(page);
    await context.close();
  });
});
