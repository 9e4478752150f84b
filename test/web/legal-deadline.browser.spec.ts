import { addDays, eventually, vietnamToday } from '../support/registry-fixture';
import { axeViolations, screenshot, signIn } from './support/browser';
import { AN, BINH, DemoTown, startDemoTown } from './support/town-fixture';

jest.setTimeout(240_000);

/**
 * A step's "Hạn" never reads later than the legal time limit governing it, says which limit it
 * is, and reads "Quá hạn" on the case page and in the inbox once that limit has passed. Before,
 * a discipline case whose time to decide had passed showed its first step due a month later, and
 * a resignation opened after the talk's limit showed the talk due ten working days on, with no
 * overdue mark anywhere.
 */
describe('legal time limits on the case pages and the inbox', () => {
  let town: DemoTown;
  const today = vietnamToday();

  beforeAll(async () => {
    town = await startDemoTown('web_legal_deadline');
    const inspector = town.bearer('inspector-1', ['inspector']);
    await town
      .http()
      .post('/discipline-cases')
      .set(inspector)
      .send({
        id: 'd-web-late',
        definition: 'discipline.civil-service',
        personId: BINH,
        orgUnitId: 'ou-ha-noi-home-affairs',
        summary: 'Vi phạm quy định quản lý đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -200),
          detectedOn: addDays(today, -100),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
        },
      })
      .expect(201);
    await town
      .http()
      .post('/cases')
      .set(town.bearer('staff-1', ['organization_staff']))
      .send({
        id: 'r-web-late',
        procedure: 'removal',
        definition: 'removal.resignation',
        personId: AN,
        positionId: 'pos-ha-noi-deputy-head-organization',
        orgUnitId: 'ou-ha-noi-party-committee',
        summary: 'Đơn xin từ chức Phó Trưởng ban Tổ chức',
        grounds: { letterReceivedOn: addDays(today, -25), reason: 'Lý do sức khỏe' },
      })
      .expect(201);
  });
  afterAll(async () => {
    await town?.close();
  });

  it('a discipline step past the time to decide reads "Hạn theo thời hạn xử lý kỷ luật" and "Quá hạn"', async () => {
    const { context, page } = await signIn(town.browser, town.base, 'inspector-1');
    await page.goto(`${town.base}/discipline-cases/d-web-late`);
    await page.locator('#current-step-title').waitFor();
    const limit = await page.getByTestId('discipline-time-limit').innerText();
    const due = await page.getByTestId('step-due').innerText();
    // The step's day is the case's own last day (before: a month after the opening).
    const decideBy = /đến (\d{2}\/\d{2}\/\d{4})/.exec(limit)![1];
    expect(due).toContain(`Hạn: ${decideBy}`);
    expect(due).toContain('Hạn theo thời hạn xử lý kỷ luật');
    expect(due).toContain('Quá hạn');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'legal-deadline-discipline');

    await page.getByRole('link', { name: 'Hộp việc' }).click();
    const row = page.locator('tr', { has: page.locator('a[href="/discipline-cases/d-web-late"]') });
    await row.waitFor();
    expect(await row.innerText()).toContain(decideBy);
    expect(await row.innerText()).toContain('Quá hạn');
    await context.close();
  });

  it('a resignation talk past the limit counted from the letter reads "Quá hạn" on the case and in the inbox', async () => {
    const { context, page } = await signIn(town.browser, town.base, 'staff-1');
    // The inbox reads its projection: wait until the case is in it.
    await eventually(
      async () =>
        (
          await town
            .http()
            .get('/inbox')
            .set(town.bearer('staff-1', ['organization_staff']))
        ).body.items.some((item: { caseId: string }) => item.caseId === 'r-web-late'),
      Boolean,
    );
    await page.goto(`${town.base}/cases/r-web-late`);
    await page.locator('#current-step-title').waitFor();
    const due = await page.getByTestId('step-due').innerText();
    expect(due).toContain('Hạn theo hạn trao đổi với cán bộ');
    expect(due).toContain('Quá hạn');
    const talkDueBy = /Hạn: (\d{2}\/\d{2}\/\d{4})/.exec(due)![1];
    expect(await page.locator('main').innerText()).toContain(`Hạn trao đổi với cán bộ`);
    await screenshot(page, 'legal-deadline-resignation');

    await page.getByRole('link', { name: 'Hộp việc' }).click();
    const row = page.locator('tr', { has: page.locator('a[href="/cases/r-web-late"]') });
    await row.waitFor();
    expect(await row.innerText()).toContain(talkDueBy);
    expect(await row.innerText()).toContain('Quá hạn');
    await context.close();
  });

  it('the resignation decision is due by the limit counted from the letter, and the page says so', async () => {
    const staff = town.bearer('staff-1', ['organization_staff']);
    await town
      .http()
      .post('/cases/r-web-late/steps/talk')
      .set(staff)
      .send({ heldOn: today, conclusion: 'Giữ nguyện vọng từ chức' })
      .expect(200);
    await town
      .http()
      .post('/cases/r-web-late/steps/leadership-ballot')
      .set(town.bearer('secretary-1', ['ballot_secretary']))
      .send({
        heldOn: today,
        minutesRef: 'BB-1',
        tally: { members: 9, summoned: 9, present: 9, for: 6, against: 3, abstain: 0, invalid: 0 },
      })
      .expect(200);
    const { context, page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/r-web-late`);
    await page.locator('#current-step-title').waitFor();
    const due = await page.getByTestId('step-due').innerText();
    // Its own 5 working days from the ballot would run past the limit (before: that was the day).
    expect(due).toContain('Hạn theo thời hạn quyết định cho từ chức');
    const decisionDueBy = /Hạn: (\d{2}\/\d{2}\/\d{4})/.exec(due)![1];
    expect(await page.locator('main').innerText()).toMatch(
      new RegExp(`Hạn quyết định cho từ chức:\\s+${decisionDueBy}`),
    );
    await context.close();
  });
});
