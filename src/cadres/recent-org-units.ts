import { Pool } from 'pg';
import { BoundedCache } from '../common/bounded-cache';
import { perDatabase } from '../common/per-database';
import { OrgUnit } from './registry-records';

/** Units one process keeps per database (a province's tree is a few thousand units). */
const UNITS_KEPT = 50_000;
/**
 * How long a unit read is answered from memory. A unit's id, parent and path never change (the
 * trigger `org_unit_place_is_fixed`), but its name and kind may (a reorganisation renames a unit
 * or makes a district's town a ward, by a migration or an operator's statement): a running
 * instance sees such a change at most this late, as if the request had come that much earlier.
 */
export const ORG_UNIT_FRESH_MS = 5_000;

/**
 * The org units this process read in the last few seconds: every opening of an appointment asks
 * for the kind of its post's appointing authority, which is one of a few units. A unit not (yet)
 * in the registry is asked for again every time: another instance may register it.
 */
export class RecentOrgUnits {
  private readonly kept = new BoundedCache<string, { unit: OrgUnit; readAt: number }>(UNITS_KEPT);

  private constructor(private readonly pool: Pool) {}

  /** One set per database: every registry over the same pool shares what one read. */
  static readonly of = perDatabase((pool) => new RecentOrgUnits(pool));

  async find(id: string): Promise<OrgUnit | null> {
    const kept = this.kept.get(id);
    if (kept && performance.now() - kept.readAt < ORG_UNIT_FRESH_MS) return kept.unit;
    const readAt = performance.now();
    const { rows } = await this.pool.query<OrgUnit>(
      'SELECT id, name, kind, parent_id AS "parentId", path FROM org_units WHERE id = $1',
      [id],
    );
    const unit = rows[0] ? Object.freeze(rows[0]) : null;
    if (unit) this.kept.set(id, { unit, readAt });
    else this.kept.delete(id);
    return unit;
  }
}
