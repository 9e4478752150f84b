import { addDays, eventually, vietnamToday } from '../support/registry-fixture';
import { signIn } from './support/browser';
import { BINH, DemoTown, startDemoTown } from './support/town-fixture';

jest.setTimeout(240_000);

/**
 * A second case on a violation already handled on the track (Nghị định 112/2020/NĐ-CP art. 2(2)):
 * the opening screen says so in Vietnamese, naming the case, and keeps the form as typed.
 */
describe('the opening screen refuses a violation already handled on the track', () => {
  let town: DemoTown;
  const today = vietnamToday();
  const committedOn = addDays(today, -40);

  beforeAll(async () => {
    town = await startDemoTown('web_violation_handled_once');
    const inspector = town.bearer('inspector-1', ['inspector']);
    await town
      .http()
      .post('/discipline-cases')
      .set(inspector)
      .send({
        id: 'd-web-first',
        definition: 'discipline.civil-service',
        personId: BINH,
        orgUnitId: 'ou-ha-noi-home-affairs',
        summary: 'Chi sai dự toán',
        violation: {
          category: 'budget',
          committedOn,
          description: 'Chi sai',
          source: 'inspection',
        },
      })
      .expect(201);
    await eventually(
      () => town.http().get(`/cadres/${BINH}`).set(inspector).expect(200),
      (r) => r.body.openCases?.some((c: { caseId: string }) => c.caseId === 'd-web-first'),
    );
  });
  afterAll(async () => {
    await town?.close();
  });

  it('names the open case and the field to state another violation', async () => {
    const { context, page } = await signIn(town.browser, town.base, 'inspector-1');
    await page.goto(`${town.base}/discipline-cases/new`);
    await page.getByLabel('Loại kỷ luật').selectOption('discipline.civil-service');
    await page.getByLabel('Tìm cán bộ theo tên').fill('tran thi');
    await page
      .getByLabel('Chọn cán bộ')
      .locator('option', { hasText: 'Trần Thị Bình' })
      .waitFor({ state: 'attached' });
    await page.getByLabel('Chọn cán bộ').selectOption(BINH);
    await page.getByLabel('Tóm tắt').fill('Chi sai dự toán');
    await page.getByLabel('Loại vi phạm').selectOption('budget');
    await page.getByLabel('Nguồn phát hiện').selectOption('inspection');
    const [y, m, d] = committedOn.split('-');
    await page.getByLabel('Ngày vi phạm').fill(`${d}/${m}/${y}`);
    await page.getByLabel('Nội dung vi phạm').fill('Một cách kể khác của cùng vi phạm');
    await page.getByRole('button', { name: 'Mở hồ sơ kỷ luật' }).last().click();
    // Said on «Vi phạm khác cùng ngày», focused, not in the box under the form.
    const distinct = page.getByLabel('Vi phạm khác cùng ngày');
    const error = page.locator('#violation-distinct-error');
    await error.waitFor();
    const text = await error.innerText();
    expect(text).toBe(
      `Vi phạm «Tài chính, ngân sách» ngày ${d}/${m}/${y} đã có hồ sơ kỷ luật về chính quyền: hồ sơ d-web-first (đang mở); mỗi hành vi vi phạm chỉ bị xử lý kỷ luật một lần bằng một hình thức (Nghị định 112/2020/NĐ-CP, Điều 2(2); Quy định 69-QĐ/TW). Nếu đây là một vi phạm khác cùng loại trong ngày đó, hãy ghi rõ lý do ở mục «Vi phạm khác cùng ngày»`,
    );
    expect(text).not.toMatch(/đã được xử lý kỷ luật về|already handled|violation_already_handled/);
    expect(await distinct.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#violation-distinct:focus').count()).toBe(1);
    expect(await page.locator('form .error[role="alert"]').count()).toBe(0);
    // The other case is a link to it.
    const link = error.getByRole('link', { name: 'd-web-first' });
    expect(await link.getAttribute('href')).toBe('/discipline-cases/d-web-first');
    expect(new URL(page.url()).pathname).toBe('/discipline-cases/new');
    await context.close();
  });
});
