import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { vietnamToday } from '../support/registry-fixture';
import { axeViolations, screenshot, signIn } from './support/browser';
import { caseAtVetting } from './support/case-at-vetting';
import { DemoTown, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

/**
 * «Kiểm tra lại theo hồ sơ» on a discipline item a discipline decision flagged, in Chromium: the
 * decision was annulled since (the record holds no discipline), but the flag stands on the case.
 * The rule set bars setting a running bar aside, so before, the page offered no button at all and
 * the case could not go on. Now the vetting staff ask for the record to be read again, and the
 * item reads as cleared.
 */
describe('reading a discipline flag again from the record on the case page, in the browser', () => {
  let town: DemoTown;
  const caseId = 'c-web-vetting-recheck';

  beforeAll(async () => {
    town = await startDemoTown('web_vetting_recheck');
    await caseAtVetting(town, caseId);
    // The flag an annulled decision left (raised before the workflow read flags again).
    const metadata = {
      actorId: 'system:saga:discipline-record',
      correlationId: 'd-annulled',
      causationId: null,
      occurredAt: new Date().toISOString(),
    };
    // Written as it stands on such a case: the flag command now judges it on the record (which
    // holds no discipline) and would raise nothing.
    await town.t.app.get<EventStore>(EVENT_STORE).append(
      `appointment-${caseId}`,
      [
        {
          id: 'annulled-flag',
          type: 'VettingItemFlaggedFromRecord',
          data: {
            item: 'discipline_bar',
            note: 'discipline decided: reprimand (7-QĐ, case d-annulled), bars a higher post until 2027-12-08',
            flaggedOn: vietnamToday(),
            causeRef: 'd-annulled',
          },
          metadata,
        },
      ],
      { expectedRevision: 'any' },
    );
  });

  afterAll(async () => {
    await town?.close();
  });

  it('offers to read the record again, and the item then reads as cleared', async () => {
    const staff = town.bearer('staff-1', ['organization_staff']);
    const before = await town.http().get(`/cases/${caseId}`).set(staff).expect(200);
    expect(before.body.vetting.discipline_bar.result).toBe('flagged');

    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/${caseId}`);
    const line = page.getByTestId('vetting-results').locator('li[data-item="discipline_bar"]');
    const button = line.getByRole('button', { name: /^Kiểm tra lại theo hồ sơ cán bộ: / });
    await button.waitFor();
    // The line shows the flag the record raised after the step (before: the step's «đạt»).
    expect(await line.getAttribute('data-result')).toBe('flagged');
    expect(await line.innerText()).toContain('cập nhật theo hồ sơ cán bộ sau bước thẩm định');
    expect(await button.innerText()).toBe('Kiểm tra lại theo hồ sơ');
    await button.click();
    const form = page.getByTestId('resolve-discipline_bar');
    expect(await form.innerText()).toContain('Hệ thống đọc lại hồ sơ');
    await form.getByLabel('Lý do đề nghị kiểm tra lại').fill('Quyết định kỷ luật đã bị hủy');
    expect(await axeViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Đọc lại hồ sơ', exact: true }).click();
    await page.getByText('Đã đọc lại hồ sơ: nội dung thẩm định không còn vướng mắc.').waitFor();
    expect(await line.getByRole('button', { name: /^Kiểm tra lại/ }).count()).toBe(0);
    expect(await line.getAttribute('data-result')).toBe('cleared');
    // The record's note, read again, in Vietnamese.
    expect(await line.innerText()).toContain('Đọc lại hồ sơ cán bộ ngày');
    await screenshot(page, 'vetting-rechecked');
    await page.context().close();

    const after = await town.http().get(`/cases/${caseId}`).set(staff).expect(200);
    expect(after.body.vetting.discipline_bar).toMatchObject({
      result: 'cleared',
      source: 'record',
    });
    expect(after.body.allowedNext).not.toContainEqual(
      expect.objectContaining({ action: 'recheck-vetting-item' }),
    );
  });
});
