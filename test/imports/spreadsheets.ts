import ExcelJS from 'exceljs';
import { IMPORT_SHEETS, SheetKind } from '../../src/imports/import-template';

/** Rows of one sheet by the template's headers (missing keys: empty cells). */
export type SheetRows = Record<string, string | Date | number | boolean | undefined>[];

const headersOf = (kind: SheetKind) =>
  IMPORT_SHEETS.find((sheet) => sheet.kind === kind)!.columns.map((column) => column.header);

/** An xlsx file as a clerk would fill the template: one sheet per kind, headers in the first row. */
export async function workbook(sheets: Partial<Record<SheetKind, SheetRows>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [kind, rows] of Object.entries(sheets) as [SheetKind, SheetRows][]) {
    const spec = IMPORT_SHEETS.find((sheet) => sheet.kind === kind)!;
    const sheet = book.addWorksheet(spec.name);
    const headers = headersOf(kind);
    sheet.addRow(headers);
    for (const row of rows) sheet.addRow(headers.map((header) => row[header] ?? null));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** One sheet as CSV, UTF-8 with a byte-order mark, as Excel saves "CSV UTF-8". */
export function csv(kind: SheetKind, rows: SheetRows, delimiter = ','): Buffer {
  const headers = headersOf(kind);
  const quote = (value: unknown) => {
    const text = value === undefined || value === null ? '' : String(value);
    return /[",;\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [headers, ...(rows.map((row) => headers.map((h) => row[h])) as unknown[][])].map(
    (cells) => cells.map(quote).join(delimiter),
  );
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
