import { Transform } from 'node:stream';
import { csvField } from '../common/csv';
import { AUDIT_COLUMNS, fromAuditRow } from './audit-entry';
import { AuditRowForViewer } from './audit-history.queries';
import { AuditEntryDisclosure, DisclosedAuditEntry } from './disclosed-entry';

export type ExportFormat = 'csv' | 'ndjson';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'ndjson'];

/** The stored columns, then the fields of `data` withheld from this reader (`;`-separated). */
export const CSV_HEADER = `${AUDIT_COLUMNS.map(([field]) => field).join(',')},withheld\r\n`;

export function toCsvLine(entry: DisclosedAuditEntry): string {
  const stored = AUDIT_COLUMNS.map(([field]) => csvField(entry[field]));
  return `${[...stored, csvField(entry.withheld ?? [])].join(',')}\r\n`;
}

export function toCsv(entries: readonly DisclosedAuditEntry[]): string {
  return CSV_HEADER + entries.map(toCsvLine).join('');
}

export function toNdjsonLine(entry: DisclosedAuditEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

/**
 * Turns `audit_history` rows from a cursor into export lines, header first for CSV, each as the
 * reader may see it.
 */
export function exportTransform(format: ExportFormat, disclosure: AuditEntryDisclosure): Transform {
  let headerSent = false;
  return new Transform({
    writableObjectMode: true,
    transform(row: AuditRowForViewer, _encoding, callback) {
      const entry = disclosure.disclose({
        entry: fromAuditRow(row),
        viewerIsSubject: row.viewer_is_subject === true,
      });
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
