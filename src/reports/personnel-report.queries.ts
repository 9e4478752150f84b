import { Queryable } from '../database/read-snapshot';
import { postHeldOnSql } from '../read-models/registry-facts.projection';
import { disciplineWithinUnit, withinUnit } from '../read-models/within-unit';
import { ReportPeriod } from './report-period';

export interface DecidedCasesRow {
  orgUnitId: string;
  orgUnitName: string;
  procedure: string;
  count: number;
}

/** Discipline under one track and form: distinct people, and decisions. */
export interface DisciplineTotal {
  track: string;
  /**
   * On the civil-service track, whom the cases ran: cadres (cán bộ) or civil servants (công
   * chức), counted apart; a decision that does not say is a civil servant's. Null on the Party track.
   */
  serviceStatus: 'cadre' | 'civil_servant' | null;
  form: string;
  people: number;
  decisions: number;
}

/** Discipline under one track and form decided by one unit. */
export interface DisciplinedRow extends DisciplineTotal {
  orgUnitId: string;
  orgUnitName: string;
}

export interface LeaderPostRow {
  personId: string;
  fullName: string | null;
  originProvince: string | null;
  positionId: string;
  positionTitle: string;
  orgUnitName: string;
  unitPath: string[];
}

export interface PoolEntryRow {
  personId: string;
  positionId: string;
  term: string;
  gender: string | null;
  dateOfBirth: string | null;
}

/**
 * The decisions the report for unit $1 and the period $2..$3 counts, one row each (alias `d`):
 * decided in the period and not annulled by its end, by a unit within $1 or on a person whose
 * record a unit within $1 manages (disciplineWithinUnit), with the form as it stood at the
 * period's end: a decision annulled after the period is counted, in the form a review gave it by
 * then, so the report for a closed period reads the same whatever reviews come later.
 */
const DISCIPLINED_IN_PERIOD = `(SELECT d.org_unit_id, d.person_id, d.track, COALESCE(f.form, d.form) AS form,
         CASE WHEN d.track = 'civil_service' THEN COALESCE(d.service_status, 'civil_servant') END AS service_status
    FROM discipline_records d
    LEFT JOIN LATERAL (SELECT form FROM discipline_record_forms
                        WHERE case_id = d.case_id AND since <= $3::date
                        ORDER BY since DESC, sequence DESC LIMIT 1) f ON true
   WHERE (d.annulled_on IS NULL OR d.annulled_on > $3::date)
     AND d.decided_on BETWEEN $2 AND $3 AND ${disciplineWithinUnit('d', '$1')}) d`;

/** The read models the personnel report counts, always within one unit's subtree. */
export class PersonnelReportQueries {
  constructor(private readonly pool: Queryable) {}

  /**
   * Cases decided in the period, by the unit they were opened in and their procedure (the
   * definition's family: a transfer is `transfer`; a removal by its kind, `removal_suspension`
   * apart from `removal_dismissal`: a suspension keeps the post).
   */
  async decidedCases(unit: string, period: ReportPeriod): Promise<DecidedCasesRow[]> {
    const { rows } = await this.pool.query<DecidedCasesRow>(
      `SELECT c.org_unit_id AS "orgUnitId", u.name AS "orgUnitName",
              CASE WHEN c.procedure = 'removal' THEN replace(split_part(c.definition, '@', 1), '.', '_')
                   ELSE split_part(c.definition, '.', 1) END AS procedure, count(*)::int AS count
         FROM case_summaries c JOIN org_units u ON u.id = c.org_unit_id
        WHERE c.status = 'decided' AND c.procedure <> 'discipline'
          AND c.closed_on BETWEEN $2 AND $3 AND ${withinUnit('c.org_unit_id', '$1')}
        GROUP BY 1, 2, 3 ORDER BY 2, 3`,
      [unit, period.from, period.to],
    );
    return rows;
  }

  /** Discipline decided in the period, by deciding unit, track and form. */
  async disciplined(unit: string, period: ReportPeriod): Promise<DisciplinedRow[]> {
    const { rows } = await this.pool.query<DisciplinedRow>(
      `SELECT d.org_unit_id AS "orgUnitId", u.name AS "orgUnitName", d.track, d.service_status AS "serviceStatus", d.form,
              count(DISTINCT d.person_id)::int AS people, count(*)::int AS decisions
         FROM ${DISCIPLINED_IN_PERIOD} JOIN org_units u ON u.id = d.org_unit_id
        GROUP BY 1, 2, 3, 4, 5 ORDER BY 2, 3, 4, 5`,
      [unit, period.from, period.to],
    );
    return rows;
  }

  /**
   * Discipline decided in the period by track and form over every unit, counted from the
   * decisions, not by adding up the units' rows: a person reprimanded by two units (the city and
   * the ward managing her record) is one person reprimanded, twice.
   */
  async disciplineTotals(unit: string, period: ReportPeriod): Promise<DisciplineTotal[]> {
    const { rows } = await this.pool.query<DisciplineTotal>(
      `SELECT d.track, d.service_status AS "serviceStatus", d.form, count(DISTINCT d.person_id)::int AS people, count(*)::int AS decisions
         FROM ${DISCIPLINED_IN_PERIOD}
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [unit, period.from, period.to],
    );
    return rows;
  }

  /**
   * How many people were disciplined in the period, each once: a person with a reprimand, a
   * warning and a removal is one person, not three (the per-form rows cannot be added up).
   */
  async disciplinedPeople(unit: string, period: ReportPeriod): Promise<number> {
    const { rows } = await this.pool.query<{ people: number }>(
      `SELECT count(DISTINCT d.person_id)::int AS people FROM ${DISCIPLINED_IN_PERIOD}`,
      [unit, period.from, period.to],
    );
    return rows[0]?.people ?? 0;
  }

  /**
   * Leadership posts held on `day` within the unit, with the holder's place of origin: a post a
   * decision ends on a later day is still held, one decided to start later is not yet.
   */
  async leaderPosts(unit: string, day: string): Promise<LeaderPostRow[]> {
    const { rows } = await this.pool.query<LeaderPostRow>(
      `SELECT pp.person_id AS "personId", p.full_name AS "fullName", p.origin_province AS "originProvince",
              pp.position_id AS "positionId", pos.title AS "positionTitle", u.name AS "orgUnitName", u.path AS "unitPath"
         FROM person_posts pp
         JOIN positions pos ON pos.id = pp.position_id
         JOIN org_units u ON u.id = pos.org_unit_id
         LEFT JOIN people p ON p.person_id = pp.person_id
        WHERE pos.is_leadership AND ${withinUnit('pos.org_unit_id', '$1')} AND ${postHeldOnSql('$2')}
        ORDER BY u.name, pos.title, pp.person_id`,
      [unit, day],
    );
    return rows;
  }

  /** A unit's name, null for an id the registry does not have. */
  async unitName(id: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ name: string }>(
      'SELECT name FROM org_units WHERE id = $1',
      [id],
    );
    return rows[0]?.name ?? null;
  }

  /** Names of the province units (kind `province`) by id. */
  async provinces(): Promise<Map<string, string>> {
    const { rows } = await this.pool.query<{ id: string; name: string }>(
      `SELECT id, name FROM org_units WHERE kind = 'province'`,
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Planning-pool entries now for posts within the unit, with the person's gender and birth date. */
  async poolEntries(unit: string): Promise<PoolEntryRow[]> {
    const { rows } = await this.pool.query<PoolEntryRow>(
      `SELECT e.person_id AS "personId", e.position_id AS "positionId", e.term,
              p.gender, p.date_of_birth::text AS "dateOfBirth"
         FROM planning_pool_entries e
         JOIN positions pos ON pos.id = e.position_id
         LEFT JOIN people p ON p.person_id = e.person_id
        WHERE ${withinUnit('pos.org_unit_id', '$1')}`,
      [unit],
    );
    return rows;
  }
}
