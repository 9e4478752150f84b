import { Pool } from 'pg';

export interface DisplayNames {
  people: Record<string, string>;
  positions: Record<string, string>;
  orgUnits: Record<string, string>;
}

/** Names for ids a screen shows (people from the `people` read model, posts and units from the registry). */
export async function displayNames(
  pool: Pool,
  ids: { people?: string[]; positions?: string[]; orgUnits?: string[] },
): Promise<DisplayNames> {
  const [people, positions, orgUnits] = await Promise.all([
    pool.query<{ id: string; name: string }>(
      'SELECT person_id AS id, full_name AS name FROM people WHERE person_id = ANY ($1::text[])',
      [ids.people ?? []],
    ),
    pool.query<{ id: string; name: string }>(
      'SELECT id, title AS name FROM positions WHERE id = ANY ($1::text[])',
      [ids.positions ?? []],
    ),
    pool.query<{ id: string; name: string }>(
      'SELECT id, name FROM org_units WHERE id = ANY ($1::text[])',
      [ids.orgUnits ?? []],
    ),
  ]);
  const map = (rows: { id: string; name: string }[]) =>
    Object.fromEntries(rows.map((row) => [row.id, row.name]));
  return { people: map(people.rows), positions: map(positions.rows), orgUnits: map(orgUnits.rows) };
}
