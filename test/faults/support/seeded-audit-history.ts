import { Pool } from 'pg';
import { UNITLESS_STREAM_KINDS } from '../../../src/audit/stream-ownership';
import { EXPORT_STATEMENT_TAG } from '../../../src/audit/audit-history.queries';

/** Rows of about 10 kB each: far more than the sockets buffer, so an export is mid-way when cut. */
export const SEEDED_ROWS = 4000;

/** The export's query, as pg_stat_activity shows it (AuditHistoryQueries.streamRecorded). */
export const EXPORT_QUERY = `%${EXPORT_STATEMENT_TAG}%`;

/**
 * Audit history lines of unit-less streams (an admin's export holds them), written straight into
 * the projection's table: thousands in a second, where appending the events would take minutes.
 */
export async function seedAuditHistory(pool: Pool): Promise<void> {
  await pool.query(
    `INSERT INTO audit_history (event_id, sequence, global_position, stream_id, stream_kind,
       stream_key, revision, event_type, schema_version, recorded_at, hash, data)
     SELECT 'seeded-' || n, 1000000 + n, (1000000 + n)::text, $1 || '-' || n, $1, n::text, 0,
            'SeededForExport', 1, now(), md5(n::text),
            jsonb_build_object('padding', repeat('x', 10000))
       FROM generate_series(1, $2::int) n`,
    [UNITLESS_STREAM_KINDS[0], SEEDED_ROWS],
  );
}
