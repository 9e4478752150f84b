import { Pool } from 'pg';
import { parsePosition } from '../event-store/postgres/postgres-position';
import { readCheckpoint } from './checkpoint';
import { Projection } from './projection';
import { readRebuildProgress, RebuildProgress } from './projection-rebuild';

export interface ProjectionStatus {
  name: string;
  /** Version of the code; `builtWithVersion` is the version the rows were built with. */
  version: number;
  builtWithVersion: number | null;
  needsRebuild: boolean;
  position: string | null;
  eventsHandled: number;
  /** Events in the store after the checkpoint; capped at `lagCap` (then `lagCapped`). */
  lag: number;
  lagCapped: boolean;
  updatedAt: string | null;
  lastError: string | null;
  /** Progress of a rebuild running (or interrupted) in the shadow schema. */
  rebuild: RebuildProgress | null;
}

/**
 * Counts events committed after a position, for the PostgreSQL event store (it reads its `events`
 * table directly: the port has no count). The cap keeps a health check cheap on a far-behind model.
 */
export async function countEventsAfter(
  pool: Pool,
  position: string | null,
  cap: number,
): Promise<number> {
  const params: unknown[] = [];
  let where = '';
  if (position !== null) {
    const { tx, pos } = parsePosition(position);
    params.push(tx, pos);
    where = 'WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)';
  }
  params.push(cap);
  const { rows } = await pool.query<{ behind: string }>(
    `SELECT count(*) AS behind FROM (SELECT 1 FROM events ${where} LIMIT $${params.length}) AS e`,
    params,
  );
  return Number(rows[0].behind);
}

export async function readProjectionStatus(
  pool: Pool,
  projections: readonly Projection[],
  lagCap = 10_000_000,
): Promise<ProjectionStatus[]> {
  return Promise.all(
    projections.map(async (projection) => {
      const checkpoint = await readCheckpoint(pool, projection.name);
      const position = checkpoint?.position ?? null;
      const lag = await countEventsAfter(pool, position, lagCap);
      return {
        name: projection.name,
        version: projection.version,
        builtWithVersion: checkpoint?.version ?? null,
        needsRebuild:
          checkpoint !== null &&
          checkpoint.position !== null &&
          checkpoint.version !== projection.version,
        position,
        eventsHandled: checkpoint?.eventsHandled ?? 0,
        lag,
        lagCapped: lag >= lagCap,
        updatedAt: checkpoint?.updatedAt.toISOString() ?? null,
        lastError: checkpoint?.lastError ?? null,
        rebuild: await readRebuildProgress(pool, projection.name),
      };
    }),
  );
}

/** Whether each projection's stored rows were built by an older version of it than the code's. */
export async function readNeedsRebuild(
  pool: Pool,
  projections: readonly Projection[],
): Promise<Array<{ name: string; needsRebuild: boolean }>> {
  const { rows } = await pool.query<{ name: string; version: number; position: string | null }>(
    'SELECT name, version, position FROM projection_checkpoints WHERE name = ANY ($1::text[])',
    [projections.map((projection) => projection.name)],
  );
  const stored = new Map(rows.map((row) => [row.name, row]));
  return projections.map((projection) => {
    const row = stored.get(projection.name);
    return {
      name: projection.name,
      needsRebuild: !!row && row.position !== null && row.version !== projection.version,
    };
  });
}

/** For `GET /health`: each projection's lag in events (capped, so the check stays fast). */
export async function projectionLags(
  pool: Pool,
  projections: readonly Projection[],
  lagCap = 100_000,
): Promise<Record<string, number>> {
  const statuses = await readProjectionStatus(pool, projections, lagCap);
  return Object.fromEntries(statuses.map((status) => [status.name, status.lag]));
}
