import ExcelJS from 'exceljs';
import { storedZip, workbook } from '../../test/imports/spreadsheets';
import { readSpreadsheet, UnreadableFile } from './spreadsheet-reader';
import { zipEntryNames } from './zip-entry-names';

const refusal = async (bytes: Buffer): Promise<UnreadableFile> => {
  const error: unknown = await readSpreadsheet(bytes).then(
    () => new Error('not refused'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnreadableFile);
  return error as UnreadableFile;
};

/** Before: a ZIP holding only a.txt was read as an empty workbook, valid with every count 0. */
describe('a file that is not a workbook of the template', () => {
  it('names the files of a ZIP archive', async () => {
    expect(zipEntryNames(storedZip({ 'a.txt': 'hello', 'b/c.xml': '<c/>' }))).toEqual([
      'a.txt',
      'b/c.xml',
    ]);
    expect(zipEntryNames(await workbook({ people: [] }))).toContain('xl/workbook.xml');
    expect(zipEntryNames(Buffer.from('Mã cán bộ,Họ và tên\n'))).toBeUndefined();
  });

  it('refuses a ZIP without xl/workbook.xml: a lone text file, a Word document', async () => {
    const archives: Record<string, string>[] = [
      { 'a.txt': 'hello' },
      { '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' },
    ];
    for (const files of archives) {
      const error = await refusal(storedZip(files));
      expect(error.rule).toBe('import.not_a_workbook');
      expect(error.message).toContain('not an xlsx workbook (it holds no xl/workbook.xml');
    }
  });

  it('refuses a workbook with none of the template’s sheets', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Hướng dẫn').addRow(['Điền các trang tính theo mẫu']);
    const error = await refusal(Buffer.from(await book.xlsx.writeBuffer()));
    expect(error.rule).toBe('import.no_template_sheet');
    expect(error.message).toMatch(/^the workbook has no sheet of the template \(/);
  });

  it('still reads a workbook of the template, and lists a sheet it does not know', async () => {
    expect((await readSpreadsheet(await workbook({ people: [] }))).sheets).toHaveLength(1);
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Sheet1').addRow(['x']);
    const read = await readSpreadsheet(Buffer.from(await book.xlsx.writeBuffer()));
    expect(read.problems.map((p) => p.rule)).toEqual(['import.unknown_sheet']);
  });
});
