import { Pool } from 'pg';
import { OrgUnit, Position } from './registry-records';
import { RegistryRuleViolation } from './registry-rule-violation';

/**
 * How the unit and post tables take a new row. An id already taken is a 409, except for the very
 * row a retry of the same Idempotency-Key writes again (`retried`: its id came from the key, see
 * generatedId): the first attempt was stored but its answer lost, and the retry answers as it would have.
 */
export async function insertOrgUnit(pool: Pool, unit: OrgUnit, retried: boolean): Promise<void> {
  const { rowCount } = await pool.query(
    'INSERT INTO org_units (id, name, kind, parent_id, path) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING',
    [unit.id, unit.name, unit.kind, unit.parentId, unit.path],
  );
  if (rowCount === 1) return;
  if (retried) {
    const { rows } = await pool.query<OrgUnit>(
      'SELECT id, name, kind, parent_id AS "parentId", path FROM org_units WHERE id = $1',
      [unit.id],
    );
    if (rows[0] && sameRow(rows[0], unit)) return;
  }
  throw new RegistryRuleViolation(
    'org_unit.exists',
    `id: org unit ${unit.id} already exists`,
    'conflict',
    'id',
  );
}

export async function insertPosition(
  pool: Pool,
  position: Position,
  existing: () => Promise<Position | null>,
  retried: boolean,
): Promise<void> {
  const { rowCount } = await pool.query(
    `INSERT INTO positions (id, title, org_unit_id, appointing_authority, rank, is_leadership, filled_by, seats)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
    [
      position.id,
      position.title,
      position.orgUnitId,
      position.appointingAuthority,
      position.rank,
      position.isLeadership,
      position.filledBy,
      position.seats ?? null,
    ],
  );
  if (rowCount === 1) return;
  if (retried) {
    const stored = await existing();
    if (stored && sameRow(stored, position)) return;
  }
  throw new RegistryRuleViolation(
    'position.exists',
    `id: position ${position.id} already exists`,
    'conflict',
    'id',
  );
}

function sameRow<Row extends object>(stored: Row, written: Row): boolean {
  return (Object.keys(written) as (keyof Row)[]).every(
    (field) => JSON.stringify(stored[field]) === JSON.stringify(written[field]),
  );
}
