import { N, Sentence, sentence } from './sentence';

/**
 * What refuses an import file as a whole, before any row is read: its size over the configured
 * limit (`import-file-too-large.ts`), bytes that are not UTF-8 text, more rows than one import
 * takes, a ZIP that is not an xlsx workbook, a workbook without a sheet of the template
 * (`spreadsheet-reader.ts`). The reader gets the figures the server names and what to do.
 */
export const IMPORT_FILE_REFUSALS: Sentence[] = [
  sentence(
    `file: the file is larger than ${N} (MB|KB) \\(${N} bytes\\), the most one import reads; split it into smaller files`,
    ([size, unit, bytes], s) =>
      `Tệp lớn hơn ${s.n(size)} ${unit} (${bytes} byte), mức tối đa của một lần nhập; hãy chia thành các tệp nhỏ hơn`,
  ),
  sentence(
    'file: the file is neither xlsx nor UTF-8 text: save the CSV as "CSV UTF-8"',
    () => 'Tệp không phải xlsx hoặc văn bản UTF-8: hãy lưu tệp dưới dạng CSV UTF-8',
  ),
  sentence(
    'file: the file is a ZIP archive but not an xlsx workbook \\(it holds no xl/workbook\\.xml; a Word document or another archive\\?\\): save the sheets as an Excel workbook \\(\\.xlsx\\) or as CSV UTF-8',
    () =>
      'Tệp là tệp nén ZIP nhưng không phải sổ tính Excel xlsx (không có phần xl/workbook.xml; có thể là tài liệu Word hoặc tệp nén khác): hãy lưu các trang tính dưới dạng sổ tính Excel (.xlsx) hoặc CSV UTF-8',
  ),
  sentence(
    'file: the workbook has no sheet of the template \\((.+)\\)',
    ([sheets]) => `Sổ tính không có trang tính nào của mẫu nhập (${sheets})`,
  ),
  sentence(
    `file: the file has ${N} data rows; at most ${N} are imported at once \\(split it\\)`,
    ([rows, most]) =>
      `Tệp có ${rows} dòng dữ liệu; mỗi lần nhập tối đa ${most} dòng (hãy chia thành nhiều tệp)`,
  ),
];
