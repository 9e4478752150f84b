import { Browser } from 'playwright-core';
import request from 'supertest';
import { IMPORT_MAX_ROWS } from '../../src/imports/import-template';
import { csv } from '../imports/spreadsheets';
import { startTestApp, TestApp } from '../support/test-app';
import { buildWebApp, launchChromium, listeningPort, signIn, WEB_DIST } from './support/browser';

jest.setTimeout(240_000);

/** The import limit this service is configured with (not the default 5 MB): the screen names it. */
const LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * A file the import refuses as a whole, before any row is read (too large, not UTF-8, too many
 * rows): the import screen says so in Vietnamese with the figures, and the API's 413 names the
 * field and the configured limit (before: "The request body is too large — File too large", and
 * the other two in English too).
 */
describe('the import screen: a file refused as a whole, in Vietnamese', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    buildWebApp();
    t = await startTestApp('web_import_file_refusals', {
      DEV_SIGN_IN: 'true',
      WEB_DIR: WEB_DIST,
      IMPORT_LIMIT_BYTES: String(LIMIT_BYTES),
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningPort(t.app.getHttpServer())}`;
    await request(t.server as never)
      .post('/org-units')
      .set({ Authorization: `Bearer ${t.token('admin', ['admin'], 'ou-ha-noi')}` })
      .send({ id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' })
      .expect(201);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** The refusal the screen shows once «Kiểm tra» has sent the file. */
  async function refusalShownFor(name: string, buffer: Buffer): Promise<string> {
    const { context, page } = await signIn(browser, base, 'staff-1');
    try {
      await page.getByRole('link', { name: 'Nhập dữ liệu' }).click();
      await page
        .getByLabel('Tệp dữ liệu (xlsx hoặc CSV)')
        .setInputFiles({ name, mimeType: 'text/csv', buffer });
      await page.getByRole('button', { name: 'Kiểm tra (chạy thử, không ghi)' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      return await alert.innerText();
    } finally {
      await context.close();
    }
  }

  it('a file over the configured limit: the API names the field and the limit, the screen says it in Vietnamese', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 'a');
    const api = await request(t.server as never)
      .post('/imports?dryRun=true')
      .set({ Authorization: `Bearer ${t.token('staff-1', ['organization_staff'], 'ou-ha-noi')}` })
      .attach('file', big, 'lon.csv')
      .expect(413);
    expect(api.body).toMatchObject({
      rule: 'body.too_large',
      field: 'file',
      limitBytes: LIMIT_BYTES,
    });
    expect(api.body.detail).toContain(`2 MB (${LIMIT_BYTES} bytes)`);
    expect(await refusalShownFor('lon.csv', big)).toBe(
      `Nội dung yêu cầu quá lớn — Tệp lớn hơn 2 MB (${LIMIT_BYTES} byte), mức tối đa của một lần nhập; hãy chia thành các tệp nhỏ hơn`,
    );
  });

  it('a CSV saved as UTF-16 or in CP1258: save it as CSV UTF-8', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Mã cán bộ,Họ và tên\r\np-an,Lê Thị Hoa\r\n', 'utf16le'),
    ]);
    // "Mã cán bộ" in Windows-1258: ã is 0xE3, á 0xE1, ô 0xF4 (bộ's dot below a combining 0xF2).
    const cp1258 = Buffer.from([
      0x4d, 0xe3, 0x20, 0x63, 0xe1, 0x6e, 0x20, 0x62, 0xf4, 0xf2, 0x0d, 0x0a,
    ]);
    for (const [name, bytes] of [
      ['utf16.csv', utf16],
      ['cp1258.csv', cp1258],
    ] as const)
      expect(await refusalShownFor(name, bytes)).toBe(
        'Tệp CSV không ở mã UTF-8 — Tệp không phải xlsx hoặc văn bản UTF-8: hãy lưu tệp dưới dạng CSV UTF-8',
      );
  });

  it('a CSV of more rows than one import takes: the count and the limit', async () => {
    const rows = Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => ({ 'Mã cán bộ': `p-${i}` }));
    const file = csv('people', rows);
    expect(file.length).toBeLessThan(LIMIT_BYTES);
    expect(await refusalShownFor('nhieu-dong.csv', file)).toBe(
      'Tệp quá nhiều dòng — Tệp có 20001 dòng dữ liệu; mỗi lần nhập tối đa 20000 dòng (hãy chia thành nhiều tệp)',
    );
  });
});
