import { reasonInVietnamese, ReasonVocabulary } from './reason-in-vietnamese';
import { withoutRulePrefix } from './refusal-line';
import { importFileTooLarge } from '../../../src/imports/import-file-too-large';
import { IMPORT_MAX_ROWS } from '../../../src/imports/import-template';
import { ReadImportFiles } from '../../../src/imports/read-import-files';
import { problemTitle } from '../../../src/common/problems/problem-titles';
import { csv } from '../../../test/imports/spreadsheets';

const words: ReasonVocabulary = {
  person: (id) => id,
  position: (id) => id,
  form: (id) => id,
  procedure: (id) => id,
  personStatus: (id) => id,
  ruleSet: (id) => id,
  ruleGround: () => null,
  step: (id) => id,
  orgUnit: (id) => id,
  role: (id) => id,
  vettingItem: (id) => id,
};

/** The detail the import answers a file with, as the API writes it (the file is read, then refused). */
async function refusalOfFile(bytes: Buffer): Promise<{ rule: string; detail: string }> {
  try {
    await new ReadImportFiles().read('sha', bytes, true);
  } catch (error) {
    return { rule: (error as { rule: string }).rule, detail: (error as Error).message };
  }
  throw new Error('the file was read');
}

/** What the import screen shows: the rule's title, then the detail without the title's words. */
function screenLine(rule: string, status: number, detail: string): string {
  const title = problemTitle(rule, status, 'vi');
  const read = reasonInVietnamese(detail, words);
  if (read === null) throw new Error(`no sentence reads: ${detail}`);
  return `${title} — ${withoutRulePrefix(title, read)}`;
}

describe('an import file refused as a whole reads in Vietnamese, with its figures', () => {
  it('a file over the configured size names the limit in MB and bytes', () => {
    const refusal = importFileTooLarge(5 * 1024 * 1024);
    expect(screenLine('body.too_large', 413, refusal.message)).toBe(
      'Nội dung yêu cầu quá lớn — Tệp lớn hơn 5 MB (5242880 byte), mức tối đa của một lần nhập; hãy chia thành các tệp nhỏ hơn',
    );
    expect(reasonInVietnamese(importFileTooLarge(2.5 * 1024 * 1024).message, words)).toMatch(
      /^Tệp lớn hơn 2,5 MB \(2621440 byte\)/,
    );
    expect(reasonInVietnamese(importFileTooLarge(512 * 1024).message, words)).toMatch(
      /^Tệp lớn hơn 512 KB \(524288 byte\)/,
    );
  });

  it('a CSV saved as UTF-16 or in the Windows code page says to save it as CSV UTF-8', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Mã cán bộ,Họ và tên\r\np-an,Lê Thị Hoa\r\n', 'utf16le'),
    ]);
    // "Mã" in Windows-1258 (CP1258): 0xE3 for ã, not UTF-8.
    const cp1258 = Buffer.from([0x4d, 0xe3, 0x20, 0x63, 0xe1, 0x6e, 0x20, 0x62, 0xf4, 0x0d, 0x0a]);
    for (const bytes of [utf16, cp1258]) {
      const { rule, detail } = await refusalOfFile(bytes);
      expect(screenLine(rule, 422, detail)).toBe(
        'Tệp không phải xlsx hoặc văn bản UTF-8 — hãy lưu tệp dưới dạng CSV UTF-8',
      );
    }
  });

  it('a file of more rows than one import takes names the count and the limit', async () => {
    const rows = Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => ({ 'Mã cán bộ': `p-${i}` }));
    const { rule, detail } = await refusalOfFile(csv('people', rows));
    expect(screenLine(rule, 422, detail)).toBe(
      'Tệp có quá nhiều dòng cho một lần nhập — Tệp có 20001 dòng dữ liệu; mỗi lần nhập tối đa 20000 dòng (hãy chia thành nhiều tệp)',
    );
  });
});
