import { Pool } from 'pg';
import { orgUnitNameSql, personNameSql } from '../cadres/registry-names';
import { decodeCursor, encodeCursor, Page } from './cursor';
import { withinUnit } from './within-unit';

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

/** The register, newest decision first, with each record's status on `asOf`. */
export async function disciplineRegister(
  pool: Pool,
  query: RegisterQuery,
): Promise<Page<RegisterRecord>> {
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
  const { rows } = await pool.query(
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
