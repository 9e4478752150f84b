import { Pool, PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { AUDIT_COLUMNS, AuditEntry, AuditRow, fromAuditRow } from './audit-entry';
import { PERSON_STREAM_KIND } from './stream-name';

const COLUMNS = AUDIT_COLUMNS.map(([, column]) => column).join(', ');

/** Reads of the audit history read model. Every list is in the store's global order. */
export class AuditHistoryQueries {
  constructor(private readonly pool: Pool) {}

  /** Every event of the case streams with this id, whatever the procedure (appointment-, discipline-…). */
  async caseHistory(caseId: string): Promise<AuditEntry[]> {
    const { rows } = await this.pool.query<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_history
        WHERE stream_key = $1 AND stream_kind <> $2
        ORDER BY sequence`,
      [caseId, PERSON_STREAM_KIND],
    );
    return rows.map(fromAuditRow);
  }

  /** The person's own stream plus every case event naming them as `personId`. */
  async personHistory(personId: string): Promise<AuditEntry[]> {
    const { rows } = await this.pool.query<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_history
        WHERE (stream_key = $1 AND stream_kind = $2) OR person_id = $1
        ORDER BY sequence`,
      [personId, PERSON_STREAM_KIND],
    );
    return rows.map(fromAuditRow);
  }

  /**
   * A cursor over the events recorded in [from, to), in global order: rows arrive in chunks, so
   * an export of millions of events never sits in memory. The caller must release the client.
   */
  streamRecorded(client: PoolClient, range: { from?: Date; to?: Date }): QueryStream {
    const params: unknown[] = [];
    const where: string[] = [];
    if (range.from) {
      params.push(range.from);
      where.push(`recorded_at >= $${params.length}`);
    }
    if (range.to) {
      params.push(range.to);
      where.push(`recorded_at < $${params.length}`);
    }
    const sql = `SELECT ${COLUMNS} FROM audit_history ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sequence`;
    return client.query(new QueryStream(sql, params, { batchSize: 1000 }));
  }
}
