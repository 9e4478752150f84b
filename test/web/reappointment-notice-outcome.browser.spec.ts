import { vietnamToday } from '../support/registry-fixture';
import { RegistryService } from '../../src/cadres/registry.service';
import { AN, BINH, DemoTown, ORGANIZATION_HEAD_POST, startDemoTown } from './support/town-fixture';
import { axeViolations, signIn } from './support/browser';

jest.setTimeout(240_000);

/**
 * What came of a re-appointment notice, in Chromium: the person page links the case a notice
 * opened and says which rule refused one it could not open, and the inbox's task for the refused
 * one reads in Vietnamese (before: "Việc: re-appointment for pos-… could not be opened:
 * position.elected: …", and the page listed the notice as any other).
 */
describe('the outcome of a re-appointment notice on the person page and in the inbox', () => {
  let town: DemoTown;
  const termEnd = '2027-09-30';

  beforeAll(async () => {
    town = await startDemoTown('web_notice_outcome');
    // As the notice writes it when opening the case was refused (a timer of an older release).
    await town.t.app.get(RegistryService).runPersonCommand(
      BINH,
      {
        type: 'NoteReappointmentDue',
        data: {
          personId: BINH,
          positionId: 'pos-ha-noi-deputy-director-home-affairs',
          termEnd,
          noticeOn: '2027-05-20',
          action: 'open_case',
          caseId: null,
          refusal: 'position.elected: an elected post is not appointed',
          orgUnitId: 'ou-ha-noi-peoples-committee',
        },
      },
      {
        actorId: 'system:timer:recorded-term-notice',
        correlationId: 'test:binh-notice',
        causationId: null,
        occurredAt: new Date().toISOString(),
      },
    );
  });
  afterAll(async () => {
    await town?.close();
  });

  it('shows the refusal in Vietnamese on the person page and in the inbox', async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cadres/${BINH}`);
    const refused = page.getByTestId('reappointment-notices').getByTestId('notice-refused');
    await refused.waitFor();
    expect(await refused.innerText()).toBe(
      'Chưa mở được hồ sơ bổ nhiệm lại: Chức vụ do bầu cử, không bổ nhiệm, luân chuyển hay điều động',
    );

    await page.getByRole('link', { name: 'Hộp việc' }).click();
    const row = page.locator('tr', { hasText: 'Trần Thị Bình' }).filter({ hasText: 'Việc:' });
    await row.first().waitFor();
    const text = (await row.first().innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(
      'Việc: Chưa mở được hồ sơ bổ nhiệm lại (hết nhiệm kỳ ngày 30/09/2027): Chức vụ do bầu cử, không bổ nhiệm, luân chuyển hay điều động',
    );
    expect(text).not.toMatch(/could not be opened|re-appointment|position\.elected/);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('titles a rule the web had no title for: a holder under investigation', async () => {
    // Before: "Chưa mở được hồ sơ bổ nhiệm lại: reappointment.under_investigation", the bare code.
    await town.t.app.get(RegistryService).runPersonCommand(
      AN,
      {
        type: 'NoteReappointmentDue',
        data: {
          personId: AN,
          positionId: ORGANIZATION_HEAD_POST,
          termEnd,
          noticeOn: '2027-05-20',
          action: 'open_case',
          caseId: null,
          refusal:
            'reappointment.under_investigation: the holder is under investigation since 2027-01-10',
          orgUnitId: 'ou-ha-noi-peoples-committee',
        },
      },
      {
        actorId: 'system:timer:recorded-term-notice',
        correlationId: 'test:an-notice',
        causationId: null,
        occurredAt: new Date().toISOString(),
      },
    );
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cadres/${AN}`);
    const refused = page.getByTestId('reappointment-notices').getByTestId('notice-refused');
    await refused.waitFor();
    expect(await refused.innerText()).toBe(
      'Chưa mở được hồ sơ bổ nhiệm lại: Người này đang bị điều tra, kiểm tra, xem xét tố cáo: chưa bổ nhiệm lại',
    );
    await page.context().close();
  });

  it("links the re-appointment case a recorded term's notice opened", async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    // Nguyễn Văn An's recorded term ends 2027-03-01: its notice day has passed, the case opens.
    await page.goto(`${town.base}/cadres/${AN}`);
    const link = page
      .getByTestId('reappointment-notices')
      .getByRole('link', { name: 'Đã mở hồ sơ bổ nhiệm lại' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^\/cases\/r-/);
    await link.click();
    await page.waitForURL(/\/cases\/r-/);
    // The notice's summary is the case's heading: in Vietnamese, not the server's English.
    const summary = page.getByTestId('case-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toBe(
      'Bổ nhiệm lại: nhiệm kỳ đang giữ kết thúc ngày 01/03/2027',
    );
    await page.context().close();
  });

  it('a post a new appointment ended is no longer listed as due for re-appointment', async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cadres/${AN}`);
    const notices = page.getByTestId('reappointment-notices');
    await notices.getByRole('link', { name: 'Đã mở hồ sơ bổ nhiệm lại' }).waitFor();
    expect(await notices.innerText()).toContain('Phó Trưởng ban Tổ chức');
    // Appointed Trưởng ban Tổ chức (150-QĐ/TU): the decision ends the deputy post, as it writes it.
    await town.t.app.get(RegistryService).runPersonCommand(
      AN,
      {
        type: 'EndPost',
        data: {
          personId: AN,
          positionId: 'pos-ha-noi-deputy-head-organization',
          on: vietnamToday(),
          reason: 'appointed to pos-ha-noi-head-organization',
          decisionRef: '150-QĐ/TU',
        },
      },
      {
        actorId: 'system:saga:case-record',
        correlationId: 'test:an-appointed',
        causationId: null,
        occurredAt: new Date().toISOString(),
      },
    );
    await page.reload();
    await notices.waitFor();
    // Before: «Phó Trưởng ban Tổ chức… Hết nhiệm kỳ 01/03/2027 · Đã mở hồ sơ bổ nhiệm lại».
    expect(await notices.innerText()).not.toContain('Phó Trưởng ban Tổ chức');
    expect(await notices.getByRole('link', { name: 'Đã mở hồ sơ bổ nhiệm lại' }).count()).toBe(0);
    await page.context().close();
  });
});
