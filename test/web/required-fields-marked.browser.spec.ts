import { Page } from 'playwright-core';
import { axeViolations, signIn } from './support/browser';
import { addDays, vietnamToday } from '../support/registry-fixture';
import { AN, BINH, DemoTown, ORGANIZATION_HEAD_POST, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

/**
 * A step form says which fields it needs before anything is sent: each required control carries
 * aria-required and its label a «*», and a line above the form says what «*» means. Before, the
 * appointment's first step and the discipline case's «Kiểm tra, xác minh» said «Bắt buộc» only
 * under a field left empty after a refused submit, and the discipline inputs carried no
 * aria-required at all.
 */
describe('required fields in step forms, before any submit', () => {
  let town: DemoTown;
  let caseId = '';
  const disciplineId = 'd-web-required-marked';

  beforeAll(async () => {
    town = await startDemoTown('web_required_marked');
    const opened = await town
      .http()
      .post('/cases')
      .set(town.bearer('staff-1', ['organization_staff']))
      .send({
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: AN,
        positionId: ORGANIZATION_HEAD_POST,
        orgUnitId: 'ou-ha-noi-party-committee',
        summary: 'Bổ nhiệm Trưởng ban Tổ chức Thành ủy',
      })
      .expect(201);
    caseId = opened.body.id;
    await town
      .http()
      .post('/discipline-cases')
      .set(town.bearer('inspector-1', ['inspector']))
      .send({
        id: disciplineId,
        definition: 'discipline.party',
        personId: BINH,
        orgUnitId: 'ou-ha-noi-home-affairs',
        summary: 'Vi phạm quy định quản lý ngân sách',
        violation: {
          category: 'budget',
          committedOn: addDays(vietnamToday(), -30),
          description: 'Vi phạm quy định quản lý ngân sách',
          source: 'inspection',
        },
      })
      .expect(201);
  });

  afterAll(async () => {
    await town?.close();
  });

  /** Whether a labelled control is marked required, to a screen reader and to the eye. */
  const marked = async (page: Page, label: string) => {
    const control = page.getByLabel(label, { exact: true });
    const field = page.locator('.field').filter({ has: control });
    const mark = field.locator('.required-mark');
    return {
      aria: await control.getAttribute('aria-required'),
      mark: (await mark.count()) === 1 ? await mark.innerText() : null,
    };
  };

  it('marks the appointment step 1 fields, with the «*» line above the form', async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/${caseId}`);
    await page.locator('#current-step-title', { hasText: 'lần 1' }).waitFor();
    const form = page.locator('form.step-form');
    expect(await form.getByTestId('required-hint').innerText()).toBe('Ô có dấu * là bắt buộc.');
    expect(await marked(page, 'Số biên bản')).toEqual({ aria: 'true', mark: '*' });
    expect(await marked(page, 'Kết luận')).toEqual({ aria: 'true', mark: '*' });
    // An optional field stays unmarked.
    expect(await marked(page, 'Ý kiến của cán bộ')).toEqual({ aria: null, mark: null });
    expect(await page.getByText('Bắt buộc', { exact: true }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('marks the discipline «Kiểm tra, xác minh» fields the same way', async () => {
    const { page } = await signIn(town.browser, town.base, 'inspector-1');
    await page.goto(`${town.base}/discipline-cases/${disciplineId}`);
    await page.locator('#current-step-title').waitFor();
    expect(await page.getByTestId('required-hint').innerText()).toBe('Ô có dấu * là bắt buộc.');
    expect(await marked(page, 'Số biên bản')).toEqual({ aria: 'true', mark: '*' });
    expect(await marked(page, 'Kết luận')).toEqual({ aria: 'true', mark: '*' });
    expect(await marked(page, 'Ghi chú')).toEqual({ aria: null, mark: null });
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
