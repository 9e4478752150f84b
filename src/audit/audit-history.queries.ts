import { Pool, PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { orgUnitNameSql, personNameSql, positionTitleSql } from '../cadres/registry-names';
import { AUDIT_COLUMNS, fromNamedAuditRow, NamedAuditEntry, NamedAuditRow } from './audit-entry';
import { PERSON_STREAM_KIND } from './stream-name';

/** The stored columns and, beside the ids, the names of the person, post and unit. */
const COLUMNS = [
  ...AUDIT_COLUMNS.map(([, column]) => `history.${column}`),
  `${orgUnitNameSql('history.org_unit')} AS org_unit_name`,
  `${personNameSql('history.person_id')} AS person_name`,
  `history.data->>'positionId' AS position_id`,
  `${positionTitleSql("history.data->>'positionId'")} AS position_title`,
].join(', ');

/** Reads of the audit history read model. Every list is in the store's global order. */
export class AuditHistoryQueries {
  constructor(private readonly pool: Pool) {}

  /** Every event of the case streams with this id, whatever the procedure (appointment-, discipline-…). */
  async caseHistory(caseId: string): Promise<NamedAuditEntry[]> {
    const { rows } = await this.pool.query<NamedAuditRow>(
      `SELECT ${COLUMNS} FROM audit_history history
        WHERE history.stream_key = $1 AND history.stream_kind <> $2
        ORDER BY history.sequence`,
      [caseId, PERSON_STREAM_KIND],
    );
    return rows.map(fromNamedAuditRow);
  }

  /** The person's own stream plus every case event naming them as `personId`. */
  async personHistory(personId: string): Promise<NamedAuditEntry[]> {
    const { rows } = await this.pool.query<NamedAuditRow>(
      `SELECT ${COLUMNS} FROM audit_history history
        WHERE (history.stream_key = $1 AND history.stream_kind = $2) OR history.person_id = $1
        ORDER BY history.sequence`,
      [personId, PERSON_STREAM_KIND],
    );
    return rows.map(fromNamedAuditRow);
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
      where.push(`history.recorded_at >= $${params.length}`);
    }
    if (range.to) {
      params.push(range.to);
      where.push(`history.recorded_at < $${params.length}`);
    }
    const sql = `SELECT ${COLUMNS} FROM audit_history history ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY history.sequence`;
    return client.query(new QueryStream(sql, params, { batchSize: 1000 }));
  }
}
