import { addDays, vietnamToday } from '../support/registry-fixture';
import { axeViolations, signIn } from './support/browser';
import { AN, BINH, DemoTown, ORGANIZATION_HEAD_POST, startDemoTown } from './support/town-fixture';

jest.setTimeout(240_000);

/**
 * A case's id opened at the other engine's page (an appointment's at /discipline-cases/…, a
 * discipline case's at /cases/…): the server answers 404 case.other_kind with the route the case
 * is read at, and the page says so in Vietnamese with a link there (before: "Không tìm thấy — id:
 * c-… is a case, not a discipline case: it is read at /cases/c-…", English with the path bare).
 */
describe('a case id opened at the page of the other kind of case', () => {
  let town: DemoTown;
  let appointmentId = '';
  const disciplineId = 'd-web-other-kind';

  beforeAll(async () => {
    town = await startDemoTown('web_case_other_kind');
    const staff = town.bearer('staff-1', ['organization_staff']);
    const inspector = town.bearer('inspector-1', ['inspector']);
    const opened = await town
      .http()
      .post('/cases')
      .set(staff)
      .send({
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: AN,
        positionId: ORGANIZATION_HEAD_POST,
        orgUnitId: 'ou-ha-noi-party-committee',
        summary: 'Bổ nhiệm Trưởng ban Tổ chức Thành ủy',
      })
      .expect(201);
    appointmentId = opened.body.id;
    await town
      .http()
      .post('/discipline-cases')
      .set(inspector)
      .send({
        id: disciplineId,
        definition: 'discipline.party',
        personId: BINH,
        orgUnitId: 'ou-ha-noi-home-affairs',
        summary: 'Vi phạm quy định quản lý đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(vietnamToday(), -100),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
        },
      })
      .expect(201);
  });
  afterAll(async () => {
    await town?.close();
  });

  it('an appointment case opened as a discipline case links to its case page', async () => {
    const { context, page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/discipline-cases/${appointmentId}`);
    const refusal = page.getByTestId('case-other-kind');
    await refusal.waitFor();
    expect(await refusal.innerText()).toBe(
      `Mã hồ sơ thuộc loại hồ sơ khác — ${appointmentId} là hồ sơ công tác cán bộ, không phải hồ sơ kỷ luật. Xem hồ sơ ${appointmentId}`,
    );
    expect(await axeViolations(page)).toEqual([]);
    await refusal.getByRole('link', { name: `Xem hồ sơ ${appointmentId}` }).click();
    await page.getByTestId('case-id').getByText(`Mã hồ sơ: ${appointmentId}`).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cases/${appointmentId}`);
    await context.close();
  });

  it('a discipline case opened as a case links to the discipline case page', async () => {
    const { context, page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/${disciplineId}`);
    const refusal = page.getByTestId('case-other-kind');
    await refusal.waitFor();
    expect(await refusal.innerText()).toBe(
      `Mã hồ sơ thuộc loại hồ sơ khác — ${disciplineId} là hồ sơ kỷ luật, không phải hồ sơ công tác cán bộ. Xem hồ sơ kỷ luật ${disciplineId}`,
    );
    await refusal.getByRole('link', { name: `Xem hồ sơ kỷ luật ${disciplineId}` }).click();
    await page.getByTestId('case-id').getByText(`Mã hồ sơ: ${disciplineId}`).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/discipline-cases/${disciplineId}`);
    await context.close();
  });
});
