import { vietnamToday } from '../support/registry-fixture';
import { axeViolations, signIn } from './support/browser';
import { AN, DemoTown, ORGANIZATION_HEAD_POST, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

/** The audit page's "state as of" a moment typed, in Chromium against the real service. */
describe('the audit page’s state as of a moment', () => {
  let town: DemoTown;
  let caseId = '';

  beforeAll(async () => {
    town = await startDemoTown('web_audit_as_of');
    const staff = town.bearer('staff-1', ['organization_staff']);
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
    caseId = opened.body.id;
    await town
      .http()
      .post(`/cases/${caseId}/steps/leadership-round-1`)
      .set(staff)
      .send({ heldOn: vietnamToday(), minutesRef: 'BB-01', conclusion: 'Thống nhất' })
      .expect(200);
  });

  afterAll(async () => {
    await town?.close();
  });

  it('says in Vietnamese that the case was not open yet, with a header that agrees, and what a moment looks like', async () => {
    const { page } = await signIn(town.browser, town.base, 'auditor-1');
    await page.goto(`${town.base}/cases/${caseId}/history`);
    await page.getByTestId('as-of-state').waitFor();
    const moment = page.getByLabel('Thời điểm (dd/mm/yyyy HH:mm:ss, giờ Việt Nam)');
    // Before: "Hồ sơ không tồn tại — case c-… did not exist yet on 2019-12-31T17:00:00.000Z"
    // under "Sau sự kiện thứ 1/2: Mở hồ sơ".
    await moment.fill('01/01/2020 00:00:00');
    await page.getByRole('button', { name: 'Xem' }).click();
    await page
      .getByTestId('as-of-before-opening')
      .getByText('Hồ sơ chưa được mở vào thời điểm 01/01/2020 00:00:00')
      .waitFor();
    expect(await page.getByTestId('as-of-position').innerText()).toBe(
      'Trước sự kiện thứ 1/2: hồ sơ chưa được mở',
    );
    expect(await page.getByTestId('as-of-state').count()).toBe(0);
    expect(await page.locator('.error').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    // A moment typed another way: the error says the form it takes (before: "dd/mm/yyyy" only).
    await moment.fill('2026-12-07 04:26');
    await page.getByRole('button', { name: 'Xem' }).click();
    await page.locator('#as-of-time-error', { hasText: 'dd/mm/yyyy hh:mm:ss' }).waitFor();
    // The slider back on an event: its state again.
    await page.getByRole('button', { name: 'Hiện tại' }).click();
    await page.getByTestId('as-of-state').waitFor();
    expect(await page.getByTestId('as-of-position').innerText()).toMatch(/^Sau sự kiện thứ 2\/2/);
    await page.context().close();
  });

  // Before: the typed time was sent as its first millisecond (07:47:47.000), so the time the
  // timeline shows for an event (recorded at 07:47:47.505…), typed back, gave the state before it.
  it('the time the timeline shows for an event, typed back, shows the state after that event', async () => {
    const { page } = await signIn(town.browser, town.base, 'auditor-1');
    await page.goto(`${town.base}/cases/${caseId}/history`);
    const asOf = page.locator('section[aria-labelledby="as-of-title"]');
    await page.getByTestId('as-of-state').waitFor();
    await page.locator('#as-of-slider').fill('0');
    await page.getByTestId('as-of-position').getByText('Sau sự kiện thứ 1/2').waitFor();
    await page.getByTestId('as-of-state').waitFor();
    expect(await asOf.getByText('BB-01').count()).toBe(0);
    const shown = /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}/.exec(
      await page.locator('ol.timeline > li').nth(1).innerText(),
    )?.[0];
    expect(shown).toBeDefined();
    await page.getByLabel('Thời điểm (dd/mm/yyyy HH:mm:ss, giờ Việt Nam)').fill(shown!);
    await page.getByRole('button', { name: 'Xem' }).click();
    await page.getByTestId('as-of-position').getByText('Sau sự kiện thứ 2/2').waitFor();
    await asOf.getByText('BB-01').waitFor();
    expect(await page.locator('.error').count()).toBe(0);
    await page.context().close();
  });

  it('keeps the moment in the address: a reload, back and forward show the same state', async () => {
    const { page } = await signIn(town.browser, town.base, 'auditor-1');
    await page.goto(`${town.base}/cases/${caseId}/history`);
    await page.getByTestId('as-of-state').waitFor();
    const moment = page.getByLabel('Thời điểm (dd/mm/yyyy HH:mm:ss, giờ Việt Nam)');
    await moment.fill('01/01/2020 00:00:00');
    await page.getByRole('button', { name: 'Xem' }).click();
    const notOpenYet = page
      .getByTestId('as-of-before-opening')
      .getByText('Hồ sơ chưa được mở vào thời điểm 01/01/2020 00:00:00');
    await notOpenYet.waitFor();
    // Before: the address stayed …/history, and a reload showed the case as it is now.
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2020-01-01T00:00:00+07:00');
    await page.reload();
    await notOpenYet.waitFor();
    expect(await moment.inputValue()).toBe('01/01/2020 00:00:00');
    await page.getByRole('button', { name: 'Hiện tại' }).click();
    await page.getByTestId('as-of-state').waitFor();
    expect(new URL(page.url()).searchParams.has('asOf')).toBe(false);
    await page.goBack();
    await notOpenYet.waitFor();
    expect(await moment.inputValue()).toBe('01/01/2020 00:00:00');
    await page.goForward();
    await page.getByTestId('as-of-state').waitFor();
    expect(await page.getByTestId('as-of-position').innerText()).toMatch(/^Sau sự kiện thứ 2\/2/);
    expect(await moment.inputValue()).toBe('');
    await page.context().close();
  });
});
