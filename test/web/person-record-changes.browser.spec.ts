import request from 'supertest';
import { Browser } from 'playwright-core';
import { buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { buildWebApp, launchChromium, listeningPort, signIn, WEB_DIST } from './support/browser';

jest.setTimeout(240_000);

const dmy = (day: string) => day.split('-').reverse().join('/');

/**
 * The person page in Chromium shows what the record has gained besides posts: the record moved to
 * the unit of the post a rotation took the person to, the planning entries a discipline decision
 * took off, and what its annulment could and could not put back (before: none of the three).
 */
describe("the person page: the record's moves, the entries taken off the pool and put back", () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const bearer = (user: string, roles: string[]) => ({
    Authorization: `Bearer ${t.token(user, roles, 'ou-ha-noi')}`,
  });
  let staff: Record<string, string>;
  let inspector: Record<string, string>;
  let leader: Record<string, string>;
  let secretary: Record<string, string>;
  const step = (path: string, who: Record<string, string>, body: object) =>
    http()
      .post(path)
      .set(who)
      .send({ heldOn: today, ...body })
      .expect(200);

  /** A warning for p-an: its decision takes them off the planning pool. */
  async function warning() {
    await http()
      .post('/discipline-cases')
      .set(inspector)
      .send({
        id: 'd-warn',
        definition: 'discipline.civil-service',
        personId: 'p-an',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Cảnh cáo',
        violation: {
          category: 'budget',
          committedOn: today,
          description: 'Vi phạm quy định quản lý ngân sách',
          source: 'report',
          severity: 'warning',
        },
      })
      .expect(201);
    for (const [stepId, who, extra] of [
      ['verification', inspector, { violationConfirmed: true }],
      ['self-criticism', staff, {}],
      ['review', inspector, {}],
    ] as const)
      await step(`/discipline-cases/d-warn/steps/${stepId}`, who, {
        minutesRef: 'BB',
        conclusion: 'Kết luận',
        ...extra,
      });
    await step('/discipline-cases/d-warn/steps/ballot', secretary, {
      minutesRef: 'BB',
      tally: {
        members: 5,
        summoned: 5,
        present: 5,
        invalid: 0,
        noDiscipline: 0,
        votesByForm: { warning: 5 },
      },
    });
    await step('/discipline-cases/d-warn/steps/decision', leader, {
      number: '7-QĐ',
      signer: 'Chủ tịch',
      form: 'warning',
      effectiveFrom: today,
    });
  }

  /** A rotation of p-an into the department's post: the decision moves their record there. */
  async function rotation() {
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'rot-dept',
        procedure: 'rotation',
        definition: 'rotation.standard',
        personId: 'p-an',
        positionId: 'pos-dept',
        orgUnitId: 'ou-dept',
        summary: 'Luân chuyển về Sở',
      })
      .expect(201);
    const steps: [string, Record<string, string>, object][] = [
      ['proposal', staff, { summary: 'Luân chuyển' }],
      ['discussion', staff, { minutesRef: 'BB-1', conclusion: 'Hai đơn vị thống nhất' }],
      ['meet-person', leader, { conclusion: 'Đã gặp', personOpinion: 'Đồng ý' }],
      [
        'vetting',
        staff,
        {
          items: ['background', 'asset_declaration', 'political_standards'].map((item) => ({
            item,
            result: 'cleared',
          })),
        },
      ],
      [
        'leadership-vote',
        secretary,
        {
          minutesRef: 'BB-2',
          tally: {
            members: 9,
            summoned: 9,
            present: 9,
            for: 8,
            against: 1,
            abstain: 0,
            invalid: 0,
          },
        },
      ],
      ['decision', leader, { number: '9-QĐ', signer: 'Bí thư', effectiveFrom: today }],
    ];
    for (const [stepId, who, body] of steps)
      await step(`/cases/rot-dept/steps/${stepId}`, who, body);
  }

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_person_record_changes', {
      RUN_WORKERS: 'true',
      DEV_SIGN_IN: 'true',
      WEB_DIR: WEB_DIST,
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    staff = bearer('staff-1', ['organization_staff']);
    inspector = bearer('inspector-1', ['inspector']);
    leader = bearer('leader-1', ['leadership']);
    secretary = bearer('secretary-1', ['ballot_secretary']);
    await buildRegistry(t, staff, {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      positions: [
        { id: 'pos-deputy', rank: 3 },
        { id: 'pos-head', rank: 5 },
        { id: 'pos-chief', rank: 5 },
      ],
      people: [
        {
          id: 'p-an',
          posts: [{ positionId: 'pos-deputy', from: '2023-01-01', termEnd: '2028-01-01' }],
          pool: ['pos-head', 'pos-chief'],
        },
        { id: 'p-b', pool: ['pos-head'] },
        { id: 'p-c', pool: ['pos-head'] },
        { id: 'p-d' },
      ],
    });
    await http()
      .post('/org-units')
      .set(bearer('u-admin', ['admin']))
      .send({ id: 'ou-dept', name: 'Sở Nội vụ', kind: 'department', parentId: 'ou-ha-noi' })
      .expect(201);
    await http()
      .post('/positions')
      .set(staff)
      .send({
        id: 'pos-dept',
        title: 'Phó Giám đốc Sở Nội vụ',
        orgUnitId: 'ou-dept',
        appointingAuthority: 'ou-dept',
        rank: 4,
      })
      .expect(201);
    await warning();
    await eventually(
      () => http().get('/cadres/p-an').set(staff),
      (r) => r.body.planningPool?.length === 0,
    );
    // Meanwhile the freed seat of pos-head goes to p-d: its pool is full again (3 of 3).
    await http()
      .post('/cadres/p-d/planning-pool')
      .set(staff)
      .send({ positionId: 'pos-head', term: '2025-2030', decisionRef: '130-QĐ/TU' })
      .expect(201);
    await http()
      .post('/discipline-cases/d-warn/complaints')
      .set(staff)
      .send({ filedOn: today, grounds: 'Hình thức quá nặng' })
      .expect(200);
    await http()
      .post('/discipline-cases/d-warn/complaints/review')
      .set(leader)
      .send({ heldOn: today, number: '20-QĐ', outcome: 'annul', reason: 'Không đủ căn cứ' })
      .expect(200);
    await eventually(
      () => http().get('/cadres/p-an').set(staff),
      (r) => r.body.planningRestorations?.length === 2,
    );
    // A rotation needs the person planned for the post (or a higher one).
    await http()
      .post('/cadres/p-an/planning-pool')
      .set(staff)
      .send({ positionId: 'pos-dept', term: '2025-2030', decisionRef: '140-QĐ/TU' })
      .expect(201);
    await rotation();
    const record = await eventually(
      () => http().get('/cadres/p-an').set(staff),
      (r) => r.body.registrationMoves?.length === 1,
    );
    expect(record.body.registrationMoves).toHaveLength(1);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the move between units by name, the entries taken off and why, and what was not put back', async () => {
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cadres/p-an`);
    await page.getByRole('heading', { name: 'Chuyển đơn vị quản lý' }).waitFor();
    const moves = page.getByTestId('registration-moves');
    expect(await moves.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(
        new RegExp(`^Thị xã Demo\\s+Sở Nội vụ\\s+${dmy(today)}\\s+9-QĐ.*\\(hồ sơ rot-dept\\)$`),
      ),
    ]);
    expect(await moves.innerText()).not.toContain('ou-');

    await page.getByRole('heading', { name: 'Đã đưa ra khỏi quy hoạch' }).waitFor();
    const pastPool = await page.getByTestId('past-pool').locator('tbody tr').allInnerTexts();
    expect(pastPool).toEqual([
      expect.stringMatching(
        /^pos-head\s+2025-2030\s+112-QĐ\/TU\s+7-QĐ.*Kỷ luật: Cảnh cáo \(hồ sơ «Kỷ luật — Người p-an — pos-deputy»\)$/,
      ),
      expect.stringMatching(
        /^pos-chief\s+2025-2030\s+112-QĐ\/TU\s+7-QĐ.*Kỷ luật: Cảnh cáo \(hồ sơ «Kỷ luật — Người p-an — pos-deputy»\)$/,
      ),
      // The entry for the post the rotation gave: left once the post is taken up.
      expect.stringMatching(
        /^Phó Giám đốc Sở Nội vụ\s+2025-2030\s+140-QĐ\/TU\s+9-QĐ.*Đã nhận chức vụ \(hồ sơ «Luân chuyển — Người p-an — Phó Giám đốc Sở Nội vụ»\); được quy hoạch vào chức vụ này giai đoạn 2025-2030 theo 140-QĐ\/TU$/,
      ),
    ]);

    await page
      .getByRole('heading', { name: 'Khôi phục quy hoạch sau khi giải quyết khiếu nại kỷ luật' })
      .waitFor();
    const restorations = await page
      .getByTestId('planning-restorations')
      .locator('li')
      .allInnerTexts();
    expect(restorations).toEqual([
      expect.stringMatching(
        /^pos-head — Giai đoạn 2025-2030: không khôi phục được — Quy hoạch chức vụ pos-head giai đoạn 2025-2030 đã đủ 3\/3 người .*\(quyết định giải quyết khiếu nại 20-QĐ .*, hồ sơ kỷ luật «Kỷ luật — Người p-an — pos-deputy»\)$/,
      ),
      expect.stringMatching(
        /^pos-chief — Giai đoạn 2025-2030: đã khôi phục vào quy hoạch \(quyết định giải quyết khiếu nại 20-QĐ .*, hồ sơ kỷ luật «Kỷ luật — Người p-an — pos-deputy»\)$/,
      ),
    ]);
    expect(restorations.join('\n')).not.toContain('planning pool full');
    // The cases the reasons name open from them (before: plain text, the id copied by hand), read
    // by what they are, the id a hint (before: the link read the bare id).
    const link = (within: string, name: string) =>
      page.getByTestId(within).getByRole('link', { name }).first();
    const href = (within: string, name: string) => link(within, name).getAttribute('href');
    const warning = 'Kỷ luật — Người p-an — pos-deputy';
    const rotation = 'Luân chuyển — Người p-an — Phó Giám đốc Sở Nội vụ';
    expect(await href('past-pool', warning)).toBe('/discipline-cases/d-warn');
    expect(await link('past-pool', warning).getAttribute('title')).toBe('Mã hồ sơ: d-warn');
    expect(await href('past-pool', rotation)).toBe('/cases/rot-dept');
    expect(await href('planning-restorations', warning)).toBe('/discipline-cases/d-warn');
    for (const within of ['past-pool', 'planning-restorations'])
      expect(
        await page
          .getByTestId(within)
          .getByRole('link', { name: /d-warn|rot-dept/ })
          .count(),
      ).toBe(0);
    await link('past-pool', rotation).click();
    await page.waitForURL(/\/cases\/rot-dept$/);
    await context.close();
  });
});
