import { Transform } from 'node:stream';
import { csvField } from '../common/csv';
import { AUDIT_COLUMNS, AuditEntry, AuditRow, fromAuditRow } from './audit-entry';

export type ExportFormat = 'csv' | 'ndjson';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'ndjson'];

export const CSV_HEADER = `${AUDIT_COLUMNS.map(([field]) => field).join(',')}\r\n`;

export function toCsvLine(entry: AuditEntry): string {
  return `${AUDIT_COLUMNS.map(([field]) => csvField(entry[field])).join(',')}\r\n`;
}

export function toCsv(entries: readonly AuditEntry[]): string {
  return CSV_HEADER + entries.map(toCsvLine).join('');
}

export function toNdjsonLine(entry: AuditEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

/** Turns `audit_history` rows from a cursor into export lines, header first for CSV. */
export function exportTransform(format: ExportFormat): Transform {
  let headerSent = false;
  return new Transform({
    writableObjectMode: true,
    transform(row: AuditRow, _encoding, callback) {
      const entry = fromAuditRow(row);
      let chunk = format === 'csv' ? toCsvLine(entry) : toNdjsonLine(entry);
      if (format === 'csv' && !headerSent) {
        chunk = CSV_HEADER + chunk;
        headerSent = true;
      }
      callback(null, chunk);
    },
    flush(callback) {
      // An empty export still says what its columns are.
      callback(null, format === 'csv' && !headerSent ? CSV_HEADER : undefined);
    },
  });
}
