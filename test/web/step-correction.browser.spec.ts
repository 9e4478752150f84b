import * as path from 'node:path';
import request from 'supertest';
import { Browser } from 'playwright-core';
import { RegistryService } from '../../src/cadres/registry.service';
import { loadDemoData } from '../../src/seed/demo-data-loader';
import { vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import {
  axeViolations,
  buildWebApp,
  launchChromium,
  listeningPort,
  ROOT,
  screenshot,
  WEB_DIST,
  signIn,
} from './support/browser';

jest.setTimeout(240_000);

const CASE = 'c-web-correction';

/**
 * "Sửa bước" in Chromium against the real service: a final ballot typed 6 of 13 rejected the case;
 * the clerk sees the original values, corrects them to 10 with a reason and the case goes on; the
 * secretary is offered no correction; the auditor sees both versions and who corrected what, the
 * corrector by name.
 */
describe('correcting a step in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const http = () => request(t.server as never);
  const bearer = (user: string, roles: string[], name?: string) => ({
    Authorization: `Bearer ${t.token(user, roles, 'ou-ha-noi', undefined, name)}`,
  });
  const today = vietnamToday();
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
    candidates: [{ personId: 'p-nguyen-van-an', votes: 16 }],
  });

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_correction', {
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
    const staff = bearer('staff-1', ['organization_staff']);
    // The secretary's token names them, as the sign-in's does.
    const secretary = bearer('secretary-1', ['ballot_secretary'], 'Thư ký hội nghị');
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: CASE,
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-nguyen-van-an',
        positionId: 'pos-ha-noi-head-organization',
        orgUnitId: 'ou-ha-noi-party-committee',
        summary: 'Bổ nhiệm Trưởng ban Tổ chức Thành ủy',
      })
      .expect(201);
    const steps: [string, Record<string, string>, object][] = [
      [
        'leadership-round-1',
        staff,
        { heldOn: today, minutesRef: 'BB-01', conclusion: 'Thống nhất' },
      ],
      ['expanded-nomination', secretary, nomination('BB-02')],
      ['leadership-round-2', secretary, { ...tally(10), minutesRef: 'BB-03' }],
      ['key-officials-nomination', secretary, nomination('BB-04')],
      ['leadership-round-3', secretary, tally(6)],
    ];
    for (const [stepId, who, body] of steps)
      await http().post(`/cases/${CASE}/steps/${stepId}`).set(who).send(body).expect(200);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the secretary who typed it is offered no correction', async () => {
    const { page } = await signIn(browser, base, 'secretary-1');
    await page.goto(`${base}/cases/${CASE}`);
    await page
      .locator('[data-testid="case-status"]', { hasText: 'Không được chấp thuận' })
      .waitFor();
    expect(await page.getByRole('button', { name: 'Sửa bước' }).count()).toBe(0);
    await page.context().close();
  });

  it('the clerk sees the original tally, corrects it with a reason and the case goes on', async () => {
    const { page } = await signIn(browser, base, 'staff-1');
    await page.goto(`${base}/cases/${CASE}`);
    await page
      .locator('[data-testid="case-status"]', { hasText: 'Không được chấp thuận' })
      .waitFor();
    await page.getByRole('button', { name: 'Sửa bước' }).click();
    const original = page.getByTestId('correct-step-original');
    await original.getByText('không thông qua').waitFor();
    expect(await original.innerText()).toContain('Đồng ý 6');
    // Who recorded the step, by the name their token gave (before: "Người ghi nhận: secretary-1").
    const recorder = page
      .locator('dt', { hasText: 'Người ghi nhận' })
      .locator('xpath=following-sibling::dd[1]');
    expect(await recorder.innerText()).toBe('Thư ký hội nghị');
    // The form starts from what was typed.
    expect(await page.getByLabel('Đồng ý', { exact: true }).inputValue()).toBe('6');
    expect(await axeViolations(page)).toEqual([]);
    // Without a reason nothing is sent.
    await page.getByLabel('Đồng ý', { exact: true }).fill('10');
    await page.getByLabel('Không đồng ý', { exact: true }).fill('3');
    await page.locator('[data-verdict="passes"]').waitFor();
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.locator('#f-reason-error').waitFor();
    // A ballot's correction reason is read where its figures are not: the form says so.
    expect(await page.locator('#f-reason-hint').innerText()).toContain('không ghi lại số phiếu');
    await page.getByLabel('Lý do sửa').fill('Nhập nhầm 6 thay vì 10; biên bản BB-05 ghi 10/13');
    await screenshot(page, 'correct-step-form');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByText('Đã sửa bước.').waitFor();
    await page.locator('[data-testid="case-status"]', { hasText: 'Đang xử lý' }).waitFor();
    await page.locator('#current-step-title', { hasText: /Thẩm định/ }).waitFor();
    const note = page.getByTestId('step-correction');
    expect(await note.innerText()).toContain('Nhập nhầm 6 thay vì 10');
    expect(await note.innerText()).toContain('Đồng ý 6');
    await page.context().close();
  });

  it('the auditor sees both versions and who corrected what', async () => {
    const { page } = await signIn(browser, base, 'auditor-1');
    // The case's state as of a moment answers late (as on a loaded server): the timeline titles
    // its correction from the history it already has, not once that state arrives (before, the
    // line showed "leadership-round-3" until then).
    await page.route(`${base}/cases/${CASE}`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.goto(`${base}/cases/${CASE}/history`);
    const line = page.getByTestId('timeline-correction');
    await line.waitFor();
    // The step by its Vietnamese title, as the case page names it (before: "Sửa bước leadership-round-3").
    expect(await line.innerText()).toContain(
      'Sửa bước «Hội nghị tập thể lãnh đạo lần 3 – biểu quyết»',
    );
    expect(await line.innerText()).not.toContain('leadership-round-3');
    expect(await line.innerText()).toContain('Nhập nhầm 6 thay vì 10');
    // Who corrected it, by the name their token gave, their id (what the hash covers) beside it
    // (before: "Người thực hiện staff-1" alone).
    const corrected = page.locator('ol.timeline > li', { has: line });
    expect(await corrected.getByTestId('timeline-actor').innerText()).toBe(
      'Cán bộ Ban Tổ chức Thành ủy staff-1',
    );
    // The timeline keeps the original tally and the rejection before the correction.
    const timeline = await page.locator('ol.timeline').innerText();
    expect(timeline.indexOf('BallotTallied')).toBeLessThan(timeline.indexOf('CaseRejected'));
    expect(timeline.indexOf('CaseRejected')).toBeLessThan(timeline.indexOf('StepCorrected'));
    // Each event read in Vietnamese beside its stored type, roles and units by their names
    // (before: "organization_staff", "ou-ha-noi").
    expect(timeline).toContain('Kiểm phiếu biểu quyết');
    expect(timeline).toContain('Đính chính bước');
    expect(timeline).not.toMatch(/organization_staff|ballot_secretary/);
    expect(timeline).not.toMatch(/\bou-ha-noi\b/);
    // The corrector by the name their sign-in gave, not the user id (before: "bởi staff-1").
    await page.getByTestId('step-correction').waitFor();
    const note = await page.getByTestId('step-correction').innerText();
    expect(note).toContain('bởi Cán bộ Ban Tổ chức Thành ủy');
    expect(note).not.toContain('staff-1');
    await screenshot(page, 'correct-step-history');
    await page.context().close();
  });
});
