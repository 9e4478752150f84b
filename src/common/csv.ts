/**
 * RFC 4180 field. A cell a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
 * apostrophe: auditors and inspectors open these files in Excel, and the data comes from users.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (Array.isArray(value)) text = value.join(';');
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (values: readonly unknown[]): string =>
  `${values.map(csvField).join(',')}\r\n`;

/**
 * Byte order mark at the start of every CSV we serve: without it Excel reads the file as the
 * local code page and "Nguyễn Văn An" arrives as mojibake.
 */
export const CSV_BOM = '\uFEFF';
