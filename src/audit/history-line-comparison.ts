import { canonicalJson } from '../event-store/canonical-json';
import { RecordedEvent } from '../event-store/event-envelope';
import { AUDIT_COLUMNS, AuditEntry, AuditRow, fromAuditRow, toAuditEntry } from './audit-entry';

/** Every column of an `audit_history` line, as the comparison reads it. */
export const HISTORY_LINE_COLUMNS = AUDIT_COLUMNS.map(([, column]) => column).join(', ');

/** A timestamp that names its offset: the only kind that reads as one instant everywhere. */
const WITH_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Two instants as the same one. A time the writer gave without an offset (`occurredAt` is the
 * caller's clock) was read by PostgreSQL in its session's zone when the line was copied: it
 * cannot be compared from here, so only its presence counts.
 */
function sameInstant(fromStore: string | null, inLine: string | null): boolean {
  if (fromStore === null || inLine === null) return fromStore === inLine;
  if (!WITH_OFFSET.test(fromStore)) return true;
  return Date.parse(fromStore) === Date.parse(inLine);
}

const sameJson = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * The columns of a history line that are not what the audit history projection writes from the
 * store's event now (`toAuditEntry`): who acted, under which roles and unit, when, why
 * (correlation, causation), the event's type, data and hash, where it lies. An edit of any of them
 * in the table (an actor renamed, a decision's number changed with its hash left alone) is named.
 * `sequence` is left out: it is the line's rank across the whole history, not a copy of the event.
 */
export function differingColumns(event: RecordedEvent, row: AuditRow): string[] {
  const line = fromAuditRow(row);
  const expected = toAuditEntry(event, line.sequence);
  const differs = (field: keyof AuditEntry): boolean => {
    switch (field) {
      case 'sequence':
        return false;
      case 'occurredAt':
      case 'recordedAt':
        return !sameInstant(expected[field], line[field]);
      case 'roles':
      case 'data':
        return !sameJson(expected[field], line[field]);
      default:
        return expected[field] !== line[field];
    }
  };
  return AUDIT_COLUMNS.filter(([field]) => differs(field)).map(([, column]) => column);
}
