import { N, Sentence, sentence } from './sentence';

/** Anything up to the end of the text, newlines too (a cell's text is quoted as it was typed). */
const REST = '([\\s\\S]*)';

/**
 * An import's cell problems (`src/imports/cell-parsers.ts`, `case-cell-parsers.ts`,
 * `violation-category-cell.ts`, `parse-rows.ts`) are written in both languages, the English in
 * brackets after the Vietnamese (`bắt buộc (required)`), for a caller of the API in either. A
 * Vietnamese reader of the import screen gets the Vietnamese alone (before, the English came
 * along: "ngày theo dạng dd/mm/yyyy (a day as dd/mm/yyyy)"); an English reader gets the text as
 * the server wrote it.
 */
export const IMPORT_CELL_REFUSALS: Sentence[] = [
  sentence('bắt buộc \\(required\\)', () => 'bắt buộc'),
  sentence(
    `${N} đến ${N} ký tự \\(\\d+ to \\d+ characters\\), có ${N}`,
    ([min, max, length]) => `${min} đến ${max} ký tự, có ${length}`,
  ),
  // A line break, a control, invisible or private-use character: the Vietnamese names it and
  // its position in brackets of its own, so the English is the bracket that opens with its words.
  sentence(
    '(một dòng, không có tab hay xuống dòng \\(U\\+[0-9A-F]+ ở vị trí \\d+\\)) \\(one line: [\\s\\S]*\\)',
    ([vietnamese]) => vietnamese,
  ),
  sentence('(hãy bỏ [\\s\\S]+?) \\(remove [\\s\\S]*\\)', ([vietnamese]) => vietnamese),
  sentence(
    `mã gồm chữ thường, chữ số và dấu gạch ngang, 2–64 ký tự \\(lower-case letters, digits and dashes\\): ${REST}`,
    ([value]) => `mã gồm chữ thường, chữ số và dấu gạch ngang, 2–64 ký tự: ${value}`,
  ),
  sentence(
    `ngày theo dạng dd/mm/yyyy hoặc yyyy-mm-dd \\(a day as dd/mm/yyyy or yyyy-mm-dd\\), ${REST}`,
    ([rest]) => `ngày theo dạng dd/mm/yyyy hoặc yyyy-mm-dd, ${rest}`,
  ),
  sentence('ngày không hợp lệ \\(invalid date\\)', () => 'ngày không hợp lệ'),
  sentence(
    `ngày sinh từ (\\S+) trở đi \\(a date of birth from \\S+ on\\), ${REST}`,
    ([earliest, rest]) => `ngày sinh từ ${earliest} trở đi, ${rest}`,
  ),
  sentence(
    `một trong \\(one of\\): ([\\s\\S]*?); hoặc mã \\(or its code\\): ${REST}`,
    ([names, rest]) => `một trong: ${names}; hoặc mã: ${rest}`,
  ),
  sentence(`một trong \\(one of\\): ${REST}`, ([rest]) => `một trong: ${rest}`),
  sentence(
    `nhiệm kỳ dạng YYYY-YYYY, năm sau lớn hơn năm trước \\(a term as YYYY-YYYY, its second year after its first\\); ${REST}`,
    ([rest]) => `nhiệm kỳ dạng YYYY-YYYY, năm sau lớn hơn năm trước; ${rest}`,
  ),
  sentence(`số nguyên ≥ 0 \\(a whole number ≥ 0\\); ${REST}`, ([rest]) => `số nguyên ≥ 0; ${rest}`),
  sentence(
    `mã cán bộ: số phiếu, cách nhau bởi dấu ; \\(person id: votes, separated by ;\\), ${REST}`,
    ([rest]) => `mã cán bộ: số phiếu, cách nhau bởi dấu ";", ${rest}`,
  ),
  sentence(
    `mục: Đạt \\| Vướng \\(ghi chú\\), cách nhau bởi dấu ; \\(item: Đạt or Vướng, an optional note in brackets\\); ${REST}`,
    ([rest]) => `mục: Đạt | Vướng (ghi chú), cách nhau bởi dấu ";"; ${rest}`,
  ),
  sentence(
    `trùng với dòng ${N} \\(the same record as line \\d+: ${REST}\\)`,
    ([line]) => `trùng với dòng ${line}`,
  ),
  sentence(
    `trùng mã với dòng ${N} nhưng khác nội dung; mỗi mã chỉ một dòng \\(the same key as line \\d+ with other data: ${REST}; one row per key\\)`,
    ([line, key]) => `trùng mã với dòng ${line} (${key}) nhưng khác nội dung; mỗi mã chỉ một dòng`,
  ),
  sentence(
    `thiếu cột "([^"]*)" \\(missing column: [^)]*\\)`,
    ([column]) => `thiếu cột "${column}"`,
  ),
  sentence(
    `cột "([^"]*)" không có trong mẫu \\(not a column of the template: ${REST}\\)`,
    ([column, known]) => `cột "${column}" không có trong mẫu (các cột của mẫu: ${known})`,
  ),
];
