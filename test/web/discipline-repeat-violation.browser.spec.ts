import * as path from 'node:path';
import request from 'supertest';
import { Browser } from 'playwright-core';
import { RegistryService } from '../../src/cadres/registry.service';
import { loadDemoData } from '../../src/seed/demo-data-loader';
import { addMonths } from '../../src/workflow/rules/retirement';
import { movableClock } from '../support/movable-clock';
import { addDays, eventually, vietnamToday } from '../support/registry-fixture';
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

const dmy = (day: string) => day.split('-').reverse().join('/');

/**
 * A civil servant reprimanded 100 days ago commits a new violation ten days into the reprimand's
 * year; the council recommends a reprimand again. Where the form is chosen, the decision form says
 * the reprimand is still being served and a heavier form applies (Nghị định 172/2025/NĐ-CP art.
 * 2(3)), offers no reprimand, starts from a warning, and the warning is decided.
 */
describe('the decision form when a discipline is still in effect', () => {
  let t: TestApp;
  let browser: Browser;
  const http = () => request(t.server as never);
  const bearer = (user: string, roles: string[]) => ({
    Authorization: `Bearer ${t.token(user, roles, 'ou-ha-noi')}`,
  });
  const today = vietnamToday();
  const firstDay = addDays(today, -100);
  const clock = movableClock();

  /** `severity`: the form the new violation warrants on its own, the council's recommendation. */
  async function toCouncilRecommendation(
    id: string,
    committedOn: string,
    day: string,
    severity?: string,
  ) {
    await http()
      .post('/discipline-cases')
      .set(bearer('inspector-1', ['inspector']))
      .send({
        id,
        definition: 'discipline.civil-service',
        personId: 'p-tran-thi-binh',
        orgUnitId: 'ou-ha-noi-home-affairs',
        summary: 'Vi phạm quy định quản lý đất đai',
        violation: {
          category: 'land_management',
          committedOn,
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
          ...(severity ? { severity } : {}),
        },
      })
      .expect(201);
    for (const [stepId, who, extra] of [
      ['verification', bearer('inspector-1', ['inspector']), { violationConfirmed: true }],
      ['self-criticism', bearer('staff-1', ['organization_staff']), {}],
      ['review', bearer('inspector-1', ['inspector']), {}],
    ] as const)
      await http()
        .post(`/discipline-cases/${id}/steps/${stepId}`)
        .set(who)
        .send({ heldOn: day, minutesRef: 'BB', conclusion: 'Kết luận', ...extra })
        .expect(200);
    await http()
      .post(`/discipline-cases/${id}/steps/ballot`)
      .set(bearer('secretary-1', ['ballot_secretary']))
      .send({
        heldOn: day,
        minutesRef: 'BB-HDKL',
        tally: {
          members: 5,
          summoned: 5,
          present: 5,
          invalid: 0,
          noDiscipline: 0,
          votesByForm: { [severity ?? 'reprimand']: 5 },
        },
      })
      .expect(200);
  }

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp(
      'web_repeat_violation',
      { RUN_WORKERS: 'true', DEV_SIGN_IN: 'true', WEB_DIR: WEB_DIST },
      { clock },
    );
    await t.app.listen(0, '127.0.0.1');
    await loadDemoData(
      path.join(ROOT, 'seeds/demo/ha-noi.json'),
      t.app.get(RegistryService),
      new Date(),
    );
    clock.setDay(firstDay);
    await toCouncilRecommendation('d-first', addDays(firstDay, -30), firstDay);
    await http()
      .post('/discipline-cases/d-first/steps/decision')
      .set(bearer('leader-1', ['leadership']))
      .send({
        heldOn: firstDay,
        number: '12/QĐ-UBND',
        signer: 'Chủ tịch UBND thành phố',
        form: 'reprimand',
        effectiveFrom: firstDay,
      })
      .expect(200);
    clock.reset();
    await eventually(
      async () =>
        (
          await http()
            .get('/cadres/p-tran-thi-binh')
            .set(bearer('staff-1', ['organization_staff']))
        ).body,
      (body) => body.discipline?.length === 1,
    );
    await toCouncilRecommendation('d-second', addDays(firstDay, 10), today);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('says the reprimand is in effect, offers only heavier forms and decides a warning', async () => {
    const base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    const { context, page } = await signIn(browser, base, 'leader-1');
    await page.goto(`${base}/discipline-cases/d-second`);
    await page.locator('#current-step-title', { hasText: 'quyết định kỷ luật' }).waitFor();
    const notice = await page.getByTestId('heavier-form-required').innerText();
    expect(notice).toContain(
      `Đang trong thời gian thi hành kỷ luật khiển trách (QĐ số 12/QĐ-UBND ngày ${dmy(firstDay)}, hiệu lực đến ${dmy(addMonths(firstDay, 12))}): phải áp dụng hình thức nặng hơn một mức.`,
    );
    expect(notice).toContain('Hình thức được áp dụng: cảnh cáo');
    expect(notice).toContain('Nghị định 172/2025/NĐ-CP, Điều 2(3)');
    // The reprimand the council recommended cannot be chosen; nothing starts chosen.
    const form = page.getByLabel('Hình thức kỷ luật');
    expect(await form.inputValue()).toBe('');
    expect(await form.locator('option[value="reprimand"]').isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'discipline-heavier-form-required');

    await page.getByLabel('Số quyết định').fill('30/QĐ-UBND');
    await page.getByLabel('Người ký').fill('Chủ tịch UBND thành phố');
    await form.selectOption('warning');
    await page
      .getByLabel('Lý do quyết định khác kiến nghị của Hội đồng')
      .fill('Vi phạm trong thời gian thi hành kỷ luật khiển trách');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByText('Đã quyết định kỷ luật').first().waitFor();
    expect(await page.getByTestId('heavier-form-required').count()).toBe(0);
    await context.close();
  });

  it('art. 2(3)(b): a new violation warranting a warning on its own says one level above the warning', async () => {
    await toCouncilRecommendation('d-third', addDays(firstDay, 20), today, 'warning');
    const base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    const { context, page } = await signIn(browser, base, 'leader-1');
    await page.goto(`${base}/discipline-cases/d-third`);
    await page.locator('#current-step-title', { hasText: 'quyết định kỷ luật' }).waitFor();
    const notice = await page.getByTestId('heavier-form-required').innerText();
    expect(notice).toContain(
      `Đang trong thời gian thi hành kỷ luật khiển trách (QĐ số 12/QĐ-UBND ngày ${dmy(firstDay)}, hiệu lực đến ${dmy(addMonths(firstDay, 12))}); hành vi vi phạm mới tự nó bị xử lý ở hình thức cảnh cáo, nặng hơn hình thức đang thi hành: phải áp dụng hình thức nặng hơn một mức so với hình thức cảnh cáo.`,
    );
    // The warning the council recommended cannot be chosen.
    const form = page.getByLabel('Hình thức kỷ luật');
    expect(await form.locator('option[value="warning"]').isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
