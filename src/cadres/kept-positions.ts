import { Pool } from 'pg';
import { BoundedCache } from '../common/bounded-cache';
import { perDatabase } from '../common/per-database';
import { Position } from './registry-records';

/** Posts one process keeps per database (a province has a few thousand). */
const POSITIONS_KEPT = 50_000;

const POSITION_COLUMNS = `id, title, org_unit_id AS "orgUnitId", appointing_authority AS "appointingAuthority",
  rank, is_leadership AS "isLeadership", filled_by AS "filledBy", seats`;

/**
 * The posts this process has read, kept for good. Why a kept post is never stale: the service
 * only ever inserts posts and never changes or deletes one, and since migration 1735400000000 the
 * database refuses to (trigger `position_is_fixed`), so a post once read is that post for good.
 * A post not (yet) registered is asked for again every time: another instance may register it.
 */
export class KeptPositions {
  private readonly kept = new BoundedCache<string, Position>(POSITIONS_KEPT);

  private constructor(private readonly pool: Pool) {}

  /** One set of kept posts per database: the registry and the scope checks share what either read. */
  static readonly of = perDatabase((pool) => new KeptPositions(pool));

  async find(id: string): Promise<Position | null> {
    return (await this.findAll([id])).get(id) ?? null;
  }

  /** Each of these posts that exists; one statement for those not kept yet. */
  async findAll(ids: readonly string[]): Promise<Map<string, Position>> {
    const found = new Map<string, Position>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const kept = this.kept.get(id);
      if (kept) found.set(id, kept);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    const { rows } = await this.pool.query<Position>(
      `SELECT ${POSITION_COLUMNS} FROM positions WHERE id = ANY ($1::text[])`,
      [missing],
    );
    for (const position of rows) {
      this.keep(position);
      found.set(position.id, position);
    }
    return found;
  }

  /** A post this process has just registered (or read some other way). */
  keep(position: Position): void {
    this.kept.set(position.id, Object.freeze({ ...position }));
  }
}
