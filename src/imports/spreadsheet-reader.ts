import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { CellValue, cellText } from './cell-parsers';
import { IMPORT_MAX_ROWS, IMPORT_SHEETS, SheetSpec } from './import-template';
import { RowProblem } from './row-problem';
import { zipEntryNames } from './zip-entry-names';

/** A data row of a sheet: its line in the file and its cells by header. */
export interface RawRow {
  line: number;
  cells: Map<string, { value: CellValue; column: string }>;
}

export interface RawSheet {
  spec: SheetSpec;
  /** The sheet's name as the file has it (a CSV file: the template's name for the sheet its headers match). */
  name: string;
  headers: { header: string; column: string }[];
  rows: RawRow[];
}

export type FileFormat = 'xlsx' | 'csv';

/** Sheets a template file may carry besides the data sheets (the instructions). */
const IGNORED_SHEETS = ['hướng dẫn', 'instructions'];

export class UnreadableFile extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

/** Column letters as spreadsheets show them: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** An xlsx file is a zip archive; anything else is read as CSV text. */
export const formatOf = (bytes: Buffer): FileFormat =>
  bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) ? 'xlsx' : 'csv';

export async function readSpreadsheet(
  bytes: Buffer,
): Promise<{ format: FileFormat; sheets: RawSheet[]; problems: RowProblem[] }> {
  const format = formatOf(bytes);
  const read = format === 'xlsx' ? await readXlsx(bytes) : readCsv(bytes);
  const total = read.sheets.reduce((sum, sheet) => sum + sheet.rows.length, 0);
  if (total > IMPORT_MAX_ROWS)
    throw new UnreadableFile(
      'import.too_many_rows',
      `the file has ${total} data rows; at most ${IMPORT_MAX_ROWS} are imported at once (split it)`,
    );
  return { format, ...read };
}

function xlsxCell(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return xlsxCell(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return null;
}

/** The part every xlsx workbook holds (ECMA-376 Part 1, SpreadsheetML: the workbook part). */
const WORKBOOK_PART = 'xl/workbook.xml';

async function readXlsx(bytes: Buffer): Promise<{ sheets: RawSheet[]; problems: RowProblem[] }> {
  // Before: a ZIP holding only a.txt (or a .docx) was read as a workbook with no sheet, and the
  // import answered valid with every count 0.
  const names = zipEntryNames(bytes);
  if (names && !names.includes(WORKBOOK_PART))
    throw new UnreadableFile(
      'import.not_a_workbook',
      `the file is a ZIP archive but not an xlsx workbook (it holds no ${WORKBOOK_PART}; a Word document or another archive?): save the sheets as an Excel workbook (.xlsx) or as CSV UTF-8`,
    );
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableFile('import.unreadable', 'the file is not a readable xlsx workbook');
  }
  const sheets: RawSheet[] = [];
  const problems: RowProblem[] = [];
  for (const worksheet of workbook.worksheets) {
    const name = worksheet.name.trim();
    if (IGNORED_SHEETS.includes(name.toLowerCase())) continue;
    const spec = IMPORT_SHEETS.find((sheet) => sheet.name.toLowerCase() === name.toLowerCase());
    if (!spec) {
      problems.push({
        sheet: name,
        line: 1,
        column: null,
        rule: 'import.unknown_sheet',
        message: `sheet "${name}" is not in the template (${IMPORT_SHEETS.map((s) => s.name).join(', ')})`,
      });
      continue;
    }
    const table: CellValue[][] = [];
    const lines: number[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values: CellValue[] = [];
      row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
        values[columnNumber - 1] = xlsxCell(cell.value);
      });
      table.push(Array.from(values, (value) => value ?? null));
      lines.push(rowNumber);
    });
    sheets.push(toSheet(spec, name, table, lines));
  }
  // A workbook with none of the template's sheets (only the instructions, or none at all) holds
  // nothing to import: before, it was answered valid with every count 0.
  if (sheets.length === 0 && problems.length === 0)
    throw new UnreadableFile(
      'import.no_template_sheet',
      `the workbook has no sheet of the template (${IMPORT_SHEETS.map((s) => s.name).join(', ')})`,
    );
  return { sheets, problems };
}

function readCsv(bytes: Buffer): { sheets: RawSheet[]; problems: RowProblem[] } {
  let content: string;
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UnreadableFile(
      'import.not_utf8',
      'the file is neither xlsx nor UTF-8 text: save the CSV as "CSV UTF-8"',
    );
  }
  const firstLine = content.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
  // Excel in a Vietnamese locale writes ';' between fields; elsewhere ','.
  const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content, {
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new UnreadableFile('import.unreadable', `the CSV cannot be read: ${String(error)}`);
  }
  if (records.length === 0) throw new UnreadableFile('import.empty', 'the file has no rows');
  const headers = records[0].record.map((cell) => cell.trim());
  const spec = [...IMPORT_SHEETS].sort((a, b) => overlap(b, headers) - overlap(a, headers))[0];
  if (overlap(spec, headers) === 0)
    throw new UnreadableFile(
      'import.unknown_sheet',
      `the CSV's headers match no sheet of the template (${IMPORT_SHEETS.map((s) => s.name).join(', ')})`,
    );
  const table = records.map(({ record }) => record as CellValue[]);
  const lines = records.map(({ info }) => info.lines);
  return { sheets: [toSheet(spec, spec.name, table, lines)], problems: [] };
}

const overlap = (spec: SheetSpec, headers: string[]) =>
  spec.columns.filter((column) => headers.includes(column.header)).length;

/** The first row names the columns; the rest are data (rows with no value at all are skipped). */
function toSheet(spec: SheetSpec, name: string, table: CellValue[][], lines: number[]): RawSheet {
  const headers = (table[0] ?? []).map((cell, index) => ({
    header: cellText(cell) ?? '',
    column: columnLetter(index + 1),
  }));
  const rows: RawRow[] = [];
  table.slice(1).forEach((values, index) => {
    if (values.every((value) => cellText(value ?? null) === null)) return;
    const cells = new Map<string, { value: CellValue; column: string }>();
    headers.forEach(({ header, column }, position) => {
      if (header) cells.set(header, { value: values[position] ?? null, column });
    });
    rows.push({ line: lines[index + 1], cells });
  });
  return { spec, name, headers, rows };
}
