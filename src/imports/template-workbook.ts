import ExcelJS from 'exceljs';
import { VIOLATION_CATEGORY_NAMES } from '../procedures/discipline/violation-category-names';
import { DISCIPLINE_BLOCKS } from './discipline-block';
import { IMPORT_SHEETS } from './import-template';

/**
 * The downloadable template: one sheet per kind of record with its header row, and a sheet of
 * instructions naming every column (required or not, an example). Built from the same table the
 * import reads, so the two cannot drift.
 */
export async function templateWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'cadreflow';
  const help = workbook.addWorksheet('Hướng dẫn');
  help.columns = [
    { header: 'Trang tính (sheet)', width: 18 },
    { header: 'Cột (column)', width: 24 },
    { header: 'English', width: 22 },
    { header: 'Bắt buộc (required)', width: 18 },
    { header: 'Ví dụ (example)', width: 22 },
  ];
  help.getRow(1).font = { bold: true };
  for (const sheet of IMPORT_SHEETS) {
    for (const column of sheet.columns)
      help.addRow([
        sheet.name,
        column.header,
        column.headerEn,
        column.required ? 'Có' : 'Không',
        column.example,
      ]);
    const data = workbook.addWorksheet(sheet.name);
    data.columns = sheet.columns.map((column) => ({
      header: column.header,
      width: Math.max(14, column.header.length + 4),
      // Ids and decision numbers stay text: Excel would read "125-QĐ" or "2025-2030" otherwise.
      style: { numFmt: '@' },
    }));
    data.getRow(1).font = { bold: true };
    data.views = [{ state: 'frozen', ySplit: 1 }];
  }
  addNotes(help);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Notes below the columns: how days, categories and the list cells are written. */
function addNotes(help: ExcelJS.Worksheet): void {
  help.addRow([]);
  // The reader takes yyyy-mm-dd too (`cell-parsers.ts`, README): the template says so.
  help.addRow([
    'Ngày (days)',
    'dd/mm/yyyy, hoặc yyyy-mm-dd, hoặc ô kiểu ngày',
    'dd/mm/yyyy, or yyyy-mm-dd, or a date cell',
    '',
    '12/04/1978',
  ]);
  // A discipline's «Khối» as the register names it; «Cán bộ» records it as a cadre's.
  help.addRow([
    'Khối',
    Object.keys(DISCIPLINE_BLOCKS).join('; '),
    'track: Party, or a cadre (elected or appointed official) or a civil servant',
    '',
    'Cán bộ',
  ]);
  help.addRow([
    'Loại vi phạm',
    Object.values(VIOLATION_CATEGORY_NAMES).join('; '),
    'violation category: by its name (or its code)',
    '',
    VIOLATION_CATEGORY_NAMES.budget,
  ]);
  // The two cells of the steps sheet that hold a list, in the compact form the reader takes.
  help.addRow([
    'Giới thiệu',
    'mã cán bộ: số phiếu; …',
    'person id: votes; …',
    '',
    'p-a: 16; p-b: 7',
  ]);
  help.addRow([
    'Thẩm định',
    'mục: Đạt | Vướng (ghi chú); …',
    'item: cleared | flagged (note); …',
    '',
    'background: Đạt; health: Đạt (giấy khám 12/3/2025)',
  ]);
  help.addRow([
    'Bước đã thực hiện',
    'một dòng mỗi bước, theo thứ tự; chỉ điền các cột của loại bước',
    'one row per step taken, in order; only the columns its kind takes',
  ]);
}
