import { Pool } from 'pg';
import { orgUnitNameSql, personNameSql } from '../cadres/registry-names';
import { decodeCursor, encodeCursor, Page } from './cursor';
import { withinUnit } from './within-unit';

export interface CaseSummary {
  caseId: string;
  procedure: string;
  definition: string;
  ruleSet: string;
  personId: string;
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
    personId: row.person_id,
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

export interface InboxQuery {
  /** The caller's grant: their unit (subtree) and the `definition/step` pairs their roles perform. */
  scopeUnit: string;
  steps: string[];
  includeTasks: boolean;
  orgUnit?: string;
  procedure?: string;
  overdueOnly?: boolean;
  today: string;
  limit: number;
  cursor?: string;
}

export interface InboxItem {
  kind: 'step' | 'task';
  caseId: string | null;
  procedure: string | null;
  /** `appointment.internal@1` for a step; null for a staff task. */
  definition: string | null;
  personId: string;
  personName: string | null;
  positionId: string | null;
  positionTitle: string | null;
  orgUnitId: string;
  orgUnitName: string | null;
  step: string | null;
  detail: string;
  dueOn: string | null;
  overdue: boolean;
  deadlineMissed: boolean;
  href: string;
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

export interface RegisterQuery {
  scopeUnit: string;
  person?: string;
  orgUnit?: string;
  track?: string;
  form?: string;
  category?: string;
  from?: string;
  to?: string;
  status?: 'in_effect' | 'expired' | 'annulled';
  asOf: string;
  limit: number;
  cursor?: string;
}

export interface RegisterRecord {
  caseId: string;
  personId: string;
  /** From the registry, beside the id; null if the person is not (yet) in the read model. */
  personName: string | null;
  orgUnitId: string;
  orgUnitName: string | null;
  track: string;
  form: string;
  violationCategory: string;
  decidedOn: string;
  effectiveFrom: string;
  barEndsOn: string | null;
  annulledOn: string | null;
  status: 'in_effect' | 'expired' | 'annulled';
  decisionRef: string;
  ruleSet: string;
}

/** Status of a register row on a day, in SQL (the same rule as the person's record). */
const STATUS_SQL = (day: string) =>
  `CASE WHEN annulled_on IS NOT NULL AND annulled_on <= ${day} THEN 'annulled'
        WHEN bar_ends_on IS NOT NULL AND bar_ends_on <= ${day} THEN 'expired'
        ELSE 'in_effect' END`;

/** Reads of the staff inbox, the case list and the discipline register; always within the caller's unit. */
export class ReadModelQueries {
  constructor(private readonly pool: Pool) {}

  /**
   * Open steps the caller's roles perform, soonest deadline first (none last), then staff tasks.
   * For each unit of the subtree, its open steps are read in deadline order from an index and
   * only up to a page, so the cost follows the page size, not the number of open cases.
   */
  async inbox(query: InboxQuery): Promise<Page<InboxItem>> {
    const params: unknown[] = [query.scopeUnit, query.steps, query.includeTasks, query.limit + 1];
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const unitFilter = query.orgUnit ? ` AND ${withinUnit('u.id', add(query.orgUnit))}` : '';
    const caseWhere = [
      'c.current_step_id IS NOT NULL',
      "(c.definition || '/' || c.current_step_id) = ANY ($2::text[])",
    ];
    const taskWhere = [withinUnit('t.org_unit_id', '$1'), '$3::boolean'];
    if (query.orgUnit) taskWhere.push(withinUnit('t.org_unit_id', `$${params.length}`));
    if (query.procedure) {
      const p = add(query.procedure);
      caseWhere.push(`c.procedure = ${p}`);
      // Staff tasks are about re-appointment.
      taskWhere.push(`${p}::text = 'reappointment'`);
    }
    if (query.overdueOnly) {
      const p = add(query.today);
      caseWhere.push(`c.current_step_due_on < ${p}::date`);
      taskWhere.push(`t.due_on < ${p}::date`);
    }
    // The cursor is the last (sort date, 'c:' case id | 't:' task id) seen; cases sort before tasks on a day.
    const after = decodeCursor(query.cursor, ['day', 'text']) as [string, string] | null;
    if (after) {
      const [day, id] = after;
      const d = add(day);
      if (id.startsWith('c:')) {
        caseWhere.push(`(c.inbox_due, c.case_id) > (${d}::date, ${add(id.slice(2))}::text)`);
        taskWhere.push(`COALESCE(t.due_on, DATE '9999-12-31') >= ${d}::date`);
      } else {
        caseWhere.push(`c.inbox_due > ${d}::date`);
        taskWhere.push(
          `(COALESCE(t.due_on, DATE '9999-12-31'), t.task_id) > (${d}::date, ${add(id.slice(2))}::text)`,
        );
      }
    }
    const sql = `
      SELECT inbox.*, p.full_name AS person_name, pos.title AS position_title, ou.name AS org_unit_name FROM (
        SELECT 'step' AS kind, c.case_id, c.procedure, c.definition, c.person_id, c.position_id, c.org_unit_id, c.current_step_id AS step, c.summary AS detail,
               c.current_step_due_on::text AS due_on, c.deadline_missed, c.inbox_due::text AS sort_due, 'c:' || c.case_id AS sort_id
          FROM org_units u
          CROSS JOIN LATERAL (
            SELECT * FROM case_summaries c
             WHERE c.org_unit_id = u.id AND ${caseWhere.join(' AND ')}
             ORDER BY c.inbox_due, c.case_id
             LIMIT $4
          ) c
         WHERE $1 = ANY (u.path)${unitFilter}
        UNION ALL
        SELECT 'task', NULL, NULL, NULL, t.person_id, t.position_id, t.org_unit_id, NULL, t.detail, t.due_on::text, false,
               COALESCE(t.due_on, DATE '9999-12-31')::text, 't:' || t.task_id
          FROM inbox_tasks t WHERE ${taskWhere.join(' AND ')}
      ) inbox
      LEFT JOIN people p ON p.person_id = inbox.person_id
      LEFT JOIN positions pos ON pos.id = inbox.position_id
      LEFT JOIN org_units ou ON ou.id = inbox.org_unit_id
      ORDER BY sort_due, sort_id
      LIMIT $4`;
    const { rows } = await this.pool.query(sql, params);
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((row) => {
        const dueOn: string | null = row.due_on;
        return {
          kind: row.kind,
          caseId: row.case_id,
          procedure: row.procedure,
          definition: row.definition,
          personId: row.person_id,
          personName: row.person_name,
          positionId: row.position_id,
          positionTitle: row.position_title,
          orgUnitId: row.org_unit_id,
          orgUnitName: row.org_unit_name,
          step: row.step,
          detail: row.detail,
          dueOn,
          overdue: dueOn !== null && dueOn < query.today,
          deadlineMissed: row.deadline_missed,
          href:
            row.kind === 'step'
              ? `/${row.procedure === 'discipline' ? 'discipline-cases' : 'cases'}/${row.case_id}`
              : `/cadres/${row.person_id}`,
        };
      }),
      nextCursor:
        rows.length > query.limit
          ? encodeCursor([page.at(-1).sort_due, page.at(-1).sort_id])
          : null,
    };
  }

  /** Cases newest first, filtered; a cursor pages through them. */
  async cases(query: CaseListQuery): Promise<Page<CaseSummary>> {
    const params: unknown[] = [query.scopeUnit];
    const where = [withinUnit('org_unit_id', '$1')];
    const add = (condition: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (query.procedure) add((p) => `procedure = ${p}`, query.procedure);
    if (query.status) add((p) => `status = ${p}`, query.status);
    if (query.orgUnit) add((p) => withinUnit('org_unit_id', p), query.orgUnit);
    if (query.person) add((p) => `person_id = ${p}`, query.person);
    if (query.from) add((p) => `opened_on >= ${p}::date`, query.from);
    if (query.to) add((p) => `opened_on <= ${p}::date`, query.to);
    const after = decodeCursor(query.cursor, ['sequence']);
    if (after) add((p) => `opened_sequence < ${p}::bigint`, after[0]);
    params.push(query.limit + 1);
    const { rows } = await this.pool.query<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM case_summaries WHERE ${where.join(' AND ')} ORDER BY opened_sequence DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((row) => toSummary(row, query.today)),
      nextCursor: rows.length > query.limit ? encodeCursor([page.at(-1)!.opened_sequence]) : null,
    };
  }

  /** The register, newest decision first, with each record's status on `asOf`. */
  async disciplineRecords(query: RegisterQuery): Promise<Page<RegisterRecord>> {
    const params: unknown[] = [query.scopeUnit, query.asOf];
    const where = [withinUnit('org_unit_id', '$1'), 'decided_on <= $2::date'];
    const add = (condition: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (query.person) add((p) => `person_id = ${p}`, query.person);
    if (query.orgUnit) add((p) => withinUnit('org_unit_id', p), query.orgUnit);
    if (query.track) add((p) => `track = ${p}`, query.track);
    if (query.form) add((p) => `form = ${p}`, query.form);
    if (query.category) add((p) => `violation_category = ${p}`, query.category);
    if (query.from) add((p) => `decided_on >= ${p}::date`, query.from);
    if (query.to) add((p) => `decided_on <= ${p}::date`, query.to);
    if (query.status) add((p) => `${STATUS_SQL('$2::date')} = ${p}`, query.status);
    const after = decodeCursor(query.cursor, ['day', 'text']);
    if (after) {
      params.push(after[0], after[1]);
      where.push(`(decided_on, case_id) < ($${params.length - 1}::date, $${params.length}::text)`);
    }
    params.push(query.limit + 1);
    const { rows } = await this.pool.query(
      `SELECT case_id, person_id, ${personNameSql('discipline_records.person_id')} AS person_name, org_unit_id, ${orgUnitNameSql('discipline_records.org_unit_id')} AS org_unit_name, track, form, violation_category, decided_on::text AS decided_on, effective_from::text AS effective_from,
              bar_ends_on::text AS bar_ends_on, annulled_on::text AS annulled_on, decision_ref, rule_set, ${STATUS_SQL('$2::date')} AS status
         FROM discipline_records WHERE ${where.join(' AND ')}
        ORDER BY decided_on DESC, case_id DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((row) => ({
        caseId: row.case_id,
        personId: row.person_id,
        personName: row.person_name,
        orgUnitId: row.org_unit_id,
        orgUnitName: row.org_unit_name,
        track: row.track,
        form: row.form,
        violationCategory: row.violation_category,
        decidedOn: row.decided_on,
        effectiveFrom: row.effective_from,
        barEndsOn: row.bar_ends_on,
        annulledOn: row.annulled_on,
        status: row.status,
        decisionRef: row.decision_ref,
        ruleSet: row.rule_set,
      })),
      nextCursor:
        rows.length > query.limit
          ? encodeCursor([page.at(-1).decided_on, page.at(-1).case_id])
          : null,
    };
  }
}
