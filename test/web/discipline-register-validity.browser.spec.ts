import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { Browser } from 'playwright-core';
import { RegistryService } from '../../src/cadres/registry.service';
import { loadDemoData } from '../../src/seed/demo-data-loader';
import { addMonths } from '../../src/workflow/rules/retirement';
import { addDays, vietnamToday } from '../support/registry-fixture';
import { movableClock } from '../support/movable-clock';
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

const WARD = 'ou-phuong-son-tay-party-committee';
const dmy = (day: string) => day.split('-').reverse().join('/');

/**
 * The discipline register in the browser shows the discipline's own validity (hiệu lực) and the
 * bar on a higher post as two dates, and the inspector filters by either: a Party warning decided
 * 18 months ago no longer has effect (12 months) but still bars a higher post (36 months).
 */
describe('the discipline register: in effect is not barred', () => {
  let t: TestApp;
  let browser: Browser;
  const http = () => request(t.server as never);
  const bearer = (user: string, roles: string[]) => ({
    Authorization: `Bearer ${t.token(user, roles, 'ou-ha-noi')}`,
  });
  const old = addDays(vietnamToday(), -548);
  // The service's clock set back while a case is opened and decided on its day (no step may be
  // dated before the opening); the case pins the rules of that day, so its bar is read back.
  const clock = movableClock();
  const barEndsOn: Record<string, string> = {};
  const recent = addDays(vietnamToday(), -10);

  async function decided(id: string, personId: string, form: string, heldOn: string) {
    clock.setDay(heldOn);
    await http()
      .post('/discipline-cases')
      .set(bearer('inspector-1', ['inspector']))
      .send({
        id,
        definition: 'discipline.party',
        personId,
        orgUnitId: WARD,
        summary: `${form} — ${personId}`,
        violation: {
          category: 'budget',
          committedOn: addDays(heldOn, -30),
          description: 'Vi phạm quy định quản lý ngân sách',
          source: 'inspection',
          severity: form,
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
        .send({ heldOn, minutesRef: 'BB', conclusion: 'Kết luận', ...extra })
        .expect(200);
    await http()
      .post(`/discipline-cases/${id}/steps/ballot`)
      .set(bearer('secretary-1', ['ballot_secretary']))
      .send({
        heldOn,
        minutesRef: 'BB',
        tally: {
          members: 5,
          summoned: 5,
          present: 5,
          invalid: 0,
          noDiscipline: 0,
          votesByForm: { [form]: 5 },
        },
      })
      .expect(200);
    await http()
      .post(`/discipline-cases/${id}/steps/decision`)
      .set(bearer('leader-1', ['leadership']))
      .send({
        heldOn,
        number: `${id}-QĐ/UBKT`,
        signer: 'Chủ nhiệm UBKT',
        form,
        effectiveFrom: heldOn,
      })
      .expect(200)
      .then((r) => (barEndsOn[id] = r.body.barEndsOn));
    clock.reset();
  }

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp(
      'web_register_validity',
      { RUN_WORKERS: 'true', DEV_SIGN_IN: 'true', WEB_DIR: WEB_DIST },
      { clock },
    );
    await t.app.listen(0, '127.0.0.1');
    await loadDemoData(
      path.join(ROOT, 'seeds/demo/ha-noi.json'),
      t.app.get(RegistryService),
      new Date(),
    );
    await decided('d-old-warning', 'p-le-van-cuong', 'warning', old);
    // Both work in the ward (its people's committee, its culture office): its Party committee runs
    // their cases.
    await decided('d-new-reprimand', 'p-pham-thi-dung', 'reprimand', recent);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows both dates and filters by validity and by bar, in the screen and the spreadsheet', async () => {
    const base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    const { context, page } = await signIn(browser, base, 'inspector-1', {
      viewport: { width: 1400, height: 900 },
    });
    await page.getByRole('link', { name: 'Sổ theo dõi kỷ luật' }).click();
    for (let i = 0; i < 60 && !(await page.getByText('Phạm Thị Dung').isVisible()); i++) {
      await page.waitForTimeout(250);
      await page.reload();
    }
    await page.getByText('Lê Văn Cường').waitFor();
    await page.getByRole('columnheader', { name: 'Hết hiệu lực kỷ luật' }).waitFor();
    await page.getByRole('columnheader', { name: 'Hết hạn chế bổ nhiệm' }).waitFor();

    // Validity over, bar still running: only the warning of 18 months ago.
    await page.getByLabel('Hiệu lực kỷ luật').selectOption('false');
    await page.getByLabel('Hạn chế bổ nhiệm chức vụ cao hơn').selectOption('true');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.getByText('Phạm Thị Dung').waitFor({ state: 'detached' });
    const rows = page.locator('table.grid tbody tr');
    expect(await rows.count()).toBe(1);
    const row = await rows.first().innerText();
    expect(row).toContain('Lê Văn Cường');
    expect(row).toContain(dmy(addMonths(old, 12)));
    expect(row).toContain(dmy(barEndsOn['d-old-warning']));
    expect(row).toContain('Hết hiệu lực');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'discipline-register-validity');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải tệp CSV' }).click(),
    ]);
    const lines = readFileSync((await download.path())!)
      .subarray(3)
      .toString('utf8')
      .trim()
      .split(/\r?\n/);
    // The web app's download in Vietnamese, as the screen heads and labels it.
    expect(lines[0]).toContain(
      'Hết hiệu lực kỷ luật,Hết hạn chế bổ nhiệm,Ngày bị hủy,Tình trạng,Còn hiệu lực kỷ luật,Đang bị hạn chế bổ nhiệm',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('d-old-warning');
    expect(lines[1]).toContain(
      `${addMonths(old, 12)},${barEndsOn['d-old-warning']},,Hết hiệu lực,Không,Có`,
    );

    // Still in effect: only the recent reprimand.
    await page.getByLabel('Hiệu lực kỷ luật').selectOption('true');
    await page.getByLabel('Hạn chế bổ nhiệm chức vụ cao hơn').selectOption('');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.getByText('Lê Văn Cường').waitFor({ state: 'detached' });
    expect(await rows.first().innerText()).toContain('Phạm Thị Dung');
    await context.close();
  });

  it('the report screen gives the people disciplined in the period, each once, under its Vietnamese label', async () => {
    const base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    const { context, page } = await signIn(browser, base, 'staff-1');
    await page.getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByRole('heading', { name: 'Báo cáo công tác cán bộ' }).waitFor();
    await page.getByLabel('Từ ngày').fill(dmy(old));
    await page.getByRole('button', { name: 'Xem báo cáo' }).click();
    // The two people of the ward, one warning and one reprimand: two people, each once.
    await page
      .getByTestId('disciplined-people')
      .filter({ hasText: 'Tổng số cán bộ bị kỷ luật (mỗi người tính một lần): 2' })
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('the register shows the person’s unit and the deciding unit apart, and a ward inspector sees the officials decided above it', async () => {
    const base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    const { context, page } = await signIn(browser, base, 'inspector-1');
    await page.getByRole('link', { name: 'Sổ theo dõi kỷ luật' }).click();
    await page.getByText('Lê Văn Cường').waitFor();
    await page.getByRole('columnheader', { name: 'Đơn vị quyết định' }).waitFor();
    const row = await page.locator('table.grid tbody tr', { hasText: 'Lê Văn Cường' }).innerText();
    expect(row).toContain('UBND phường Sơn Tây');
    expect(row).toContain('Đảng ủy phường Sơn Tây');
    await context.close();
    // The ward's Party committee decided both; the people's committee beside it manages both
    // records, and its register lists them (before: nothing).
    const ward = await http()
      .get('/discipline-records')
      .set({
        Authorization: `Bearer ${t.token('inspector-w', ['inspector'], 'ou-phuong-son-tay-peoples-committee')}`,
      })
      .expect(200);
    expect(ward.body.items.map((r: { caseId: string }) => r.caseId).sort()).toEqual([
      'd-new-reprimand',
      'd-old-warning',
    ]);
  });
});
