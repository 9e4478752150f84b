import * as path from 'node:path';
import request from 'supertest';
import { Browser, Page } from 'playwright-core';
import { RegistryService } from '../../src/cadres/registry.service';
import { loadDemoData } from '../../src/seed/demo-data-loader';
import { addDays, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import {
  buildWebApp,
  launchChromium,
  listeningPort,
  ROOT,
  signIn,
  WEB_DIST,
} from './support/browser';

jest.setTimeout(240_000);

/**
 * The choices of consequence on a discipline case start empty and are refused until made: the
 * decision's «Hình thức kỷ luật» (before: «Khiển trách» or the ballot's form preset, so a number and
 * a signer decided a reprimand nobody chose), the verification's «Xác định có vi phạm» (before:
 * «Có vi phạm»), and the opening form's «Loại vi phạm» and «Nguồn phát hiện» (before: «Quản lý đất
 * đai», «Phản ánh, báo cáo»). «Sửa bước» opens its form with the keyboard in it, and «Hủy» gives
 * the keyboard back to the button (before: it fell to <body>).
 */
describe('a discipline case asks for each choice of consequence', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const http = () => request(t.server as never);
  const bearer = (user: string, roles: string[]) => ({
    Authorization: `Bearer ${t.token(user, roles, 'ou-ha-noi')}`,
  });
  const today = vietnamToday();
  const inspector = () => bearer('inspector-1', ['inspector']);
  const staff = () => bearer('staff-1', ['organization_staff']);
  const leader = () => bearer('leader-1', ['leadership']);

  // Each case its own violation day: one violation is disciplined once per track
  // (discipline.violation_already_handled), and these are the same person's cases.
  let opened = 0;
  const openCase = (id: string) =>
    http()
      .post('/discipline-cases')
      .set(inspector())
      .send({
        id,
        definition: 'discipline.civil-service',
        personId: 'p-tran-thi-binh',
        orgUnitId: 'ou-ha-noi-home-affairs',
        summary: 'Vi phạm quy định quản lý đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -200 - opened++),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
        },
      })
      .expect(201);
  const step = (id: string, stepId: string, who: Record<string, string>, body: object) =>
    http()
      .post(`/discipline-cases/${id}/steps/${stepId}`)
      .set(who)
      .send({ heldOn: today, minutesRef: `BB-${stepId}`, conclusion: 'Kết luận', ...body });
  const caseView = async (id: string) =>
    (await http().get(`/discipline-cases/${id}`).set(staff()).expect(200)).body as {
      status: string;
      currentStep: { id: string } | null;
      form?: string;
      steps: { stepId: string; violationConfirmed?: boolean }[];
    };
  /** Waits for the keyboard to be on what `selector` finds (a `:focus` locator, polled). */
  const focusOn = (page: Page, selector: string, text?: string) =>
    page.locator(`${selector}:focus`, text ? { hasText: text } : {}).waitFor({ timeout: 5_000 });

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_discipline_choices', {
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
    // A civil servant whose council recommended a warning: at the authority's decision.
    await openCase('d-decide');
    for (const [stepId, who] of [
      ['verification', inspector()],
      ['self-criticism', staff()],
      ['review', inspector()],
    ] as const)
      await step(
        'd-decide',
        stepId,
        who,
        stepId === 'verification' ? { violationConfirmed: true } : {},
      ).expect(200);
    await http()
      .post('/discipline-cases/d-decide/steps/ballot')
      .set(bearer('secretary-1', ['ballot_secretary']))
      .send({
        heldOn: today,
        minutesRef: 'BB-HDKL',
        tally: {
          members: 5,
          summoned: 5,
          present: 5,
          invalid: 0,
          noDiscipline: 1,
          votesByForm: { warning: 4 },
        },
      })
      .expect(200);
    await openCase('d-verify');
    await openCase('d-minutes');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the API refuses a decision without its form, naming the field', async () => {
    const refused = await http()
      .post('/discipline-cases/d-decide/steps/decision')
      .set(leader())
      .send({
        heldOn: today,
        number: '12/QĐ-UBND',
        signer: 'Chủ tịch UBND thành phố',
        effectiveFrom: today,
      })
      .expect(400);
    expect(refused.body.field).toBe('form');
    expect((await caseView('d-decide')).currentStep?.id).toBe('decision');
  });

  it('the decision form starts on «— Chọn hình thức —» and decides nothing until a form is chosen', async () => {
    const { page } = await signIn(browser, base, 'leader-1');
    const sent: unknown[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/discipline-cases/d-decide/'))
        sent.push(r.url());
    });
    await page.goto(`${base}/discipline-cases/d-decide`);
    await page.locator('#current-step-title', { hasText: 'quyết định kỷ luật' }).waitFor();
    const form = page.getByLabel('Hình thức kỷ luật');
    expect(await form.inputValue()).toBe('');
    expect(await form.locator('option:checked').innerText()).toBe('— Chọn hình thức —');
    await page.getByLabel('Số quyết định').fill('12/QĐ-UBND');
    await page.getByLabel('Người ký').fill('Chủ tịch UBND thành phố');
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    const error = page.locator('#d-form-error');
    await error.waitFor();
    expect(await error.innerText()).toBe('Chưa chọn hình thức kỷ luật');
    // The keyboard is taken to the choice to make.
    await page.locator('#d-form:focus').waitFor({ timeout: 5_000 });
    expect(await form.getAttribute('aria-invalid')).toBe('true');
    expect(sent).toEqual([]);
    expect((await caseView('d-decide')).currentStep?.id).toBe('decision');

    await form.selectOption('warning');
    expect(await page.locator('#d-form-error').count()).toBe(0);
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page
      .locator('[data-testid="discipline-status"]', { hasText: 'Đã quyết định kỷ luật' })
      .waitFor();
    expect((await caseView('d-decide')).form).toBe('warning');
    await page.context().close();
  });

  it('the verification asks whether there was a violation; «Sửa bước» takes the keyboard to its form and «Hủy» back', async () => {
    const { page } = await signIn(browser, base, 'inspector-1');
    await page.goto(`${base}/discipline-cases/d-verify`);
    await page.locator('#current-step-title', { hasText: 'xác minh' }).waitFor();
    const finding = page.getByLabel('Xác định có vi phạm');
    expect(await finding.inputValue()).toBe('');
    expect(await finding.locator('option:checked').innerText()).toBe('— Chọn kết luận —');
    await page.getByLabel('Số biên bản').fill('BB-XM-01');
    await page.getByLabel('Kết luận', { exact: true }).fill('Có dấu hiệu vi phạm');
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    const error = page.locator('#d-violationConfirmed-error');
    await error.waitFor();
    expect(await error.innerText()).toBe('Chưa chọn kết luận có vi phạm hay không');
    await page.locator('#d-violationConfirmed:focus').waitFor({ timeout: 5_000 });
    expect((await caseView('d-verify')).currentStep?.id).toBe('verification');

    await finding.selectOption({ label: 'Có vi phạm' });
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.locator('#current-step-title', { hasText: 'kiểm điểm' }).waitFor();
    const recorded = (await caseView('d-verify')).steps.find((s) => s.stepId === 'verification');
    expect(recorded?.violationConfirmed).toBe(true);

    // «Sửa bước» by keyboard: its form opens with the keyboard on its first field.
    const correct = page.getByRole('button', { name: 'Sửa bước' });
    await correct.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('correct-step').waitFor();
    await focusOn(page, '[data-testid="correct-step"] form :is(input, select, textarea)');
    // The correction starts from the finding recorded, not from an empty choice.
    expect(await page.getByLabel('Xác định có vi phạm').inputValue()).toBe('true');
    await page.getByTestId('correct-step').getByRole('button', { name: 'Hủy' }).click();
    await correct.waitFor();
    await focusOn(page, 'button', 'Sửa bước');
    await page.context().close();
  });

  it('the verification names a missing «Số biên bản» on its field and sends nothing', async () => {
    const { page } = await signIn(browser, base, 'inspector-1');
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/discipline-cases/d-minutes/'))
        sent.push(r.url());
    });
    await page.goto(`${base}/discipline-cases/d-minutes`);
    await page.locator('#current-step-title', { hasText: 'xác minh' }).waitFor();
    const minutes = page.getByLabel('Số biên bản');
    await page.getByLabel('Xác định có vi phạm').selectOption({ label: 'Có vi phạm' });
    await page.getByLabel('Kết luận', { exact: true }).fill('Có dấu hiệu vi phạm');
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    // Before: sent, and the server's refusal came back after it.
    const error = page.locator('#d-minutesRef-error');
    await error.waitFor();
    expect(await error.innerText()).toBe('Bắt buộc');
    await page.locator('#d-minutesRef:focus').waitFor({ timeout: 5_000 });
    expect(await minutes.getAttribute('aria-invalid')).toBe('true');
    expect(sent).toEqual([]);

    await minutes.fill('BB-XM-02');
    expect(await page.locator('#d-minutesRef-error').count()).toBe(0);
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.locator('#current-step-title', { hasText: 'kiểm điểm' }).waitFor();
    expect((await caseView('d-minutes')).currentStep?.id).toBe('self-criticism');
    await page.context().close();
  });

  it('the opening form starts with no kind of violation and no source, marks what it requires, and names what is missing', async () => {
    const { page } = await signIn(browser, base, 'inspector-1');
    await page.goto(`${base}/discipline-cases/new`);
    const category = page.getByLabel('Loại vi phạm');
    const source = page.getByLabel('Nguồn phát hiện');
    await category.waitFor();
    expect(await category.inputValue()).toBe('');
    expect(await category.locator('option:checked').innerText()).toBe('— Chọn loại vi phạm —');
    expect(await source.inputValue()).toBe('');
    expect(await source.locator('option:checked').innerText()).toBe('— Chọn nguồn phát hiện —');
    // Required fields are marked, as on /cases/new (before: no mark, no note).
    expect(await page.getByTestId('discipline-open-required').innerText()).toBe(
      'Bắt buộc: cán bộ, đơn vị, tóm tắt, loại vi phạm, nguồn phát hiện, ngày vi phạm và nội dung vi phạm.',
    );
    for (const label of [
      'Chọn cán bộ',
      'Đơn vị thực hiện',
      'Tóm tắt',
      'Loại vi phạm',
      'Nguồn phát hiện',
      'Ngày vi phạm',
      'Nội dung vi phạm',
    ])
      expect(await page.getByLabel(label, { exact: true }).getAttribute('aria-required')).toBe(
        'true',
      );
    await page.getByLabel('Tìm cán bộ theo tên').fill('tran thi');
    await page
      .getByLabel('Chọn cán bộ')
      .locator('option', { hasText: 'Trần Thị Bình' })
      .waitFor({ state: 'attached' });
    await page.getByLabel('Chọn cán bộ').selectOption('p-tran-thi-binh');
    await page.getByLabel('Tóm tắt').fill('Vi phạm quy định về đầu tư công');
    const [y, m, d] = addDays(today, -30).split('-');
    await page.getByLabel('Ngày vi phạm').fill(`${d}/${m}/${y}`);
    await page.getByLabel('Nội dung vi phạm').fill('Phê duyệt dự án sai thẩm quyền');
    const open = page.getByRole('button', { name: 'Mở hồ sơ kỷ luật' }).last();
    // Before: the button stayed disabled and nothing said why. Now it refuses on what is missing,
    // with focus on the first of it.
    await open.click();
    const categoryError = page.locator('#violation-category-error');
    await categoryError.waitFor();
    expect(await categoryError.innerText()).toBe('Chưa chọn loại vi phạm');
    expect(await page.locator('#violation-source-error').innerText()).toBe(
      'Chưa chọn nguồn phát hiện',
    );
    expect(await page.getByTestId('discipline-open-missing').innerText()).toBe(
      'Chưa mở hồ sơ kỷ luật, còn thiếu: loại vi phạm, nguồn phát hiện.',
    );
    await page.waitForFunction("document.activeElement?.id === 'violation-category'");
    expect(new URL(page.url()).pathname).toBe('/discipline-cases/new');
    await category.selectOption('public_investment');
    await source.selectOption('denunciation');
    await open.click();
    await page.waitForURL(/\/discipline-cases\/d-/);
    const caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const opened = await http().get(`/discipline-cases/${caseId}`).set(inspector()).expect(200);
    expect(opened.body.violation).toMatchObject({
      category: 'public_investment',
      source: 'denunciation',
    });
    await page.context().close();
  });
});
