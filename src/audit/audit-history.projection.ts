import { copyRows } from '../database/copy-text-format';
import { ProjectedEvent, Projection, ProjectionTx } from '../projections/projection';
import { AUDIT_COLUMNS, toAuditEntry } from './audit-entry';

const COLUMNS = AUDIT_COLUMNS.map(([, name, type]) => ({ name, type }));

/**
 * Writes a whole batch with one COPY: rebuilds of a million events stay a matter of seconds.
 * No ON CONFLICT: the runner applies each event once, and a duplicate key would reveal a bug.
 */
async function insertEntries(events: readonly ProjectedEvent[], tx: ProjectionTx): Promise<void> {
  const rows = events.map(({ event, sequence }) => {
    const entry = toAuditEntry(event, sequence);
    return AUDIT_COLUMNS.map(([field]) => entry[field]);
  });
  await copyRows(tx, 'audit_history', COLUMNS, rows);
}

/** The auditors' history: every event of every stream, whatever its type. */
export const auditHistoryProjection: Projection = {
  name: 'audit_history',
  // 2: a decision's appointee is its person (a post case's winner: their history holds the case).
  version: 2,
  tables: ['audit_history'],
  // Insert-only: a million rows into five indexes row by row was the slowest part of a rebuild.
  indexesAfterRebuildCatchUp: true,
  handle: (event, tx, { sequence }) => insertEntries([{ event, sequence }], tx),
  handleBatch: insertEntries,
};
