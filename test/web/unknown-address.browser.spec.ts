import { axeViolations, signIn } from './support/browser';
import { DemoTown, startDemoTown } from './support/town-fixture';

jest.setTimeout(300_000);

/** An address the app has no page for, in Chromium against the real service. */
describe('an unknown address', () => {
  let town: DemoTown;

  beforeAll(async () => {
    town = await startDemoTown('web_unknown_address');
  });

  afterAll(async () => {
    await town?.close();
  });

  it('says in Vietnamese that there is no such page, keeps the address, and leads to the inbox', async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-1');
    await page.goto(`${town.base}/khong-co-trang`);
    // Before: the inbox («Hộp việc») under the bad address, as if the link had worked.
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/khong-co-trang');
    expect(await page.getByRole('heading', { name: 'Hộp việc' }).count()).toBe(0);
    expect(await page.title()).toMatch(/^Không tìm thấy trang — /);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('main').getByRole('link', { name: 'Về Hộp việc' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hộp việc' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/inbox');
    // The API keeps answering JSON for an address it does not know.
    const api = await town
      .http()
      .get('/khong-co-trang')
      .set('Accept', 'application/json')
      .set(town.bearer('staff-1', ['organization_staff']));
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/json/);
    await page.context().close();
  });
});
