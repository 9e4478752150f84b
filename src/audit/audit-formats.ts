import { Transform } from 'node:stream';
import { CSV_BOM, csvField } from '../common/csv';
import { AUDIT_COLUMNS, fromNamedAuditRow, NamedAuditEntry, NamedAuditRow } from './audit-entry';

export type ExportFormat = 'csv' | 'ndjson';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'ndjson'];

/** The stored columns in order, each name right after the id it names. */
const CSV_COLUMNS: (keyof NamedAuditEntry)[] = AUDIT_COLUMNS.flatMap(([field]) => {
  if (field === 'orgUnit') return [field, 'orgUnitName'];
  if (field === 'personId') return [field, 'personName', 'positionId', 'positionTitle'];
  return [field];
});

export const CSV_HEADER = `${CSV_COLUMNS.join(',')}\r\n`;

export function toCsvLine(entry: NamedAuditEntry): string {
  return `${CSV_COLUMNS.map((field) => csvField(entry[field])).join(',')}\r\n`;
}

/** A whole CSV file: byte order mark, header, rows. */
export function toCsv(entries: readonly NamedAuditEntry[]): string {
  return CSV_BOM + CSV_HEADER + entries.map(toCsvLine).join('');
}

export function toNdjsonLine(entry: NamedAuditEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

/** Turns `audit_history` rows from a cursor into export lines, header first for CSV. */
export function exportTransform(format: ExportFormat): Transform {
  let headerSent = false;
  return new Transform({
    writableObjectMode: true,
    transform(row: NamedAuditRow, _encoding, callback) {
      const entry = fromNamedAuditRow(row);
      let chunk = format === 'csv' ? toCsvLine(entry) : toNdjsonLine(entry);
      if (format === 'csv' && !headerSent) {
        chunk = CSV_BOM + CSV_HEADER + chunk;
        headerSent = true;
      }
      callback(null, chunk);
    },
    flush(callback) {
      // An empty export still says what its columns are.
      callback(null, format === 'csv' && !headerSent ? CSV_BOM + CSV_HEADER : undefined);
    },
  });
}
