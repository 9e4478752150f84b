import { Pool } from 'pg';
import { orgUnitNameSql, personNameSql } from '../cadres/registry-names';
import { decodeCursor, encodeCursor, Page } from './cursor';
import { disciplineWithinUnit } from './within-unit';

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
  /** The discipline itself still has effect (hiệu lực) on asOf, or no longer. */
  inEffect?: boolean;
  /** The bar on a higher post still runs on asOf, or no longer. */
  barred?: boolean;
  asOf: string;
  /**
   * The last millisecond `asOf` names (parseAsOf): only what was recorded within it counts, a
   * decision recorded later is not listed and a review recorded later not applied. Absent: all.
   */
  recordedBy?: Date;
  limit: number;
  cursor?: string;
}

export interface RegisterRecord {
  caseId: string;
  personId: string;
  /** From the registry, beside the id; null if the person is not (yet) in the read model. */
  personName: string | null;
  /** The unit that manages the person's record (as the registry stands); null: not in the registry. */
  personOrgUnitId: string | null;
  personOrgUnitName: string | null;
  /** The unit that decided the discipline (the case's unit). */
  orgUnitId: string;
  orgUnitName: string | null;
  track: string;
  /**
   * On the civil-service track, as whom the case ran the person: a cadre (cán bộ) or a civil
   * servant (công chức). Null on the Party track, and on an imported decision that does not say
   * (read as a civil servant's).
   */
  serviceStatus: 'cadre' | 'civil_servant' | null;
  form: string;
  violationCategory: string;
  decidedOn: string;
  effectiveFrom: string;
  /** The day the discipline's own validity (hiệu lực) ends; null: no end. */
  inEffectUntil: string | null;
  /** The day the bar on a higher post ends; null: no end. */
  barEndsOn: string | null;
  annulledOn: string | null;
  /** By the discipline's validity on asOf: in effect, expired (validity over) or annulled. */
  status: 'in_effect' | 'expired' | 'annulled';
  inEffect: boolean;
  barred: boolean;
  /** The decision's own number ("16-QĐ/UBKT (2026-11-27)"), kept when a review changes it. */
  decisionRef: string;
  /** The complaint decision that changed or annulled the form, and its day; null: none. */
  revisedByRef: string | null;
  revisedOn: string | null;
  ruleSet: string;
  /** The other track's discipline case on the same violation. */
  sameViolationCaseId: string | null;
}

const NOT_ANNULLED = (day: string) => `(annulled_on IS NULL OR annulled_on > ${day})`;
/** The discipline itself still has effect on a day (its validity, hiệu lực). */
const IN_EFFECT_SQL = (day: string) =>
  `(${NOT_ANNULLED(day)} AND (in_effect_until IS NULL OR in_effect_until > ${day}))`;
/** The bar on a higher post still runs on a day. */
const BARRED_SQL = (day: string) =>
  `(${NOT_ANNULLED(day)} AND (bar_ends_on IS NULL OR bar_ends_on > ${day}))`;
/** Status of a register row on a day, by its validity (the same rule as the person's record). */
const STATUS_SQL = (day: string) =>
  `CASE WHEN NOT ${NOT_ANNULLED(day)} THEN 'annulled'
        WHEN ${IN_EFFECT_SQL(day)} THEN 'in_effect'
        ELSE 'expired' END`;

/** A state recorded within the moment $3 (null: any; a state kept before its time was: recorded). */
const RECORDED_BY = (state: string) =>
  `($3::timestamptz IS NULL OR ${state}.recorded_at IS NULL OR ${state}.recorded_at < $3::timestamptz + interval '1 millisecond')`;

/**
 * Each decision as it stood on a day ($2) and a moment ($3): its form, validity and bar and the
 * review behind them from the latest state on or before that day recorded within that moment (a
 * review only from its own day), else the row's present state (a decision recorded before its
 * states were kept); its annulment only once recorded.
 */
const RECORDS_AS_OF = `(SELECT d.case_id, d.person_id, d.org_unit_id, d.track, d.violation_category, d.decided_on,
         d.effective_from, d.decision_ref, d.rule_set, d.same_violation_case_id, d.service_status, s.case_id AS state_case_id,
         CASE WHEN EXISTS (SELECT 1 FROM discipline_record_forms a
                            WHERE a.case_id = d.case_id AND a.since = d.annulled_on
                              AND a.revised_by_ref IS NOT DISTINCT FROM d.revised_by_ref AND ${RECORDED_BY('a')})
              THEN d.annulled_on END AS annulled_on,
         COALESCE(s.form, d.form) AS form,
         CASE WHEN s.case_id IS NULL THEN d.in_effect_until ELSE s.in_effect_until END AS in_effect_until,
         CASE WHEN s.case_id IS NULL THEN d.bar_ends_on ELSE s.bar_ends_on END AS bar_ends_on,
         CASE WHEN s.case_id IS NULL THEN d.revised_by_ref ELSE s.revised_by_ref END AS revised_by_ref,
         CASE WHEN s.case_id IS NULL THEN d.revised_on ELSE s.revised_on END AS revised_on
    FROM discipline_records d
    LEFT JOIN LATERAL (SELECT * FROM discipline_record_forms
                        WHERE case_id = d.case_id AND since <= $2::date AND ${RECORDED_BY('discipline_record_forms')}
                        ORDER BY since DESC, sequence DESC LIMIT 1) s ON true) AS discipline_records`;

/** The register, newest decision first, with each record's status on `asOf`. */
export async function disciplineRegister(
  pool: Pool,
  query: RegisterQuery,
): Promise<Page<RegisterRecord>> {
  const params: unknown[] = [query.scopeUnit, query.asOf, query.recordedBy ?? null];
  const where = [
    disciplineWithinUnit('discipline_records', '$1'),
    'decided_on <= $2::date',
    // As of a moment, a decision none of whose states was recorded within it is not listed.
    '($3::timestamptz IS NULL OR state_case_id IS NOT NULL)',
  ];
  const add = (condition: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (query.person) add((p) => `person_id = ${p}`, query.person);
  if (query.orgUnit) add((p) => disciplineWithinUnit('discipline_records', p), query.orgUnit);
  if (query.track) add((p) => `track = ${p}`, query.track);
  if (query.form) add((p) => `form = ${p}`, query.form);
  if (query.category) add((p) => `violation_category = ${p}`, query.category);
  if (query.from) add((p) => `decided_on >= ${p}::date`, query.from);
  if (query.to) add((p) => `decided_on <= ${p}::date`, query.to);
  if (query.status) add((p) => `${STATUS_SQL('$2::date')} = ${p}`, query.status);
  if (query.inEffect !== undefined)
    add((p) => `${IN_EFFECT_SQL('$2::date')} = ${p}::boolean`, query.inEffect);
  if (query.barred !== undefined)
    add((p) => `${BARRED_SQL('$2::date')} = ${p}::boolean`, query.barred);
  const after = decodeCursor(query.cursor, ['day', 'text']);
  if (after) {
    params.push(after[0], after[1]);
    where.push(`(decided_on, case_id) < ($${params.length - 1}::date, $${params.length}::text)`);
  }
  params.push(query.limit + 1);
  const { rows } = await pool.query(
    `SELECT case_id, person_id, ${personNameSql('discipline_records.person_id')} AS person_name, person_unit.person_org_unit_id, ${orgUnitNameSql('person_unit.person_org_unit_id')} AS person_org_unit_name, org_unit_id, ${orgUnitNameSql('discipline_records.org_unit_id')} AS org_unit_name, track, service_status, form, violation_category, decided_on::text AS decided_on, effective_from::text AS effective_from,
            in_effect_until::text AS in_effect_until, bar_ends_on::text AS bar_ends_on, CASE WHEN annulled_on <= $2::date THEN annulled_on::text END AS annulled_on, decision_ref, revised_by_ref, revised_on::text AS revised_on, rule_set,
            ${STATUS_SQL('$2::date')} AS status, ${IN_EFFECT_SQL('$2::date')} AS in_effect, ${BARRED_SQL('$2::date')} AS barred, same_violation_case_id
       FROM ${RECORDS_AS_OF}
       LEFT JOIN LATERAL (SELECT org_unit_id AS person_org_unit_id FROM people WHERE people.person_id = discipline_records.person_id) person_unit ON true
      WHERE ${where.join(' AND ')}
      ORDER BY decided_on DESC, case_id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(registerRecord),
    nextCursor:
      rows.length > query.limit
        ? encodeCursor([page.at(-1).decided_on, page.at(-1).case_id])
        : null,
  };
}

/** A row of discipline_records as the register answers it. */
function registerRecord(row: Record<string, never>): RegisterRecord {
  return {
    caseId: row.case_id,
    personId: row.person_id,
    personName: row.person_name,
    personOrgUnitId: row.person_org_unit_id,
    personOrgUnitName: row.person_org_unit_name,
    orgUnitId: row.org_unit_id,
    orgUnitName: row.org_unit_name,
    track: row.track,
    serviceStatus: row.service_status,
    form: row.form,
    violationCategory: row.violation_category,
    decidedOn: row.decided_on,
    effectiveFrom: row.effective_from,
    inEffectUntil: row.in_effect_until,
    barEndsOn: row.bar_ends_on,
    annulledOn: row.annulled_on,
    status: row.status,
    inEffect: row.in_effect,
    barred: row.barred,
    decisionRef: row.decision_ref,
    revisedByRef: row.revised_by_ref,
    revisedOn: row.revised_on,
    ruleSet: row.rule_set,
    sameViolationCaseId: row.same_violation_case_id,
  };
}
