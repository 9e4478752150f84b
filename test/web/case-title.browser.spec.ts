import { axeViolations, signIn } from './support/browser';
import { caseAtVetting } from './support/case-at-vetting';
import { DemoTown, ORGANIZATION_HEAD_POST, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

/**
 * A case page is titled as staff name the case — its procedure, the person and the post — in its
 * heading and in the browser's tab, with its id beside it, smaller. Before, both read
 * "Hồ sơ c-web-case-title", the id the case was opened with.
 */
describe('the case page title, in the browser', () => {
  let town: DemoTown;
  const caseId = 'c-web-case-title';

  beforeAll(async () => {
    town = await startDemoTown('web_case_title');
    // Opened for the post; the final ballot chose Lê Văn Cường, whom the case is now about.
    await caseAtVetting(town, caseId);
  });

  afterAll(async () => {
    await town?.close();
  });

  it('names the procedure, the person and the post, and keeps the id as secondary text', async () => {
    const staff = town.bearer('staff-1', ['organization_staff']);
    const view = await town.http().get(`/cases/${caseId}`).set(staff).expect(200);
    const post = view.body.names.positions[ORGANIZATION_HEAD_POST] as string;
    expect(post).toBeTruthy();
    const title = `Bổ nhiệm — Lê Văn Cường — ${post}`;

    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/cases/${caseId}`);
    const heading = page.locator('h1');
    await page.getByTestId('case-id').waitFor();
    expect(await heading.innerText()).toBe(`${title} (Hồ sơ ${caseId})`);
    expect(await page.getByTestId('case-id').innerText()).toBe(`(Hồ sơ ${caseId})`);
    expect(await page.title()).toBe(`${title} — Công tác cán bộ`);
    expect(await axeViolations(page)).toEqual([]);

    // Another screen and back: the tab follows the page it shows.
    await page.goto(`${town.base}/inbox`);
    await page.getByRole('heading', { level: 1, name: 'Hộp việc' }).waitFor();
    expect(await page.title()).toBe('Hộp việc — Công tác cán bộ');
    await page.goBack();
    await page.getByTestId('case-id').waitFor();
    expect(await heading.innerText()).toBe(`${title} (Hồ sơ ${caseId})`);
    expect(await page.title()).toBe(`${title} — Công tác cán bộ`);
    await page.context().close();
  });
});
