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
  let rotationId = '';
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
    // A rotation at «Gặp cán bộ, nghe ý kiến», whose definition requires the person's opinion.
    const staff = town.bearer('staff-1', ['organization_staff']);
    const rotation = await town
      .http()
      .post('/cases')
      .set(staff)
      .send({
        procedure: 'rotation',
        definition: 'rotation.standard',
        personId: AN,
        // Another unit than the deputy head of organization he holds (rotation.same_unit).
        positionId: 'pos-ha-noi-director-home-affairs',
        orgUnitId: 'ou-ha-noi-peoples-committee',
        summary: 'Luân chuyển cán bộ',
      })
      .expect(201);
    rotationId = rotation.body.id;
    const heldOn = vietnamToday();
    for (const [stepId, body] of [
      ['proposal', { summary: 'Đề xuất luân chuyển' }],
      ['discussion', { minutesRef: 'BB-1', conclusion: 'Đạt tiêu chuẩn chính trị' }],
    ] as const)
      await town
        .http()
        .post(`/cases/${rotationId}/steps/${stepId}`)
        .set(staff)
        .send({ heldOn, ...body })
        .expect(200);
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

  it('marks «Ý kiến của cán bộ» required where the step requires it, and does not send it empty', async () => {
    const { page } = await signIn(town.browser, town.base, 'leader-1');
    let sent = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes(`/cases/${rotationId}/steps/`)) sent++;
    });
    await page.goto(`${town.base}/cases/${rotationId}`);
    await page.locator('#current-step-title', { hasText: 'Gặp cán bộ, nghe ý kiến' }).waitFor();
    // Before: unmarked, sent without it, and refused «… bắt buộc phải có personOpinion».
    expect(await marked(page, 'Ý kiến của cán bộ')).toEqual({ aria: 'true', mark: '*' });
    expect(await marked(page, 'Ghi chú')).toEqual({ aria: null, mark: null });
    await page.getByLabel('Kết luận', { exact: true }).fill('Cán bộ đồng ý luân chuyển');
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    const error = page.locator('#f-personOpinion-error');
    await error.waitFor();
    expect(await error.innerText()).toBe('Bắt buộc');
    await page.locator('#f-personOpinion:focus').waitFor({ timeout: 5_000 });
    expect(sent).toBe(0);
    await page.context().close();
  });

  it('requires the head’s decision when the leadership vote ties, and marks it invalid until chosen', async () => {
    const heldOn = vietnamToday();
    await town
      .http()
      .post(`/cases/${rotationId}/steps/meet-person`)
      .set(town.bearer('leader-1', ['leadership']))
      .send({ heldOn, conclusion: 'Đồng ý', personOpinion: 'Tôi đồng ý' })
      .expect(200);
    await town
      .http()
      .post(`/cases/${rotationId}/steps/vetting`)
      .set(town.bearer('staff-1', ['organization_staff']))
      .send({
        heldOn,
        items: ['background', 'asset_declaration', 'political_standards'].map((item) => ({
          item,
          result: 'cleared',
        })),
      })
      .expect(200);
    const { page } = await signIn(town.browser, town.base, 'secretary-1');
    let sent = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes(`/cases/${rotationId}/steps/`)) sent++;
    });
    await page.goto(`${town.base}/cases/${rotationId}`);
    await page.locator('#current-step-title', { hasText: 'Tập thể lãnh đạo biểu quyết' }).waitFor();
    await page.getByLabel('Số biên bản', { exact: true }).fill('BB-3');
    for (const [label, value] of [
      ['Tổng số thành viên', '14'],
      ['Số được triệu tập', '14'],
      ['Số có mặt', '14'],
      ['Đồng ý', '7'],
      ['Không đồng ý', '7'],
      ['Không biểu quyết', '0'],
      ['Phiếu không hợp lệ', '0'],
    ])
      await page.getByLabel(label, { exact: true }).fill(value);
    await page.locator('[data-verdict="tie"]').waitFor();
    const head = 'Quyết định của người đứng đầu (khi ngang phiếu)';
    expect(await marked(page, head)).toEqual({ aria: 'true', mark: '*' });
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    const error = page.locator('#f-headDecision-error');
    await error.waitFor();
    expect(await error.innerText()).toBe('Bắt buộc');
    expect(await page.getByLabel(head).getAttribute('aria-invalid')).toBe('true');
    expect(sent).toBe(0);
    await page.getByLabel(head).selectOption({ label: 'Đồng ý' });
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.locator('#current-step-title', { hasText: 'Quyết định luân chuyển' }).waitFor();
    expect(sent).toBe(1);
    await page.context().close();
  });
});
