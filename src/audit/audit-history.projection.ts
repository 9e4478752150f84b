import { ProjectedEvent, Projection, ProjectionTx } from '../projections/projection';
import { AUDIT_COLUMNS, toAuditEntry } from './audit-entry';

const COLUMN_LIST = AUDIT_COLUMNS.map(([, column]) => column).join(', ');
const RECORD_TYPE = AUDIT_COLUMNS.map(([field, , type]) => `"${field}" ${type}`).join(', ');
const SELECT_LIST = AUDIT_COLUMNS.map(([field]) => `r."${field}"`).join(', ');

/**
 * Inserts a whole batch in one statement: rebuilds of a million events stay a matter of seconds.
 * No ON CONFLICT: the runner applies each event once, and a duplicate key would reveal a bug.
 */
async function insertEntries(events: readonly ProjectedEvent[], tx: ProjectionTx): Promise<void> {
  const entries = events.map(({ event, sequence }) => toAuditEntry(event, sequence));
  await tx.query(
    `INSERT INTO audit_history (${COLUMN_LIST})
     SELECT ${SELECT_LIST} FROM jsonb_to_recordset($1::jsonb) AS r(${RECORD_TYPE})`,
    [JSON.stringify(entries)],
  );
}

/** The auditors' history: every event of every stream, whatever its type. */
export const auditHistoryProjection: Projection = {
  name: 'audit_history',
  version: 1,
  tables: ['audit_history'],
  handle: (event, tx, { sequence }) => insertEntries([{ event, sequence }], tx),
  handleBatch: insertEntries,
};
