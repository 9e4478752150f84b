import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { Browser } from 'playwright-core';
import { RegistryService } from '../../src/cadres/registry.service';
import { loadDemoData } from '../../src/seed/demo-data-loader';
import { addDays, vietnamToday } from '../support/registry-fixture';
import { movableClock } from '../support/movable-clock';
import { startTestApp, TestApp } from '../support/test-app';
import {
  axeViolations,
  buildWebApp,
  launchChromium,
  listeningPort,
  ROOT,
  WEB_DIST,
  signIn,
} from './support/browser';

jest.setTimeout(240_000);

const WARD = 'ou-phuong-son-tay-party-committee';
const dmy = (day: string) => day.split('-').reverse().join('/');

/**
 * The discipline register in the browser as an inspection team queries it: by the person
 * disciplined (picked by name) and by the kind of violation, both kept in the address and sent
 * with the CSV download; and a decision annulled on complaint shows no validity or bar end.
 */
describe('the discipline register by person and violation, and an annulled decision', () => {
  let t: TestApp;
  let browser: Browser;
  const http = () => request(t.server as never);
  const bearer = (user: string, roles: string[]) => ({
    Authorization: `Bearer ${t.token(user, roles, 'ou-ha-noi')}`,
  });
  const today = vietnamToday();
  const clock = movableClock();
  const decisions: Record<string, { inEffectUntil: string; barEndsOn: string }> = {};

  /** A Party case on `personId` for a violation of `category`, decided (`form`) on `heldOn`. */
  async function decided(id: string, personId: string, category: string, heldOn: string) {
    clock.setDay(heldOn);
    await http()
      .post('/discipline-cases')
      .set(bearer('inspector-1', ['inspector']))
      .send({
        id,
        definition: 'discipline.party',
        personId,
        orgUnitId: WARD,
        summary: `reprimand — ${personId}`,
        violation: {
          category,
          committedOn: addDays(heldOn, -30),
          description: 'Vi phạm quy định',
          source: 'inspection',
          severity: 'reprimand',
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
          votesByForm: { reprimand: 5 },
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
        form: 'reprimand',
        effectiveFrom: heldOn,
      })
      .expect(200)
      .then((r) => (decisions[id] = r.body));
    clock.reset();
  }

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp(
      'web_register_person_category',
      { RUN_WORKERS: 'true', DEV_SIGN_IN: 'true', WEB_DIR: WEB_DIST },
      { clock },
    );
    await t.app.listen(0, '127.0.0.1');
    await loadDemoData(
      path.join(ROOT, 'seeds/demo/ha-noi.json'),
      t.app.get(RegistryService),
      new Date(),
    );
    // Lê Văn Cường's reprimand (budget) is annulled on complaint; Phạm Thị Dung's (land) stands.
    await decided('d-annulled', 'p-le-van-cuong', 'budget', addDays(today, -20));
    await http()
      .post('/discipline-cases/d-annulled/complaints')
      .set(bearer('staff-1', ['organization_staff']))
      .send({ filedOn: addDays(today, -15), grounds: 'Không vi phạm' })
      .expect(200);
    await http()
      .post('/discipline-cases/d-annulled/complaints/review')
      .set(bearer('leader-1', ['leadership']))
      .send({
        heldOn: addDays(today, -5),
        number: '11-QĐ/TU',
        outcome: 'annul',
        reason: 'Không vi phạm',
      })
      .expect(200);
    await decided('d-land', 'p-pham-thi-dung', 'land_management', addDays(today, -10));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const openRegister = async () => {
    const base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    const { context, page } = await signIn(browser, base, 'inspector-1', {
      viewport: { width: 1400, height: 900 },
    });
    await page.getByRole('link', { name: 'Sổ theo dõi kỷ luật' }).click();
    const annulled = page.locator('table.grid tbody tr', { hasText: 'Đã hủy' });
    for (let i = 0; i < 60 && !(await annulled.isVisible()); i++) {
      await page.waitForTimeout(250);
      await page.reload();
    }
    await page.getByText('Phạm Thị Dung').waitFor();
    return { context, page };
  };

  it('filters by the person picked by name and by the violation, kept through a reload and sent with the download', async () => {
    const { context, page } = await openRegister();
    const rows = page.locator('table.grid tbody tr');
    // Before: no person or violation field; the API took them, the screen did not.
    await page.getByLabel('Tìm cán bộ theo tên').fill('Dung');
    await page
      .locator('#reg-person option[value="p-pham-thi-dung"]')
      .waitFor({ state: 'attached' });
    await page.getByLabel('Cán bộ bị kỷ luật').selectOption('p-pham-thi-dung');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/person=p-pham-thi-dung/);
    await page.getByText('Lê Văn Cường').waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('Phạm Thị Dung');

    // Reloaded, the person is still picked, by name (not a bare id).
    await page.reload();
    await rows.first().waitFor();
    await page
      .locator('#reg-person option[value="p-pham-thi-dung"]', {
        hasText: `Phạm Thị Dung (${dmy('1985-11-05')})`,
      })
      .waitFor({ state: 'attached' });
    expect(await page.locator('#reg-person').inputValue()).toBe('p-pham-thi-dung');
    expect(await rows.count()).toBe(1);

    // Any person, a violation by its Vietnamese name: only the budget case.
    await page.getByLabel('Cán bộ bị kỷ luật').selectOption('');
    await page.getByLabel('Loại vi phạm').selectOption({ label: 'Tài chính, ngân sách' });
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/category=budget/);
    expect(new URL(page.url()).searchParams.get('person')).toBeNull();
    await page.getByText('Phạm Thị Dung').waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('Lê Văn Cường');
    await page.reload();
    await page.locator('table.grid tbody tr').first().waitFor();
    expect(await page.getByLabel('Loại vi phạm').inputValue()).toBe('budget');
    expect(await axeViolations(page)).toEqual([]);

    // The download follows both filters as the fields show them.
    await page.getByLabel('Tìm cán bộ theo tên').fill('Cường');
    await page.locator('#reg-person option[value="p-le-van-cuong"]').waitFor({ state: 'attached' });
    await page.getByLabel('Cán bộ bị kỷ luật').selectOption('p-le-van-cuong');
    const asking = page.waitForRequest(
      (r) => new URL(r.url()).searchParams.get('format') === 'csv',
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải tệp CSV' }).click(),
    ]);
    const sent = new URL((await asking).url()).searchParams;
    expect({ person: sent.get('person'), category: sent.get('category') }).toEqual({
      person: 'p-le-van-cuong',
      category: 'budget',
    });
    const lines = readFileSync((await download.path())!)
      .toString('utf8')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('d-annulled');
    await context.close();
  });

  it('an address naming a violation that is not one says so on its field', async () => {
    const { context, page } = await openRegister();
    await page.goto(`${new URL(page.url()).origin}/discipline-records?category=bogus`);
    await page
      .locator('#reg-category-error', {
        hasText: 'Địa chỉ trang ghi «bogus», không phải một lựa chọn',
      })
      .waitFor();
    expect(await page.locator('#reg-category').getAttribute('aria-invalid')).toBe('true');
    await context.close();
  });

  it('an annulled decision shows «Đã hủy» and no validity or bar end', async () => {
    const { context, page } = await openRegister();
    const row = page.locator('table.grid tbody tr', { hasText: 'Lê Văn Cường' });
    const cells = await row.locator('td').allInnerTexts();
    const headers = await page.locator('table.grid thead th').allInnerTexts();
    const cell = (name: string) => cells[headers.indexOf(name)];
    expect(cell('Tình trạng')).toBe('Đã hủy');
    // Before: 07/12/2027-like days, the reprimand's, as if they still ran.
    expect(cell('Hết hiệu lực kỷ luật')).toBe('—');
    expect(cell('Hết hạn chế bổ nhiệm')).toBe('—');
    expect(await row.innerText()).not.toContain(dmy(decisions['d-annulled'].barEndsOn));
    // The decision that stands keeps its dates.
    const standing = page.locator('table.grid tbody tr', { hasText: 'Phạm Thị Dung' });
    expect(await standing.innerText()).toContain(dmy(decisions['d-land'].barEndsOn));
    await context.close();
  });

  it('the cadre page shows the annulled decision as the register does: «Đã hủy», no validity or bar end', async () => {
    await openRegister().then(({ context }) => context.close());
    const base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    const { context, page } = await signIn(browser, base, 'inspector-1', {
      viewport: { width: 1400, height: 900 },
    });
    await page.goto(`${base}/cadres/p-le-van-cuong`);
    const table = page.locator('h2:text-is("Kỷ luật") + table');
    const row = table.locator('tbody tr', { hasText: 'Khiển trách' });
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    const headers = await table.locator('thead th').allInnerTexts();
    const cell = (name: string) => cells[headers.indexOf(name)];
    expect(cell('Tình trạng')).toBe('Đã hủy');
    // Before: the reprimand's own days (e.g. 07/12/2027), while the register showed «—».
    expect(cell('Hết hiệu lực kỷ luật')).toBe('—');
    expect(cell('Hết thời hạn hạn chế bổ nhiệm')).toBe('—');
    await context.close();
  });

  it('the CSV of the register as of a day is named after that day, not today', async () => {
    const { context, page } = await openRegister();
    await page.getByLabel('Tính tại ngày').fill('01/01/2028');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/asOf=2028-01-01/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải tệp CSV' }).click(),
    ]);
    // Before: so-theo-doi-ky-luat-<today>.csv, rows as of 2028 under today's name.
    expect(download.suggestedFilename()).toBe('so-theo-doi-ky-luat-2028-01-01.csv');
    // Without a day typed, as of today: today's name.
    await page.getByLabel('Tính tại ngày').fill('');
    const [todays] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải tệp CSV' }).click(),
    ]);
    expect(todays.suggestedFilename()).toBe(`so-theo-doi-ky-luat-${today}.csv`);
    await context.close();
  });
});
