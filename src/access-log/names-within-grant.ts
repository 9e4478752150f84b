import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { PG_POOL } from '../common/tokens';
import { Actor } from '../identity/actor';
import { OrgScope } from '../identity/org-scope';
import { withinUnit } from '../read-models/within-unit';
import { CASE_READ_KINDS, PERSON_READ_KINDS, SensitiveReadKind } from './sensitive-read-kind';

/** What an access log entry read, as readKindOf splits it. */
export interface ReadSubject {
  kind: SensitiveReadKind | null;
  subject: string | null;
}

/** The distinct subjects of the reads of these kinds. */
const subjectsOf = (reads: readonly ReadSubject[], kinds: readonly SensitiveReadKind[]) => [
  ...new Set(
    reads.filter((r) => r.kind && kinds.includes(r.kind) && r.subject).map((r) => r.subject!),
  ),
];

/**
 * The names «Đọc gì» gives what the log's entries read: a person by name, a case by whom it is
 * about (its summary while about nobody) — only a person or case where the caller's grant reaches.
 * A read refused outside the grant (any id typed) must not tell the unit's auditor who or what
 * that is, or that the id exists. One look-up per kind for the whole page, the grant judged in it:
 * no check per entry.
 */
@Injectable()
export class NamesWithinGrant {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly scope: OrgScope,
  ) {}

  /** Each read's name, or null (not a person's or case's read, outside the grant, or unknown). */
  async of(caller: Actor, reads: readonly ReadSubject[]): Promise<(string | null)[]> {
    const [people, cases] = await Promise.all([
      this.people(caller, subjectsOf(reads, PERSON_READ_KINDS)),
      this.cases(caller, subjectsOf(reads, CASE_READ_KINDS)),
    ]);
    return reads.map(({ kind, subject }) => {
      if (!kind || !subject) return null;
      if (PERSON_READ_KINDS.includes(kind)) return people.get(subject) ?? null;
      if (CASE_READ_KINDS.includes(kind)) return cases.get(subject) ?? null;
      return null;
    });
  }

  /**
   * People seen as every route naming a person judges them (OrgScope.seesPeople: the unit managing
   * the record, or a post held today; the records' heads read together), then named in one query.
   */
  private async people(caller: Actor, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const seen = await this.scope.seesPeople(caller, ids);
    const within = ids.filter((_, index) => seen[index]);
    if (within.length === 0) return new Map();
    const { rows } = await this.pool.query<{ id: string; name: string }>(
      'SELECT person_id AS id, full_name AS name FROM people WHERE person_id = ANY($1)',
      [within],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /**
   * Cases in a unit the grant reaches (a case lies in the unit it was opened in, as
   * OrgScope.assertAnyCaseInScope judges), each named by its person in the same query.
   */
  private async cases(caller: Actor, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.pool.query<{ id: string; name: string | null }>(
      `SELECT c.case_id AS id, COALESCE(p.full_name, c.summary) AS name
         FROM case_summaries c LEFT JOIN people p ON p.person_id = c.person_id
        WHERE c.case_id = ANY($1) AND ${withinUnit('c.org_unit_id', '$2')}`,
      [ids, caller.orgUnit],
    );
    return new Map(rows.filter((row) => row.name !== null).map((row) => [row.id, row.name!]));
  }
}
