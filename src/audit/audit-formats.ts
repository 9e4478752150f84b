import { Transform } from 'node:stream';
import { CSV_BOM, csvField } from '../common/csv';
import { AUDIT_COLUMNS, fromNamedAuditRow, NamedAuditEntry } from './audit-entry';
import { AuditRowForViewer } from './audit-history.queries';
import { AuditEntryDisclosure, DisclosedNamedAuditEntry } from './disclosed-entry';

export type ExportFormat = 'csv' | 'ndjson';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'ndjson'];

/** The stored columns in order, each name right after the id it names. */
const CSV_COLUMNS: (keyof NamedAuditEntry)[] = AUDIT_COLUMNS.flatMap(([field]) => {
  if (field === 'orgUnit') return [field, 'orgUnitName'];
  if (field === 'personId') return [field, 'personName', 'positionId', 'positionTitle'];
  return [field];
});

/** The stored columns with their names, then the fields of `data` withheld from this reader (`;`-separated). */
export const CSV_HEADER = `${CSV_COLUMNS.join(',')},withheld\r\n`;

export function toCsvLine(entry: DisclosedNamedAuditEntry): string {
  const stored = CSV_COLUMNS.map((field) => csvField(entry[field]));
  return `${[...stored, csvField(entry.withheld ?? [])].join(',')}\r\n`;
}

/** A whole CSV file: byte order mark, header, rows. */
export function toCsv(entries: readonly DisclosedNamedAuditEntry[]): string {
  return CSV_BOM + CSV_HEADER + entries.map(toCsvLine).join('');
}

export function toNdjsonLine(entry: DisclosedNamedAuditEntry): string {
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
        entry: fromNamedAuditRow(row),
        viewerIsSubject: row.viewer_is_subject === true,
        conclusionPublic: row.stream_concluded === true,
      });
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
