import request from 'supertest';
import { Browser } from 'playwright-core';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { buildWebApp, launchChromium, listeningPort, signIn, WEB_DIST } from './support/browser';

jest.setTimeout(240_000);

/**
 * A rotation's decision card in Chromium: its years are how long the rotation is planned to last,
 * not a term of office (before: "Thời hạn: 3 năm", read as a term in the post). The person's page
 * then lists the post the rotation took them from, and why it ended (before: no past posts).
 */
describe('a rotation decided', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const bearer = (user: string, roles: string[]) => ({
    Authorization: `Bearer ${t.token(user, roles, 'ou-ha-noi')}`,
  });

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_rotation_decision', {
      RUN_WORKERS: 'true',
      DEV_SIGN_IN: 'true',
      WEB_DIR: WEB_DIST,
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    const staff = bearer('staff-1', ['organization_staff']);
    const leader = bearer('leader-1', ['leadership']);
    await buildRegistry(t, staff, {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      // The posts held before a rotation are the office's: a rotation leads to another unit.
      units: [{ id: 'ou-town-office', name: 'Văn phòng thị xã', kind: 'department' }],
      positions: [
        { id: 'pos-commune-chair', rank: 4 },
        { id: 'pos-deputy', rank: 5 },
        { id: 'pos-office', rank: 3, orgUnitId: 'ou-town-office' },
        { id: 'pos-ward-chair', rank: 4 },
        { id: 'pos-office-2', rank: 3, orgUnitId: 'ou-town-office' },
        { id: 'pos-office-3', rank: 3, orgUnitId: 'ou-town-office' },
        { id: 'pos-transfer-target', rank: 3 },
        { id: 'pos-deputy-a', rank: 5 },
        { id: 'pos-deputy-b', rank: 5 },
      ],
      people: [
        {
          id: 'p-pooled',
          dateOfBirth: '1988-02-02',
          pool: ['pos-deputy'],
          posts: [{ positionId: 'pos-office', from: addDays(today, -400), termEnd: null }],
        },
        {
          id: 'p-later',
          dateOfBirth: '1987-03-03',
          pool: ['pos-deputy'],
          posts: [{ positionId: 'pos-office-2', from: addDays(today, -400), termEnd: null }],
        },
        {
          id: 'p-transfer',
          dateOfBirth: '1986-04-04',
          posts: [{ positionId: 'pos-office-3', from: addDays(today, -400), termEnd: null }],
        },
        { id: 'p-lead', dateOfBirth: '1988-05-05' },
        { id: 'p-elected', dateOfBirth: '1987-07-07', pool: ['pos-deputy-a'] },
        { id: 'p-concurrent', dateOfBirth: '1987-08-08', pool: ['pos-deputy-b'] },
        { id: 'p-moved', dateOfBirth: '1986-06-06' },
      ],
    });
    // A leadership post (Trưởng phòng): held on an appointment term when a move fills it.
    await http()
      .post('/positions')
      .set(staff)
      .send({
        id: 'pos-head-culture',
        title: 'Trưởng phòng Văn hóa - Xã hội',
        orgUnitId: 'ou-town',
        appointingAuthority: 'ou-town',
        rank: 5,
        isLeadership: true,
      })
      .expect(201);
    await http()
      .post('/cadres/p-lead/planning-pool')
      .set(staff)
      .send({ positionId: 'pos-head-culture', term: '2025-2030', decisionRef: '112-QĐ/TU' })
      .expect(201);
    const rotate = async (
      caseId: string,
      personId: string,
      positionId: string,
      effectiveFrom: string,
      decide = true,
    ) => {
      const step = (stepId: string, who: Record<string, string>, body: object) =>
        http()
          .post(`/cases/${caseId}/steps/${stepId}`)
          .set(who)
          .send({ heldOn: today, ...body })
          .expect(200);
      await http()
        .post('/cases')
        .set(staff)
        .send({
          id: caseId,
          procedure: 'rotation',
          definition: 'rotation.standard',
          personId,
          positionId,
          orgUnitId: 'ou-town',
          summary: 'Luân chuyển về xã',
        })
        .expect(201);
      await step('proposal', staff, { summary: 'Tăng cường cho xã' });
      await step('discussion', staff, { minutesRef: 'BB-1', conclusion: 'Hai đơn vị thống nhất' });
      await step('meet-person', leader, { conclusion: 'Đã gặp', personOpinion: 'Đồng ý' });
      await step('vetting', staff, {
        items: ['background', 'asset_declaration', 'political_standards'].map((item) => ({
          item,
          result: 'cleared',
          note: 'Đã xác minh',
        })),
      });
      await step('leadership-vote', bearer('secretary-1', ['ballot_secretary']), {
        minutesRef: 'BB-2',
        tally: {
          members: 13,
          summoned: 13,
          present: 12,
          for: 10,
          against: 2,
          abstain: 0,
          invalid: 0,
        },
      });
      if (decide)
        await step('decision', leader, {
          number: '9-QĐ',
          signer: 'Bí thư',
          effectiveFrom,
          termYears: 3,
        });
    };
    await rotate('rot-web', 'p-pooled', 'pos-commune-chair', today);
    await rotate('rot-later', 'p-later', 'pos-ward-chair', addDays(today, 30));
    await rotate('rot-lead', 'p-lead', 'pos-head-culture', today);
    // A circumstance on p-later's record, recorded after the moves it would have held back.
    await http()
      .post('/cadres/p-later/statuses')
      .set(staff)
      .send({ status: 'under_investigation', from: addDays(today, -10), note: 'Đơn tố cáo' })
      .expect(201);
    // A transfer runs as a rotation case under transfer.standard.
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'tr-web',
        procedure: 'transfer',
        definition: 'transfer.standard',
        personId: 'p-transfer',
        positionId: 'pos-transfer-target',
        orgUnitId: 'ou-town',
        summary: 'Điều động về phòng',
      })
      .expect(201);
    // Two commune vice-chairs elected by the council, rotated by a decision the form records.
    for (const [positionId, holder, name] of [
      ['pos-vice-chair-a', 'p-elected', 'A'],
      ['pos-vice-chair-b', 'p-concurrent', 'B'],
    ]) {
      await http()
        .post('/positions')
        .set(staff)
        .send({
          id: positionId,
          title: `Phó Chủ tịch UBND xã ${name}`,
          orgUnitId: 'ou-town-office',
          appointingAuthority: 'ou-town',
          rank: 4,
          filledBy: 'election',
        })
        .expect(201);
      await http()
        .post(`/cadres/${holder}/posts`)
        .set(staff)
        .send({
          positionId,
          from: addDays(today, -600),
          termEnd: null,
          decisionRef: 'NQ 05/NQ-HĐND',
          electedOn: addDays(today, -600),
        })
        .expect(201);
    }
    await rotate('rot-elected', 'p-elected', 'pos-deputy-a', today, false);
    await rotate('rot-concurrent', 'p-concurrent', 'pos-deputy-b', today, false);
    // A transfer decided with no period typed (điều động: no instrument sets one).
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'tr-decided',
        procedure: 'transfer',
        definition: 'transfer.standard',
        personId: 'p-moved',
        positionId: 'pos-office-2',
        orgUnitId: 'ou-town',
        summary: 'Điều động về văn phòng',
      })
      .expect(201);
    const transferStep = (stepId: string, who: Record<string, string>, body: object) =>
      http()
        .post(`/cases/tr-decided/steps/${stepId}`)
        .set(who)
        .send({ heldOn: today, ...body })
        .expect(200);
    await transferStep('consult-receiving-unit', staff, {
      minutesRef: 'BB-T1',
      conclusion: 'Đồng ý',
    });
    await transferStep('candidate-unit-ballot', bearer('secretary-1', ['ballot_secretary']), {
      minutesRef: 'BB-T2',
      tally: { members: 8, summoned: 8, present: 8, for: 6, against: 2, abstain: 0, invalid: 0 },
    });
    await transferStep('evaluation-and-meeting', staff, {
      minutesRef: 'BB-T3',
      conclusion: 'Đã gặp',
    });
    await transferStep('vetting', staff, {
      items: ['background', 'asset_declaration', 'political_standards'].map((item) => ({
        item,
        result: 'cleared',
      })),
    });
    await transferStep('decision', leader, {
      number: '77/QĐ-UBND',
      signer: 'Chủ tịch UBND',
      effectiveFrom: today,
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('labels its years as the rotation’s planned duration, not a term', async () => {
    const { page } = await signIn(browser, base, 'leader-1');
    await page.goto(`${base}/cases/rot-web`);
    const card = page.getByTestId('decision');
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toMatch(/Thời gian luân chuyển, điều động dự kiến\s+3 năm/);
    // No row labelled a term (Thời hạn) for the rotation's years; the post's own term is apart.
    expect(text).not.toMatch(/^Thời hạn\n/m);
    // The minimum's ground by its instrument (before: "(rotation.minYears, state-2025-10-08)").
    expect(text).toMatch(/tối thiểu 3 năm \(Quy định 65-QĐ\/TW/);
    expect(text).not.toMatch(/rotation\.minYears|(state|party)-\d{4}-\d{2}-\d{2}/);
    await page.context().close();
  });

  it("on a 390 px phone the decision's values keep a readable width, each under its label", async () => {
    const { page } = await signIn(browser, base, 'leader-1', {
      viewport: { width: 390, height: 844 },
    });
    await page.goto(`${base}/cases/rot-lead`);
    const values = page.getByTestId('decision').locator('dd');
    await values.first().waitFor();
    const widths: [string, number][] = [];
    for (const value of await values.all())
      widths.push([await value.innerText(), Math.round((await value.boundingBox())?.width ?? 0)]);
    expect(widths.length).toBeGreaterThan(3);
    // Before: the value column was squeezed to a letter or two («N/g/u/y/ễ/n» one per line).
    expect(widths.filter(([, width]) => Number(width) <= 120)).toEqual([]);
    await page.context().close();
  });

  it("a rotation into a leadership post shows the post's term of 5 years beside the rotation's 3, with its reminder; a transfer with no period typed claims no minimum", async () => {
    const [y, m, d] = today.split('-');
    const { page } = await signIn(browser, base, 'leader-1');
    await page.goto(`${base}/cases/rot-lead`);
    const card = page.getByTestId('decision');
    await card.waitFor();
    const text = await card.innerText();
    // Before: the post had no term and no reminder; only the rotation's 3 years were shown.
    expect(text).toMatch(/Thời gian luân chuyển, điều động dự kiến\s+3 năm/);
    expect(text).toMatch(
      new RegExp(`Thời hạn giữ chức vụ\\s+5 năm, đến ngày ${d}/${m}/${Number(y) + 5}`),
    );
    expect(text).toMatch(/Ngày nhắc xem xét bổ nhiệm lại\s+\d{2}\/\d{2}\/\d{4}/);
    expect(text).toMatch(
      /Căn cứ thời hạn giữ chức vụ\s+Chức vụ lãnh đạo, quản lý giữ theo thời hạn bổ nhiệm/,
    );
    await page.goto(`${base}/cases/tr-decided`);
    await card.waitFor();
    const transfer = await card.innerText();
    // Before: "dự kiến 3 năm, tối thiểu 3 năm (transfer.minYears, …)" though nobody typed it.
    expect(transfer).toMatch(/Thời gian luân chuyển, điều động dự kiến\s+Không định thời gian/);
    expect(transfer).not.toMatch(/tối thiểu \d+ năm|transfer\.minYears/);
    await page.context().close();
  });

  it("the rotation decision form offers Kiêm nhiệm; without it an elected post is kept for the council's relief, with it every post", async () => {
    const decideOnForm = async (caseId: string, number: string, concurrently: boolean) => {
      const { page } = await signIn(browser, base, 'leader-1');
      await page.goto(`${base}/cases/${caseId}`);
      await page.getByLabel('Số quyết định').fill(number);
      await page.getByLabel('Người ký').fill('Bí thư Tỉnh ủy');
      // Before: the form had no Kiêm nhiệm for a rotation or a transfer.
      const keeps = page.getByLabel('Kiêm nhiệm: vẫn giữ chức vụ đang đảm nhiệm');
      if (concurrently) await keeps.check();
      else expect(await keeps.isChecked()).toBe(false);
      if (!concurrently) {
        // A year is fewer than the rotation's least: refused, citing its instrument alone
        // (before: "(rotation.minYears: Quy định 65-QĐ/TW …)", the rule's key beside it).
        const years = page.getByLabel('Thời gian luân chuyển, điều động (năm)');
        await years.fill('1');
        await page.getByRole('button', { name: 'Ghi nhận' }).click();
        const refusal = page.locator('.field-error, [id$="-error"]', { hasText: 'ít nhất 3 năm' });
        await refusal.first().waitFor();
        const said = await refusal.first().innerText();
        expect(said).toContain('đã nhập 1 (Quy định 65-QĐ/TW');
        expect(said).not.toContain('rotation.minYears');
        await years.fill('3');
      }
      await page.getByRole('button', { name: 'Ghi nhận' }).click();
      await page.locator('[data-testid="case-status"]', { hasText: 'Đã quyết định' }).waitFor();
      const text = await page.getByTestId('decision').innerText();
      await page.context().close();
      return text;
    };
    const postsOf = async (personId: string, taken: string) => {
      for (let tries = 0; tries < 100; tries++) {
        const person = await http()
          .get(`/cadres/${personId}`)
          .set(bearer('staff-1', ['organization_staff']));
        const posts: { positionId: string }[] = person.body.posts ?? [];
        if (posts.some((post) => post.positionId === taken))
          return posts.map((post) => post.positionId).sort();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`${personId} never took up ${taken}`);
    };
    // Before: 300-QĐ/TU ended the vice-chair's elected post on the record.
    const kept = await decideOnForm('rot-elected', '300-QĐ/TU', false);
    expect(kept).toMatch(
      /Chức vụ do bầu cử chưa thôi giữ\s+Phó Chủ tịch UBND xã A: vẫn giữ cho đến khi Hội đồng nhân dân đã bầu miễn nhiệm/,
    );
    expect(await postsOf('p-elected', 'pos-deputy-a')).toEqual([
      'pos-deputy-a',
      'pos-vice-chair-a',
    ]);
    const concurrent = await decideOnForm('rot-concurrent', '301-QĐ/TU', true);
    expect(concurrent).toMatch(/Kiêm nhiệm\s+Vẫn giữ chức vụ đang đảm nhiệm/);
    expect(concurrent).not.toContain('Chức vụ do bầu cử chưa thôi giữ');
    expect(await postsOf('p-concurrent', 'pos-deputy-b')).toEqual([
      'pos-deputy-b',
      'pos-vice-chair-b',
    ]);
  });

  it('the person page lists the post left, when and why it ended', async () => {
    // The decision's record is written by a saga: wait until the person's record has it.
    for (let tries = 0; tries < 100; tries++) {
      const person = await http()
        .get('/cadres/p-pooled')
        .set(bearer('staff-1', ['organization_staff']));
      if (person.body.pastPosts?.length) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cadres/p-pooled`);
    const past = page.getByTestId('past-posts');
    await past.locator('td', { hasText: 'pos-office' }).waitFor();
    const text = await past.innerText();
    // The case read by what it is, its id a hint (before: «(hồ sơ rot-web)»).
    expect(text).toContain(
      'Được luân chuyển, điều động giữ chức vụ pos-commune-chair (hồ sơ «Luân chuyển — Người p-pooled — pos-commune-chair»)',
    );
    expect(text).not.toContain('without keeping');
    await page.context().close();
  });

  it('a rotation that takes effect later: the post held until that day, the post to come in its own section', async () => {
    const later = addDays(today, 30);
    const [y, m, d] = later.split('-');
    for (let tries = 0; tries < 100; tries++) {
      const person = await http()
        .get('/cadres/p-later')
        .set(bearer('staff-1', ['organization_staff']));
      if (person.body.upcomingPosts?.length) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cadres/p-later`);
    const held = page.getByTestId('posts-held');
    await page.getByTestId('upcoming-posts').locator('td', { hasText: 'pos-ward-chair' }).waitFor();
    const rows = await held.locator('tbody tr').allInnerTexts();
    // The post held today, with the day it leaves it; the post to come in its own section
    // (before: listed among the posts held, "Nhận nhiệm vụ từ …" beside the one held).
    expect(rows).toEqual([
      expect.stringMatching(new RegExp(`pos-office-2.*Thôi giữ từ ${d}/${m}/${y}`)),
    ]);
    await page.getByRole('heading', { level: 2, name: 'Chức vụ sẽ đảm nhiệm' }).waitFor();
    expect(await page.getByTestId('upcoming-posts').locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(new RegExp(`pos-ward-chair\\s+Nhận nhiệm vụ từ ${d}/${m}/${y}`)),
    ]);
    expect(await page.getByTestId('past-posts').isHidden()).toBe(true);
    // The circumstances on the record, with since when (before: not on the page at all).
    const [sy, sm, sd] = addDays(today, -10).split('-');
    expect(await page.getByTestId('person-statuses').innerText()).toContain(
      `Đang bị điều tra, kiểm tra, xem xét tố cáo — từ ${sd}/${sm}/${sy} (Đơn tố cáo)`,
    );
    await page.context().close();
  });

  it('a transfer reads as a transfer (Điều động), in its title and the inbox, and the inbox filters it', async () => {
    const { page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cases/tr-web`);
    // Before: "Hồ sơ tr-web — Luân chuyển".
    await page.getByRole('heading', { level: 1, name: /^Điều động — / }).waitFor();
    expect(await page.getByTestId('case-id').innerText()).toBe('Mã hồ sơ: tr-web');
    await page.goto(`${base}/`);
    const row = page.locator('tr', { has: page.locator('a[href="/cases/tr-web"]') });
    await row.waitFor();
    expect(await row.innerText()).toContain('Điều động');
    await page.getByLabel('Thủ tục').selectOption('rotation');
    await row.waitFor({ state: 'detached' });
    await page.getByLabel('Thủ tục').selectOption('transfer');
    await row.waitFor();
    await page.context().close();
  });
});
