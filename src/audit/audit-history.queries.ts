import { Pool, PoolClient } from 'pg';
import { Readable } from 'node:stream';
import { connectionBoundQueryStream } from '../database/connection-bound-query-stream';
import { orgUnitNameSql, personNameSql, positionTitleSql } from '../cadres/registry-names';
import {
  AUDIT_COLUMNS,
  DECISION_ISSUED,
  fromNamedAuditRow,
  NamedAuditEntry,
  NamedAuditRow,
} from './audit-entry';
import { CASE_PROCEDURES } from '../procedures/case/case-stream';
import { namesPersonOfCaseSql } from '../procedures/case/people-of-case-stream';
import { PERSON_STREAM_KIND } from './stream-name';
import { CONCLUDING_EVENTS } from '../identity/ballot-disclosure';
import { caseNotesWithinSql, streamsInSubtreeSql, UNITLESS_STREAM_KINDS } from './stream-ownership';

/** The comment that opens the export's statement, as pg_stat_activity shows it. */
export const EXPORT_STATEMENT_TAG = 'cadreflow audit export';

/** The stored columns and, beside the ids, the names of the person, post and unit. */
const COLUMNS = [
  ...AUDIT_COLUMNS.map(([, column]) => `history.${column}`),
  `${orgUnitNameSql('history.org_unit')} AS org_unit_name`,
  `${personNameSql('history.person_id')} AS person_name`,
  `history.data->>'positionId' AS position_id`,
  `${positionTitleSql("history.data->>'positionId'")} AS position_title`,
].join(', ');

/** Whose events an export may hold: the streams of a unit's subtree (and, for an admin, the rest). */
export interface ExportScope {
  unit: string;
  /** Streams that belong to no unit (the backfills' coverage markers): an admin's export holds them too. */
  withUnitlessStreams: boolean;
}

/**
 * A row of the export with whether the reader is one of the people its stream's case names, and
 * whether its stream's case was decided (the form its ballot chose is then public).
 */
export type AuditRowForViewer = NamedAuditRow & {
  viewer_is_subject: boolean;
  stream_concluded: boolean;
};

/**
 * `stream_concluded` of an export row: its stream holds a decision that makes its ballot's
 * conclusion public (CONCLUDING_EVENTS), whether or not that decision lies within the exported
 * period, judged by the same snapshot as the rows (concludedStreams, as the histories judge it).
 */
function streamConcludedColumn(params: unknown[]): string {
  params.push(CONCLUDING_EVENTS);
  return `history.stream_id IN (SELECT concluding.stream_id FROM audit_history concluding
                                 WHERE concluding.event_type = ANY ($${params.length}))
          AS stream_concluded`;
}

/**
 * `viewer_is_subject` of an export row: an event of its stream names the reader as one of the
 * case's people (its subject, appointee, a nominee or candidate: people-of-case-stream.ts), as the
 * case view judges them. Computed in the statement that reads the rows, so a case opened or a
 * candidate nominated while an export runs is judged by the same snapshot as its ballots. A
 * reader who is not a cadre is nobody's subject.
 */
function viewerIsSubjectColumn(params: unknown[], viewerPersonId: string | undefined): string {
  if (!viewerPersonId) return 'false AS viewer_is_subject';
  params.push(viewerPersonId);
  return `history.stream_id IN (SELECT naming.stream_id FROM audit_history naming
                                 WHERE ${namesPersonOfCaseSql('naming', `$${params.length}`)})
          AS viewer_is_subject`;
}

/** Reads of the audit history read model. Every list is in the store's global order. */
export class AuditHistoryQueries {
  constructor(private readonly pool: Pool) {}

  /**
   * Every event of the case streams with this id, whatever the procedure (appointment-, discipline-…);
   * not the id's reservation stream (`caseid-<id>`), which records no step of the case.
   */
  async caseHistory(caseId: string): Promise<NamedAuditEntry[]> {
    const { rows } = await this.pool.query<NamedAuditRow>(
      `SELECT ${COLUMNS} FROM audit_history history
        WHERE history.stream_key = $1 AND history.stream_kind = ANY ($2)
        ORDER BY history.sequence`,
      [caseId, CASE_PROCEDURES],
    );
    return rows.map(fromNamedAuditRow);
  }

  /**
   * The person's own stream, every event naming them as `personId`, and every event of the cases
   * about them (streams whose opening event names them, or whose decision appointed them to the
   * post the case was opened for: it named nobody before): their ballots and decisions too.
   * `withinUnit`: only the streams of that unit's subtree besides the person's own (whose grant
   * the caller checked), so a commune reads none of the city's cases about its official; the
   * same ownership rule as an export's and as `/cases/:id/history`'s scope.
   */
  async personHistory(personId: string, withinUnit?: string): Promise<NamedAuditEntry[]> {
    const params: unknown[] = [personId, PERSON_STREAM_KIND];
    const ownStream = `(history.stream_key = $1 AND history.stream_kind = $2)`;
    let inScope = '';
    if (withinUnit !== undefined) {
      params.push(withinUnit, CASE_PROCEDURES);
      const subtree = streamsInSubtreeSql('$3', '$4');
      inScope = `AND (${ownStream} OR history.stream_id IN ${subtree})
                 AND ${caseNotesWithinSql('history', subtree)}`;
    }
    const { rows } = await this.pool.query<NamedAuditRow>(
      `SELECT ${COLUMNS} FROM audit_history history
        WHERE (${ownStream} OR history.person_id = $1
           OR history.stream_id IN
              (SELECT about.stream_id FROM audit_history about
                WHERE about.person_id = $1
                  AND (about.revision = 0 OR about.event_type = '${DECISION_ISSUED}')))
          ${inScope}
        ORDER BY history.sequence`,
      params,
    );
    return rows.map(fromNamedAuditRow);
  }

  /**
   * Of these streams, those an event of names the person as one of the case's people (its
   * subject, appointee, a nominee or candidate: people-of-case-stream.ts). Read after the history
   * lines it judges, over each whole stream: a line is judged by every event of its case.
   */
  async streamsNaming(
    personId: string,
    streams: readonly { streamId: string; streamKey: string }[],
  ): Promise<Set<string>> {
    if (streams.length === 0) return new Set();
    const { rows } = await this.pool.query<{ stream_id: string }>(
      `SELECT DISTINCT naming.stream_id FROM audit_history naming
        WHERE naming.stream_key = ANY ($2) AND naming.stream_id = ANY ($3)
          AND ${namesPersonOfCaseSql('naming', '$1')}`,
      [
        personId,
        [...new Set(streams.map((stream) => stream.streamKey))],
        [...new Set(streams.map((stream) => stream.streamId))],
      ],
    );
    return new Set(rows.map((row) => row.stream_id));
  }

  /**
   * A cursor over the events recorded in [from, to), in global order: rows arrive in chunks, so
   * an export of millions of events never sits in memory. The caller must release the client.
   */
  streamRecorded(
    client: PoolClient,
    range: { from?: Date; to?: Date; scope?: ExportScope },
    viewerPersonId?: string,
  ): Readable {
    const params: unknown[] = [];
    const subject = viewerIsSubjectColumn(params, viewerPersonId);
    const concluded = streamConcludedColumn(params);
    const where: string[] = [];
    if (range.from) {
      params.push(range.from);
      where.push(`history.recorded_at >= $${params.length}`);
    }
    if (range.to) {
      params.push(range.to);
      // recorded_at keeps microseconds, `to` names its last millisecond: all of it counts.
      where.push(`history.recorded_at < $${params.length}::timestamptz + interval '1 millisecond'`);
    }
    if (range.scope) {
      // Every stream lies in a unit (stream-ownership.ts); a grant reaches its unit's subtree.
      params.push(range.scope.unit, CASE_PROCEDURES);
      const subtree = streamsInSubtreeSql(`$${params.length - 1}`, `$${params.length}`);
      const inSubtree = `history.stream_id IN ${subtree}`;
      if (range.scope.withUnitlessStreams) {
        params.push(UNITLESS_STREAM_KINDS);
        where.push(`(${inSubtree} OR history.stream_kind = ANY ($${params.length}))`);
      } else where.push(inSubtree);
      where.push(caseNotesWithinSql('history', subtree));
    }
    // Named first: pg_stat_activity keeps only a statement's first 1 KiB, where an operator (or a
    // fault test) looking for the export's backend finds it by this comment.
    const sql = `/* ${EXPORT_STATEMENT_TAG} */ SELECT ${COLUMNS}, ${subject}, ${concluded} FROM audit_history history ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY history.sequence`;
    return connectionBoundQueryStream(client, sql, params, { batchSize: 1000 });
  }
}
