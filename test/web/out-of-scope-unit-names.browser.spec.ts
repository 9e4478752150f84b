import { axeViolations, signIn } from './support/browser';
import { DemoTown, startDemoTown } from './support/town-fixture';

jest.setTimeout(240_000);

/**
 * A refusal for what lies outside the caller's grant names their own unit by its name. Before, a
 * commune's staff opening a city official's record read "… không thuộc đơn vị nào trong phạm vi
 * được giao (ou-xa-doai-phuong)", the unit's id.
 */
describe('an out-of-scope refusal, in the browser', () => {
  let town: DemoTown;

  beforeAll(async () => {
    town = await startDemoTown('web_out_of_scope_names');
  });

  afterAll(async () => {
    await town?.close();
  });

  it('names the grant «Xã Đoài Phương», not its id', async () => {
    const { page } = await signIn(town.browser, town.base, 'staff-doai-phuong');
    await page.goto(`${town.base}/cadres/p-le-van-cuong`);
    const refusal = page.getByRole('main').getByRole('alert');
    await refusal.getByText('không thuộc đơn vị nào trong phạm vi được giao').waitFor();
    await refusal.getByText('(Xã Đoài Phương)').waitFor();
    expect(await refusal.innerText()).not.toContain('ou-xa-doai-phuong');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
