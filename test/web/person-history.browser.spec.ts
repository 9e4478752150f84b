import * as path from 'node:path';
import request from 'supertest';
import { Browser } from 'playwright-core';
import { RegistryService } from '../../src/cadres/registry.service';
import { loadDemoData } from '../../src/seed/demo-data-loader';
import { addDays, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import {
  axeViolations,
  buildWebApp,
  launchChromium,
  listeningPort,
  ROOT,
  signIn,
  WEB_DIST,
} from './support/browser';

jest.setTimeout(240_000);

/**
 * A person's history on screen (`GET /cadres/:id/history`): the auditor opens it from the person
 * page and reads their record's events and their cases' in one timeline, each line saying which
 * case it belongs to, a ballot the auditor's role is not told shown as not announced. Before,
 * the person page had no link and `/cadres/:id/history` fell through to the audit screen.
 */
describe("a person's history in the web app", () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const http = () => request(t.server as never);
  const bearer = (user: string, role: string) => ({
    Authorization: `Bearer ${t.token(user, [role], 'ou-ha-noi')}`,
  });
  const meeting = (minutesRef: string, conclusion: string) => ({
    heldOn: vietnamToday(),
    minutesRef,
    conclusion,
  });

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_person_history', {
      RUN_WORKERS: 'true',
      DEV_SIGN_IN: 'true',
      WEB_DIR: WEB_DIST,
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    await loadDemoData(
      path.join(ROOT, 'seeds/demo/ha-noi.json'),
      t.app.get(RegistryService),
      new Date(),
    );
    // Staff sign in with a name in their token (the development sign-in): their events carry it.
    const signedIn = await http()
      .post('/auth/dev-sign-in')
      .send({
        userId: 'staff-ph',
        roles: ['organization_staff'],
        orgUnit: 'ou-ha-noi',
        name: 'Nguyễn Thị Hoa',
      })
      .expect(200);
    const staff = { Authorization: `Bearer ${signedIn.body.token as string}` };
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'a-web-ph',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-tran-thi-binh',
        positionId: 'pos-ha-noi-head-organization',
        orgUnitId: 'ou-ha-noi-party-committee',
        summary: 'Bổ nhiệm Trưởng ban Tổ chức',
      })
      .expect(201);
    await http()
      .post('/cases/a-web-ph/steps/leadership-round-1')
      .set(staff)
      .send(meeting('BB-01', 'Đồng ý'))
      .expect(200);
    // A correction in each of two cases under different definitions (appointment.internal@3,
    // discipline.party@2): each line's step is found in its own event's definition.
    await http()
      .post('/cases/a-web-ph/steps/leadership-round-1/corrections')
      .set(staff)
      .send({ ...meeting('BB-01', 'Thống nhất'), reason: 'Ghi nhầm kết luận' })
      .expect(200);
    await http()
      .post('/cases/a-web-ph/steps/expanded-nomination')
      .set(bearer('secretary-ph', 'ballot_secretary'))
      .send({
        heldOn: vietnamToday(),
        minutesRef: 'BB-02',
        members: 15,
        summoned: 15,
        present: 15,
        invalid: 0,
        candidates: [
          { personId: 'p-tran-thi-binh', votes: 12 },
          { personId: 'p-nguyen-van-an', votes: 3 },
        ],
      })
      .expect(200);
    const inspector = bearer('inspector-ph', 'inspector');
    await http()
      .post('/discipline-cases')
      .set(inspector)
      .send({
        id: 'd-web-ph',
        definition: 'discipline.party',
        personId: 'p-tran-thi-binh',
        orgUnitId: 'ou-ha-noi-home-affairs',
        summary: 'Vi phạm quy định quản lý đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(vietnamToday(), -200),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
        },
      })
      .expect(201);
    await http()
      .post('/discipline-cases/d-web-ph/steps/verification')
      .set(inspector)
      .send({ ...meeting('BB-KT', 'Có vi phạm'), violationConfirmed: true })
      .expect(200);
    await http()
      .post('/discipline-cases/d-web-ph/steps/verification/corrections')
      .set(inspector)
      .send({
        ...meeting('BB-KT', 'Có vi phạm'),
        violationConfirmed: true,
        reason: 'Sai số biên bản',
      })
      .expect(200);
    // Her resignation from her post: a removal case of its own kind.
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'r-web-ph',
        procedure: 'removal',
        definition: 'removal.resignation',
        personId: 'p-tran-thi-binh',
        positionId: 'pos-ha-noi-deputy-director-home-affairs',
        orgUnitId: 'ou-ha-noi-peoples-committee',
        summary: 'Đơn xin từ chức Phó Giám đốc Sở Nội vụ',
        grounds: { letterReceivedOn: vietnamToday(), reason: 'Lý do sức khỏe' },
      })
      .expect(201);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the auditor opens it from the person page: the record and the case in one timeline', async () => {
    const { context, page } = await signIn(browser, base, 'auditor-1');
    await page.goto(`${base}/cadres/p-tran-thi-binh`);
    await page.getByRole('link', { name: 'Lịch sử hồ sơ cán bộ' }).click();
    await page.waitForURL(/\/cadres\/p-tran-thi-binh\/history$/);
    await page
      .getByRole('heading', { level: 1, name: 'Lịch sử hồ sơ cán bộ: Trần Thị Bình' })
      .waitFor();
    // The history is a read model, a moment behind the writes.
    const nomination = page.locator('ol.timeline > li', { hasText: 'NominationTallied' });
    for (let i = 0; i < 60 && !(await nomination.count()); i++) {
      await page.waitForTimeout(250);
      await page.reload();
    }
    expect(await nomination.getByTestId('history-source').innerText()).toBe(
      'Bổ nhiệm: hồ sơ a-web-ph',
    );
    expect(await nomination.getByTestId('timeline-withheld').innerText()).toBe(
      'Đã ghi kết quả bỏ phiếu; kết quả không công bố với vai trò của bạn.',
    );
    const timeline = await page.locator('ol.timeline').innerText();
    expect(timeline).not.toMatch(/p-nguyen-van-an/);
    // Every event by its Vietnamese name, the stored type beside it once (before: the record's
    // events read "PersonRegistered PersonRegistered").
    const registered = page.locator('ol.timeline > li', { hasText: 'PersonRegistered' }).first();
    expect(await registered.locator('strong').innerText()).toMatch(/^\d+\. Lập hồ sơ cán bộ$/);
    expect((await registered.innerText()).match(/PersonRegistered/g)).toHaveLength(1);
    // The demo data's loader wrote it: the system, its writer's id beside (before: "system:seed" alone).
    expect(await registered.getByTestId('timeline-actor').innerText()).toBe('Hệ thống system:seed');
    // …acting in no person's role (before: "Quản trị", the role the loader stored for itself).
    expect(await registered.getByTestId('timeline-roles').innerText()).toBe('Hệ thống');
    // Staff acted: their name from their token, their id beside it (before: "staff-ph" alone).
    const opened = page.locator('ol.timeline > li', { hasText: 'CaseOpened' }).filter({
      hasText: 'hồ sơ a-web-ph',
    });
    expect(await opened.getByTestId('timeline-actor').innerText()).toBe('Nguyễn Thị Hoa staff-ph');
    expect(await opened.getByTestId('timeline-roles').innerText()).toBe('Cán bộ tổ chức');
    // The person's own record's events (registered by the demo data) are in the same timeline.
    expect(
      await page
        .getByTestId('history-source')
        .getByText('Hồ sơ cán bộ (lý lịch, chức vụ, quy hoạch, kỷ luật)', { exact: true })
        .count(),
    ).toBeGreaterThan(0);
    expect(await page.title()).toMatch(/^Lịch sử hồ sơ cán bộ — /);
    expect(await axeViolations(page)).toEqual([]);
    // Each case line opens that case's history.
    await nomination.getByRole('link', { name: 'hồ sơ a-web-ph' }).click();
    await page.waitForURL(/\/cases\/a-web-ph\/history$/);
    await page.locator('ol.timeline > li').first().waitFor();
    await context.close();
  });

  it("names each correction's step by its title from its own case's definition, in Vietnamese and in English", async () => {
    // The history is a read model, a moment behind the writes.
    const corrections = await eventually(
      async () =>
        (
          await http()
            .get('/cadres/p-tran-thi-binh/history')
            .set(bearer('auditor-1', 'auditor'))
            .set('X-Purpose', 'audit')
        ).body.events?.filter((e: { type: string }) => e.type === 'StepCorrected') ?? [],
      (found: unknown[]) => found.length === 2,
    );
    expect(corrections).toHaveLength(2);
    // The history names the actor where their token did (staff's), and only there (the inspector's
    // token had no name); the hash chain covers the name and the copy agrees with the store.
    expect(
      (corrections as { actorId: string; actorName: string | null }[]).map((e) => [
        e.actorId,
        e.actorName,
      ]),
    ).toEqual([
      ['staff-ph', 'Nguyễn Thị Hoa'],
      ['inspector-ph', null],
    ]);
    for (const stream of ['appointment-a-web-ph', 'discipline-d-web-ph', 'cadre-p-tran-thi-binh'])
      expect(
        (
          await http()
            .get(`/audit/verify?stream=${stream}`)
            .set(bearer('auditor-1', 'auditor'))
            .expect(200)
        ).body,
      ).toMatchObject({ ok: true, intact: true, historyDisagreements: [] });
    const { context, page } = await signIn(browser, base, 'auditor-1');
    // The catalog (which names the steps) answers late, as on a loaded server: the timeline must
    // not show a step's id until then (the fresh-clone run saw "leadership-round-3" on the case
    // history for that reason).
    await page.route(`${base}/catalog`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.goto(`${base}/cadres/p-tran-thi-binh/history`);
    await page.locator('ol.timeline > li').first().waitFor();
    // Read as soon as the timeline is drawn: before, "Sửa bước «leadership-round-1»" and
    // "Sửa bước «verification»".
    expect(await page.getByTestId('timeline-correction').allInnerTexts()).toEqual([
      'Sửa bước «Hội nghị tập thể lãnh đạo lần 1» — lý do: Ghi nhầm kết luận',
      'Sửa bước «Kiểm tra, xác minh vi phạm» — lý do: Sai số biên bản',
    ]);
    const timeline = await page.locator('ol.timeline').innerText();
    expect(timeline).not.toMatch(/leadership-round-1|«verification»/);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    const english = page.getByTestId('timeline-correction');
    await english.filter({ hasText: 'Leadership conference, round 1' }).waitFor();
    expect(await english.allInnerTexts()).toEqual([
      'Step “Leadership conference, round 1: post, standards, conditions, planning pool” corrected — reason: Ghi nhầm kết luận',
      'Step “Verification of the violation” corrected — reason: Sai số biên bản',
    ]);
    await context.close();
  });

  it('names each case by the procedure its definition reads as, as the case page does', async () => {
    const { context, page } = await signIn(browser, base, 'auditor-1');
    await page.goto(`${base}/cadres/p-tran-thi-binh/history`);
    // The history is a read model, a moment behind the writes.
    const opened = page.locator('ol.timeline > li', { hasText: 'hồ sơ r-web-ph' }).first();
    for (let i = 0; i < 60 && !(await opened.count()); i++) {
      await page.waitForTimeout(250);
      await page.reload();
    }
    // Before: "Miễn nhiệm, từ chức, cho thôi giữ chức vụ, tạm đình chỉ" (the stream's kind alone).
    expect(await opened.getByTestId('history-source').innerText()).toBe('Từ chức: hồ sơ r-web-ph');
    await context.close();
  });

  it('a role that may not read histories is offered no link', async () => {
    const { context, page } = await signIn(browser, base, 'leader-1');
    await page.goto(`${base}/cadres/p-tran-thi-binh`);
    await page.getByRole('heading', { level: 1, name: /Trần Thị Bình/ }).waitFor();
    expect(await page.getByRole('link', { name: 'Lịch sử hồ sơ cán bộ' }).count()).toBe(0);
    await context.close();
  });

  // Last: it changes her record behind the service.
  it("checks the person's own record and reads red «Bị sửa đổi» once a row of it is changed", async () => {
    const { context, page } = await signIn(browser, base, 'auditor-1');
    await page.goto(`${base}/cadres/p-tran-thi-binh/history`);
    await page.locator('ol.timeline > li').first().waitFor();
    const check = page.getByRole('button', { name: 'Kiểm tra chuỗi băm hồ sơ cán bộ' });
    const verdict = page.getByTestId('verify-result');
    await check.click();
    await verdict.getByText(/^Toàn vẹn: \d+ sự kiện, chuỗi băm hợp lệ\.$/).waitFor();
    expect(await verdict.getAttribute('data-intact')).toBe('true');

    // A database administrator rewrites her registration (before: the page had no check at all).
    await t.db.pool.query(
      `UPDATE events SET data = jsonb_set(data, '{fullName}', '"Người khác"')
        WHERE stream_id = 'cadre-p-tran-thi-binh' AND revision = 0`,
    );
    await check.click();
    await verdict.getByText('Bị sửa đổi: hồ sơ không còn toàn vẹn từ phiên bản 0.').waitFor();
    expect(await verdict.getAttribute('data-intact')).toBe('false');
    expect(await verdict.getAttribute('role')).toBe('alert');
    // Her registration's line in the timeline is marked as differing from the store.
    const registered = page.locator('ol.timeline > li', { hasText: 'PersonRegistered' }).first();
    await registered.getByText(/khác với kho sự kiện/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
