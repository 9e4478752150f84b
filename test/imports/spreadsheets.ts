import ExcelJS from 'exceljs';
import zlib from 'node:zlib';
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

/**
 * A ZIP archive of the given files, stored without compression (APPNOTE.TXT 4.3): the shape of an
 * xlsx file, holding whatever is asked (a lone a.txt, a Word document's parts).
 */
export function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const fileName = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    directory.push(entry, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const central = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, central, end]);
}
