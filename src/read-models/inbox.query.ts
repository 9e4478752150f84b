import { procedureFilterSql } from './procedure-filter';
import { Pool } from 'pg';
import { decodeCursor, encodeCursor, Page } from './cursor';
import { withinUnit } from './within-unit';
import { WorkingDayCalendar } from '../workflow/calendar/working-day-calendar';

export interface InboxQuery {
  /** The caller's grant: their unit (subtree) and the `definition/step` pairs their roles perform. */
  scopeUnit: string;
  steps: string[];
  includeTasks: boolean;
  /**
   * The reader's own person record (`person_id` in the token): steps and tasks about them, and
   * the steps of a case naming them as a nominee or candidate, are left out, since separation of
   * duties refuses them every step of such a case.
   */
  readerPersonId?: string;
  orgUnit?: string;
  procedure?: string;
  overdueOnly?: boolean;
  today: string;
  /** The calendar a case's deadline was counted with: it says when the due day is provisional. */
  calendar: Pick<WorkingDayCalendar, 'isProvisionalBetween'>;
  limit: number;
  cursor?: string;
}

export interface InboxItem {
  kind: 'step' | 'task';
  caseId: string | null;
  procedure: string | null;
  /** `appointment.internal@1` for a step; null for a staff task. */
  definition: string | null;
  /** Null for a step of a case opened for a post (the row keeps ''): `nominees` says who stands. */
  personId: string | null;
  personName: string | null;
  /**
   * A case opened for a post (no person): its nominees still standing, by name; empty before a
   * nomination selected any, and for other items.
   */
  nominees: { personId: string; name: string | null }[];
  positionId: string | null;
  positionTitle: string | null;
  orgUnitId: string;
  orgUnitName: string | null;
  step: string | null;
  detail: string;
  /**
   * A re-appointment notice's task whose case could not be opened: the rule that refused it
   * (`position.elected`, `case.duplicate_open`); null for a step and for a task that only asks.
   */
  refusalRule: string | null;
  dueOn: string | null;
  /**
   * A step's due day counted through a year whose official holidays are not published yet: it
   * may move (as the case view's `currentStep.provisional`); false for a staff task.
   */
  provisional: boolean;
  /**
   * A step's case with vetting items flagged and not resolved: they hold its decision back (the
   * decision is refused, vetting.flagged_item_blocks_decision) until resolved, the vetting
   * corrected or the case rejected; empty otherwise and for a task.
   */
  flaggedItems: string[];
  overdue: boolean;
  deadlineMissed: boolean;
  href: string;
}

/**
 * Open steps the caller's roles perform, soonest deadline first (none last), then staff tasks.
 * For each unit of the subtree, its open steps are read in deadline order from an index and
 * only up to a page, so the cost follows the page size, not the number of open cases.
 */
export async function inbox(pool: Pool, query: InboxQuery): Promise<Page<InboxItem>> {
  const { params, caseWhere, taskWhere, unitFilter } = inboxFilters(query);
  const { rows } = await pool.query(inboxSql(caseWhere, taskWhere, unitFilter), params);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => inboxItem(row, query.today, query.calendar)),
    nextCursor:
      rows.length > query.limit ? encodeCursor([page.at(-1).sort_due, page.at(-1).sort_id]) : null,
  };
}

/** The parameters and conditions of an inbox page: the caller's grant, the filters, the cursor. */
function inboxFilters(query: InboxQuery) {
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
  if (query.readerPersonId) {
    const p = add(query.readerPersonId);
    caseWhere.push(
      `c.person_id IS DISTINCT FROM ${p}::text`,
      `NOT (${p}::text = ANY (c.named_people))`,
    );
    taskWhere.push(`t.person_id IS DISTINCT FROM ${p}::text`);
  }
  if (query.procedure) {
    const p = add(query.procedure);
    caseWhere.push(procedureFilterSql(query.procedure, p, 'c'));
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
  return { params, caseWhere, taskWhere, unitFilter };
}

/** The inbox's SQL: each unit's open steps from the deadline index, a page at most, then staff tasks. */
function inboxSql(caseWhere: string[], taskWhere: string[], unitFilter: string): string {
  return `
    SELECT inbox.*, p.full_name AS person_name, pos.title AS position_title, ou.name AS org_unit_name,
           (SELECT COALESCE(json_agg(json_build_object('personId', n.id, 'name', np.full_name) ORDER BY n.i), '[]'::json)
              FROM unnest(inbox.nominees) WITH ORDINALITY AS n(id, i)
              LEFT JOIN people np ON np.person_id = n.id) AS named
      FROM (
      SELECT 'step' AS kind, c.case_id, c.procedure, c.definition, c.person_id, c.position_id, c.org_unit_id, c.current_step_id AS step, c.summary AS detail, NULL::text AS refusal_rule,
             CASE WHEN COALESCE(c.person_id, '') = '' THEN c.nominees ELSE '{}'::text[] END AS nominees, c.flagged_items,
             c.current_step_due_on::text AS due_on, c.opened_on::text AS opened_on, c.deadline_missed, c.inbox_due::text AS sort_due, 'c:' || c.case_id AS sort_id
        FROM org_units u
        CROSS JOIN LATERAL (
          SELECT * FROM case_summaries c
           WHERE c.org_unit_id = u.id AND ${caseWhere.join(' AND ')}
           ORDER BY c.inbox_due, c.case_id
           LIMIT $4
        ) c
       WHERE u.path @> ARRAY[$1::text]${unitFilter}
      UNION ALL
      SELECT 'task', NULL, NULL, NULL, t.person_id, t.position_id, t.org_unit_id, NULL, t.detail, t.refusal_rule, '{}'::text[], '{}'::text[], t.due_on::text, NULL, false,
             COALESCE(t.due_on, DATE '9999-12-31')::text, 't:' || t.task_id
        FROM inbox_tasks t WHERE ${taskWhere.join(' AND ')}
    ) inbox
    LEFT JOIN people p ON p.person_id = inbox.person_id
    LEFT JOIN positions pos ON pos.id = inbox.position_id
    LEFT JOIN org_units ou ON ou.id = inbox.org_unit_id
    ORDER BY sort_due, sort_id
    LIMIT $4`;
}

/** A row of the inbox as the API answers it, with its link. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a row as pg returns it
function inboxItem(row: any, today: string, calendar: InboxQuery['calendar']): InboxItem {
  const dueOn: string | null = row.due_on;
  const openedOn: string | null = row.opened_on;
  return {
    kind: row.kind,
    caseId: row.case_id,
    procedure: row.procedure,
    definition: row.definition,
    personId: row.person_id || null,
    personName: row.person_name,
    nominees: row.named ?? [],
    positionId: row.position_id,
    positionTitle: row.position_title,
    orgUnitId: row.org_unit_id,
    orgUnitName: row.org_unit_name,
    step: row.step,
    detail: row.detail,
    refusalRule: row.refusal_rule,
    dueOn,
    provisional:
      dueOn !== null && openedOn !== null && calendar.isProvisionalBetween(openedOn, dueOn),
    flaggedItems: row.flagged_items ?? [],
    overdue: dueOn !== null && dueOn < today,
    deadlineMissed: row.deadline_missed,
    href:
      row.kind === 'step'
        ? `/${row.procedure === 'discipline' ? 'discipline-cases' : 'cases'}/${row.case_id}`
        : `/cadres/${row.person_id}`,
  };
}
