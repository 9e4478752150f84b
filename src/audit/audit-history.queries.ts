import { Pool, PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { AUDIT_COLUMNS, AuditEntry, AuditRow, fromAuditRow } from './audit-entry';
import { CASE_PROCEDURES } from '../cases/case-stream';
import { PERSON_STREAM_KIND } from './stream-name';

const COLUMNS = AUDIT_COLUMNS.map(([, column]) => column).join(', ');

/** The events that open a person's or a case's stream; each names the stream's unit (`orgUnitId`). */
const STREAM_OPENING_EVENTS = ['PersonRegistered', 'CaseOpened', 'DisciplineCaseOpened'];

/** Stream kinds that belong to a unit: a person's and the cases'; others (timers) belong to none. */
const UNIT_STREAM_KINDS = [PERSON_STREAM_KIND, ...CASE_PROCEDURES];

/** Whose events an export may hold: the streams of a unit's subtree (and, for an admin, the rest). */
export interface ExportScope {
  unit: string;
  /** Streams that belong to no unit (timers): an admin's export holds them too. */
  withUnitlessStreams: boolean;
}

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
  streamRecorded(
    client: PoolClient,
    range: { from?: Date; to?: Date; scope?: ExportScope },
  ): QueryStream {
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
    if (range.scope) {
      // A stream lies in the unit its opening event names; a grant reaches its unit's subtree.
      params.push(STREAM_OPENING_EVENTS, range.scope.unit);
      const opening = `$${params.length - 1}`;
      const unit = `$${params.length}`;
      const inSubtree = `stream_id IN (SELECT opened.stream_id FROM audit_history opened
          JOIN org_units u ON u.id = opened.data->>'orgUnitId'
         WHERE opened.event_type = ANY (${opening}) AND ${unit} = ANY (u.path))`;
      if (range.scope.withUnitlessStreams) {
        params.push(UNIT_STREAM_KINDS);
        where.push(`(${inSubtree} OR stream_kind <> ALL ($${params.length}))`);
      } else where.push(inSubtree);
    }
    const sql = `SELECT ${COLUMNS} FROM audit_history ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sequence`;
    return client.query(new QueryStream(sql, params, { batchSize: 1000 }));
  }
}
