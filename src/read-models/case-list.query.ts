import { procedureFilterSql } from './procedure-filter';
import { Pool } from 'pg';
import { decodeCursor, encodeCursor, Page } from './cursor';
import { withinUnit } from './within-unit';

export interface CaseSummary {
  caseId: string;
  procedure: string;
  definition: string;
  ruleSet: string;
  /**
   * Whom the case is about; null for a case opened for a post until its decision names the
   * appointee, as the case view has it (the row keeps '' for it).
   */
  personId: string | null;
  positionId: string | null;
  orgUnitId: string;
  summary: string;
  status: string;
  currentStep: {
    id: string;
    dueOn: string | null;
    overdue: boolean;
    deadlineMissed: boolean;
  } | null;
  openedOn: string;
  closedOn: string | null;
}

const SUMMARY_COLUMNS = `case_id, procedure, definition, rule_set, person_id, position_id, org_unit_id, summary, status, current_step_id,
  current_step_due_on::text AS due_on, deadline_missed, opened_on::text AS opened_on, closed_on::text AS closed_on, opened_sequence`;

interface SummaryRow {
  case_id: string;
  procedure: string;
  definition: string;
  rule_set: string;
  person_id: string;
  position_id: string | null;
  org_unit_id: string;
  summary: string;
  status: string;
  current_step_id: string | null;
  due_on: string | null;
  deadline_missed: boolean;
  opened_on: string;
  closed_on: string | null;
  opened_sequence: string;
}

function toSummary(row: SummaryRow, today: string): CaseSummary {
  return {
    caseId: row.case_id,
    procedure: row.procedure,
    definition: row.definition,
    ruleSet: row.rule_set,
    personId: row.person_id || null,
    positionId: row.position_id,
    orgUnitId: row.org_unit_id,
    summary: row.summary,
    status: row.status,
    currentStep: row.current_step_id
      ? {
          id: row.current_step_id,
          dueOn: row.due_on,
          overdue: row.due_on !== null && row.due_on < today,
          deadlineMissed: row.deadline_missed,
        }
      : null,
    openedOn: row.opened_on,
    closedOn: row.closed_on,
  };
}

export interface CaseListQuery {
  scopeUnit: string;
  procedure?: string;
  status?: string;
  orgUnit?: string;
  person?: string;
  from?: string;
  to?: string;
  today: string;
  limit: number;
  cursor?: string;
}

/** Cases newest first, filtered; a cursor pages through them. */
export async function caseList(pool: Pool, query: CaseListQuery): Promise<Page<CaseSummary>> {
  const params: unknown[] = [query.scopeUnit];
  const where = [withinUnit('org_unit_id', '$1')];
  const add = (condition: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (query.procedure) {
    const procedure = query.procedure;
    add((p) => procedureFilterSql(procedure, p), procedure);
  }
  if (query.status) add((p) => `status = ${p}`, query.status);
  if (query.orgUnit) add((p) => withinUnit('org_unit_id', p), query.orgUnit);
  if (query.person) add((p) => `person_id = ${p}`, query.person);
  if (query.from) add((p) => `opened_on >= ${p}::date`, query.from);
  if (query.to) add((p) => `opened_on <= ${p}::date`, query.to);
  const after = decodeCursor(query.cursor, ['sequence']);
  if (after) add((p) => `opened_sequence < ${p}::bigint`, after[0]);
  params.push(query.limit + 1);
  const { rows } = await pool.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM case_summaries WHERE ${where.join(' AND ')} ORDER BY opened_sequence DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => toSummary(row, query.today)),
    nextCursor: rows.length > query.limit ? encodeCursor([page.at(-1)!.opened_sequence]) : null,
  };
}
