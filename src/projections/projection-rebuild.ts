import { Pool, PoolClient } from 'pg';
import { RecordedEvent } from '../event-store/event-envelope';
import { EventStore, AllFrom } from '../event-store/event-store.port';
import { applyBatch, applyInTransaction, setLocalSearchPath } from './apply-events';
import { ensureCheckpoint } from './checkpoint';
import { postgresPositionOrder, PositionOrder } from './position-order';
import { assertValidProjection, Projection } from './projection';
import { buildShadowIndexes } from './shadow-indexes';
import { quoteIdentifier as quote } from '../database/quote-identifier';
import { checkOutClient } from '../database/checked-out-client';
import { swapTablesIn } from './table-swap';

export interface RebuildProgress {
  /** Events applied to the new tables so far (including those of a resumed run). */
  eventsHandled: number;
  position: string | null;
}

export interface RebuildOptions {
  pool: Pool;
  store: EventStore;
  projection: Projection;
  order?: PositionOrder;
  batchSize?: number;
  /** After each batch the new tables committed: a rerun after a failure resumes from there. */
  onProgress?: (progress: RebuildProgress) => void;
  /** Once the new tables are ready: where an interrupted rebuild resumes, or null (from 0). */
  onStart?: (resumedFrom: RebuildProgress | null) => void;
  /** How long the swap may wait for readers of the old tables before it gives up and retries. */
  swapLockTimeoutMs?: number;
  swapAttempts?: number;
}

export interface RebuildResult {
  eventsHandled: number;
  position: string | null;
  resumed: boolean;
}

export class RebuildAlreadyRunning extends Error {
  constructor(name: string) {
    super(`a rebuild of projection ${name} is already running`);
    this.name = 'RebuildAlreadyRunning';
  }
}

/** The schema a projection is rebuilt in; it also holds the rebuild's own checkpoint. */
export function rebuildSchemaOf(projectionName: string): string {
  return `cf_rebuild_${projectionName}`;
}

/**
 * Rebuilds a read model from position 0 while the old one keeps serving and the live runner keeps
 * updating it: new tables are built in a shadow schema (same handler, search path pointed there),
 * caught up, then swapped in — with the last events and the checkpoint — in one transaction.
 * A crashed rebuild resumes from the shadow's own checkpoint.
 */
export async function rebuildProjection(options: RebuildOptions): Promise<RebuildResult> {
  const { pool, projection } = options;
  assertValidProjection(projection);
  const order = options.order ?? postgresPositionOrder;
  const batchSize = options.batchSize ?? 5000;
  const shadow = rebuildSchemaOf(projection.name);
  const client = await checkOutClient(pool);
  const lockKey = `cf_projection_rebuild:${projection.name}`;
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked',
      [lockKey],
    );
    if (!rows[0].locked) throw new RebuildAlreadyRunning(projection.name);
    try {
      const liveSchema = await currentSchema(client);
      await ensureCheckpoint(pool, projection.name, projection.version);
      const resumed = await prepareShadow(client, projection, shadow, liveSchema);
      options.onStart?.(resumed ? await shadowCheckpoint(client, shadow, projection.name) : null);
      // Catch up outside the swap: the bulk of the work, while the old tables serve.
      await catchUpShadow(client, options, { shadow, liveSchema, order, batchSize });
      if (projection.indexesAfterRebuildCatchUp)
        await buildShadowIndexes(client, projection.tables, shadow, liveSchema);

      const attempts = options.swapAttempts ?? 5;
      for (let attempt = 1; ; attempt += 1) {
        try {
          const done = await swap(client, options, order, shadow, liveSchema, batchSize);
          options.onProgress?.(done);
          return { ...done, resumed };
        } catch (error) {
          const lockTimeout = (error as { code?: string }).code === '55P03';
          if (!lockTimeout || attempt >= attempts) throw error;
        }
      }
    } finally {
      await client
        .query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey])
        .catch(() => undefined);
    }
  } finally {
    client.release();
  }
}

/**
 * Applies every event after the shadow's checkpoint to the shadow tables, batch by batch. Reading
 * the next batch (another connection) while applying this one roughly doubles the rate.
 */
async function catchUpShadow(
  client: PoolClient,
  options: RebuildOptions,
  at: { shadow: string; liveSchema: string; order: PositionOrder; batchSize: number },
): Promise<void> {
  const { projection } = options;
  const { shadow, order, batchSize } = at;
  const searchPath = [shadow, at.liveSchema];
  let position: AllFrom =
    (await shadowCheckpoint(client, shadow, projection.name)).position ?? 'start';
  let next = prefetch(options.store, position, batchSize);
  for (;;) {
    const events = await next;
    if (events.length === 0) return;
    const full = events.length === batchSize;
    const readTo = events[events.length - 1].position;
    next = full ? prefetch(options.store, readTo, batchSize) : Promise.resolve([]);
    const outcome = await applyBatch(
      client,
      { projection, events, readFrom: position, order },
      { searchPath },
    );
    if (outcome.kind === 'gap') throw new Error('rebuild checkpoint moved while rebuilding');
    position = readTo;
    options.onProgress?.(await shadowCheckpoint(client, shadow, projection.name));
    if (!full) return;
  }
}

function prefetch(store: EventStore, from: AllFrom, limit: number): Promise<RecordedEvent[]> {
  const read = store.readAll(from, { limit });
  // Abandoned when applying fails; its own failure must not become an unhandled rejection.
  read.catch(() => undefined);
  return read;
}

async function currentSchema(client: PoolClient): Promise<string> {
  const { rows } = await client.query<{ schema: string }>('SELECT current_schema() AS schema');
  return rows[0].schema;
}

/** Keeps a shadow built by this version (resume), else starts a fresh one. Returns "resumed". */
async function prepareShadow(
  client: PoolClient,
  projection: Projection,
  shadow: string,
  live: string,
): Promise<boolean> {
  const existing = await readRebuildState(client, projection.name);
  if (existing && existing.version === projection.version) return true;

  await client.query('BEGIN');
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${quote(shadow)} CASCADE`);
    await client.query(`CREATE SCHEMA ${quote(shadow)}`);
    for (const table of [...projection.tables, 'projection_checkpoints']) {
      const deferIndexes =
        projection.indexesAfterRebuildCatchUp === true && table !== 'projection_checkpoints';
      const like = deferIndexes ? 'INCLUDING ALL EXCLUDING INDEXES' : 'INCLUDING ALL';
      await client.query(
        `CREATE TABLE ${quote(shadow)}.${quote(table)} (LIKE ${quote(live)}.${quote(table)} ${like})`,
      );
    }
    await client.query(
      `INSERT INTO ${quote(shadow)}.projection_checkpoints (name, version, position, events_handled) VALUES ($1, $2, NULL, 0)`,
      [projection.name, projection.version],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return false;
}

async function shadowCheckpoint(
  client: PoolClient,
  shadow: string,
  name: string,
): Promise<RebuildProgress> {
  const { rows } = await client.query<{ position: string | null; events_handled: string }>(
    `SELECT position, events_handled FROM ${quote(shadow)}.projection_checkpoints WHERE name = $1`,
    [name],
  );
  return {
    position: rows[0]?.position ?? null,
    eventsHandled: Number(rows[0]?.events_handled ?? 0),
  };
}

/**
 * The one transaction that makes the new tables live. Locking the live checkpoint row stops the
 * live runner between two of its transactions; the events it may have applied since the catch-up
 * are applied to the new tables here too, so the swapped-in tables and checkpoint agree.
 */
async function swap(
  client: PoolClient,
  options: RebuildOptions,
  order: PositionOrder,
  shadow: string,
  live: string,
  batchSize: number,
): Promise<RebuildProgress> {
  const { projection } = options;
  await client.query('BEGIN');
  try {
    await client.query(
      `SET LOCAL lock_timeout = ${Math.max(1, Math.floor(options.swapLockTimeoutMs ?? 10_000))}`,
    );
    await client.query(
      `SELECT 1 FROM ${quote(live)}.projection_checkpoints WHERE name = $1 FOR UPDATE`,
      [projection.name],
    );
    await setLocalSearchPath(client, [shadow, live]);
    let position: AllFrom =
      (await shadowCheckpoint(client, shadow, projection.name)).position ?? 'start';
    for (;;) {
      const events = await options.store.readAll(position, { limit: batchSize });
      if (events.length === 0) break;
      const outcome = await applyInTransaction(client, {
        projection,
        events,
        readFrom: position,
        order,
      });
      if (outcome.kind === 'gap') throw new Error('rebuild checkpoint moved while swapping');
      position = events[events.length - 1].position;
      if (events.length < batchSize) break;
    }
    const done = await shadowCheckpoint(client, shadow, projection.name);
    await swapTablesIn(client, projection.tables, shadow, live);
    await client.query(
      `UPDATE ${quote(live)}.projection_checkpoints
          SET version = $2, position = $3, events_handled = $4, updated_at = now(), last_error = NULL
        WHERE name = $1`,
      [projection.name, projection.version, done.position, done.eventsHandled],
    );
    await client.query(`DROP SCHEMA ${quote(shadow)} CASCADE`);
    await client.query('COMMIT');
    return done;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Reads the shadow schema's progress, for `status` while a rebuild runs (null: none running). */
export async function readRebuildProgress(
  pool: Pool | PoolClient,
  projectionName: string,
): Promise<RebuildProgress | null> {
  const state = await readRebuildState(pool, projectionName);
  return state && { position: state.position, eventsHandled: state.eventsHandled };
}

async function readRebuildState(
  db: Pool | PoolClient,
  projectionName: string,
): Promise<(RebuildProgress & { version: number }) | null> {
  const shadow = rebuildSchemaOf(projectionName);
  const { rows: tables } = await db.query<{ present: boolean }>(
    'SELECT to_regclass($1) IS NOT NULL AS present',
    [`${quote(shadow)}.projection_checkpoints`],
  );
  if (!tables[0].present) return null;
  const { rows } = await db.query<{
    version: number;
    position: string | null;
    events_handled: string;
  }>(
    `SELECT version, position, events_handled FROM ${quote(shadow)}.projection_checkpoints WHERE name = $1`,
    [projectionName],
  );
  if (rows.length === 0) return null;
  return {
    version: rows[0].version,
    position: rows[0].position,
    eventsHandled: Number(rows[0].events_handled),
  };
}
