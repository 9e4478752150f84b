import { copyRows } from '../database/copy-text-format';
import { insertRows } from '../database/unnest-insert';
import { ProjectedEvent, Projection, ProjectionTx } from '../projections/projection';
import { AUDIT_COLUMNS, toAuditEntry } from './audit-entry';

const COLUMNS = AUDIT_COLUMNS.map(([, name, type]) => ({ name, type }));

/**
 * Live batches up to this many events go as one INSERT (one round trip), larger ones (catching
 * up, rebuilds) as COPY (two round trips, but far less work for the server per row).
 */
const INSERT_AT_MOST = 200;

/**
 * Writes a whole batch with one statement: rebuilds of a million events stay a matter of seconds
 * (COPY), a live batch of a few events waits for one round trip only (INSERT).
 * No ON CONFLICT: the runner applies each event once, and a duplicate key would reveal a bug.
 */
async function insertEntries(events: readonly ProjectedEvent[], tx: ProjectionTx): Promise<void> {
  const rows = events.map(({ event, sequence }) => {
    const entry = toAuditEntry(event, sequence);
    return AUDIT_COLUMNS.map(([field]) => entry[field]);
  });
  const write = rows.length <= INSERT_AT_MOST ? insertRows : copyRows;
  await write(tx, 'audit_history', COLUMNS, rows);
}

/** The auditors' history: every event of every stream, whatever its type. */
export const auditHistoryProjection: Projection = {
  name: 'audit_history',
  version: 1,
  tables: ['audit_history'],
  // Insert-only: a million rows into five indexes row by row was the slowest part of a rebuild.
  indexesAfterRebuildCatchUp: true,
  handle: (event, tx, { sequence }) => insertEntries([{ event, sequence }], tx),
  handleBatch: insertEntries,
};
