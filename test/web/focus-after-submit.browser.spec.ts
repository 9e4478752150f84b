import { signIn } from './support/browser';
import { AN, DemoTown, ORGANIZATION_HEAD_POST, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

/** Where the keyboard is after a step is recorded, in Chromium against the real service. */
describe('focus after a successful submit', () => {
  let town: DemoTown;
  let caseId = '';

  beforeAll(async () => {
    town = await startDemoTown('web_focus_after_submit');
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
  });

  afterAll(async () => {
    await town?.close();
  });

  it('moves to the «Đã ghi nhận.» notice, so a screen reader and the keyboard go on from there', async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/${caseId}`);
    await page.locator('#current-step-title', { hasText: 'lần 1' }).waitFor();
    await page.getByLabel('Số biên bản', { exact: true }).fill('BB-01');
    await page.getByLabel('Kết luận', { exact: true }).fill('Thống nhất vị trí, tiêu chuẩn');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã ghi nhận.' }).waitFor();
    // Before: focus fell to BODY as the form re-rendered for the next step.
    await page.locator('[role="status"]:focus', { hasText: 'Đã ghi nhận.' }).waitFor();
    await page.context().close();
  });
});
