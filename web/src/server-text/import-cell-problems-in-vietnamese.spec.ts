import ExcelJS from 'exceljs';
import { reasonInVietnamese, ReasonVocabulary } from './reason-in-vietnamese';
import {
  birthDay,
  CellParser,
  CellValue,
  choice,
  day,
  identifier,
  planningTerm,
  text,
} from '../../../src/imports/cell-parsers';
import { candidateVotes, count, vettingItems } from '../../../src/imports/case-cell-parsers';
import { violationCategory } from '../../../src/imports/violation-category-cell';
import { parseRows } from '../../../src/imports/parse-rows';
import { readSpreadsheet } from '../../../src/imports/spreadsheet-reader';
import { storedZip } from '../../../test/imports/spreadsheets';

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

/** The problem the parser finds in the cell, as the import's report writes it. */
function problemOf<T>(parse: CellParser<T>, cell: CellValue): string {
  const parsed = parse(cell);
  if (parsed.ok) throw new Error(`the parser took ${String(cell)}`);
  return parsed.message;
}

/** The English in brackets the server writes after the Vietnamese, none of which may be left. */
const ENGLISH =
  /\((?:required|one of|or its code|a day as|invalid date|a date of birth|remove|one line|lower-case|a term as|a whole number|person id|item:|the same|missing column|not a column|\d+ to \d+ characters)/;

function expectVietnamese(message: string): string {
  const read = reasonInVietnamese(message, words);
  expect({ message, read }).toEqual({ message, read: expect.any(String) });
  expect({ message, read }).toEqual({ message, read: expect.not.stringMatching(ENGLISH) });
  return read!;
}

/**
 * The import screen showed each cell's problem with its English in brackets ("bắt buộc
 * (required)", "(a day as dd/mm/yyyy)", "(one of)", "(or its code)"): a Vietnamese reader reads
 * the Vietnamese alone, from what the parsers really write.
 */
describe("an import cell's problem reads in Vietnamese alone", () => {
  it('days, choices, ids, terms, counts and list cells', () => {
    expect(expectVietnamese(problemOf(day, '2023-13-01'))).toBe(
      'ngày theo dạng dd/mm/yyyy hoặc yyyy-mm-dd, không có ngày "2023-13-01"',
    );
    expect(expectVietnamese(problemOf(day, new Date(Number.NaN)))).toBe('ngày không hợp lệ');
    expect(expectVietnamese(problemOf(birthDay, '01/01/1800'))).toMatch(/^ngày sinh từ /);
    expect(expectVietnamese(problemOf(choice({ Nam: 'male', Nữ: 'female' }), 'x'))).toBe(
      'một trong: Nam, Nữ; có "x"',
    );
    expect(expectVietnamese(problemOf(violationCategory, 'x'))).toMatch(
      /^một trong: Quản lý đất đai; .*; hoặc mã: .*; có "x"$/,
    );
    expect(expectVietnamese(problemOf(identifier, 'A B'))).toBe(
      'mã gồm chữ thường, chữ số và dấu gạch ngang, 2–64 ký tự: "A B"',
    );
    expectVietnamese(problemOf(planningTerm, '2030-2025'));
    expectVietnamese(problemOf(count, '-1'));
    expectVietnamese(problemOf(candidateVotes, 'p-a 16'));
    expectVietnamese(problemOf(vettingItems, 'x: y'));
  });

  it('text: its length, a line break, a control, invisible or private-use character', () => {
    expect(expectVietnamese(problemOf(text(2, 5), 'abcdefg'))).toBe('2 đến 5 ký tự, có 7');
    expect(expectVietnamese(problemOf(text(1, 10), 'a\nb'))).toBe(
      'một dòng, không có tab hay xuống dòng (U+000A ở vị trí 2)',
    );
    expect(expectVietnamese(problemOf(text(1, 10, 'lines'), 'a\u0000b'))).toBe(
      'hãy bỏ ký tự điều khiển (U+0000) ở vị trí 2',
    );
    expect(expectVietnamese(problemOf(text(1, 10), 'a\u200bb'))).toBe(
      'hãy bỏ ký tự định dạng không nhìn thấy (U+200B) ở vị trí 2',
    );
    expectVietnamese(problemOf(text(1, 10), 'a\ue000b'));
  });

  it('a required cell left empty, a row twice, a column missing or unknown', async () => {
    const headers = 'Mã cán bộ,Mã chức vụ,Nhiệm kỳ quy hoạch,Số quyết định,Cột lạ';
    const file = [
      headers,
      'p-an,pos-a,2025-2030,,',
      'p-an,pos-b,2025-2030,1,',
      'p-an,pos-b,2025-2030,1,',
      'p-an,pos-b,2025-2030,2,',
    ].join('\r\n');
    const { sheets } = await readSpreadsheet(Buffer.from(`\uFEFF${file}\r\n`, 'utf8'));
    const { problems } = parseRows(sheets);
    const messages = problems.map((problem) => problem.message);
    expect(messages.length).toBeGreaterThanOrEqual(4);
    const read = messages.map(expectVietnamese);
    expect(read).toEqual(
      expect.arrayContaining([
        'bắt buộc',
        'trùng với dòng 3',
        expect.stringMatching(/^cột "Cột lạ" không có trong mẫu \(các cột của mẫu: /),
      ]),
    );
    const missing = parseRows([{ ...sheets[0], headers: [] }]).problems.map((p) => p.message);
    missing.map(expectVietnamese);
  });
});

/** A file refused as a whole: a ZIP that is not a workbook, a workbook without a template sheet. */
describe('an import file that is not a workbook of the template reads in Vietnamese', () => {
  const refusalOf = async (bytes: Buffer) =>
    readSpreadsheet(bytes).then(
      () => 'not refused',
      (error: Error) => `file: ${error.message}`,
    );

  it('a ZIP holding no xl/workbook.xml, a workbook with only the instructions', async () => {
    expect(expectVietnamese(await refusalOf(storedZip({ 'a.txt': 'x' })))).toMatch(
      /^Tệp là tệp nén ZIP nhưng không phải sổ tính Excel xlsx/,
    );
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Hướng dẫn');
    expect(expectVietnamese(await refusalOf(Buffer.from(await book.xlsx.writeBuffer())))).toMatch(
      /^Sổ tính không có trang tính nào của mẫu nhập \(/,
    );
  });
});
