import { Pool } from 'pg';
import { searchName } from '../read-models/people.projection';
import { postHeldOnSql } from '../read-models/registry-facts.projection';

/** A person found by name: id, full name, birthday and the unit managing the record. */
export interface PersonFound {
  id: string;
  fullName: string;
  dateOfBirth: string | null;
  orgUnitId: string;
}

/**
 * People whose record lies in the unit's subtree or who hold on `day` a post there (OrgScope sees
 * them both), whose name contains the words typed, diacritics ignored.
 */
export async function searchPeople(
  pool: Pool,
  scopeUnit: string,
  q: string,
  limit: number,
  day: string,
): Promise<PersonFound[]> {
  const { rows } = await pool.query<PersonFound>(
    `WITH reached AS (SELECT id FROM org_units WHERE path @> ARRAY[$1::text])
     SELECT person_id AS id, full_name AS "fullName", date_of_birth::text AS "dateOfBirth", org_unit_id AS "orgUnitId"
       FROM people
      WHERE (org_unit_id IN (SELECT id FROM reached)
             OR person_id IN (SELECT pp.person_id FROM person_posts pp
                                JOIN positions po ON po.id = pp.position_id
                               WHERE po.org_unit_id IN (SELECT id FROM reached) AND ${postHeldOnSql('$4')}))
        AND search_name LIKE '%' || $2 || '%'
      ORDER BY full_name, person_id LIMIT $3`,
    [scopeUnit, searchName(q).replace(/[\\%_]/g, (c) => `\\${c}`), limit, day],
  );
  return rows;
}
