import { Pool, PoolClient, QueryResult } from 'pg';

/**
 * A projection's row in `projection_checkpoints`. Always accessed by unqualified name, so that
 * inside a rebuild transaction (search path = shadow schema first) the shadow's own copy is used.
 */
export interface Checkpoint {
  name: string;
  version: number;
  /** Global position of the last applied event; null when nothing is applied yet. */
  position: string | null;
  eventsHandled: number;
  updatedAt: Date;
  lastError: string | null;
}

interface CheckpointRow {
  name: string;
  version: number;
  position: string | null;
  events_handled: string;
  updated_at: Date;
  last_error: string | null;
}

function toCheckpoint(row: CheckpointRow): Checkpoint {
  return {
    name: row.name,
    version: row.version,
    position: row.position,
    eventsHandled: Number(row.events_handled),
    updatedAt: row.updated_at,
    lastError: row.last_error,
  };
}

/** Creates the row of a projection seen for the first time (at the start of the store). */
export async function ensureCheckpoint(
  db: Pool | PoolClient,
  name: string,
  version: number,
): Promise<Checkpoint> {
  await db.query(
    `INSERT INTO projection_checkpoints (name, version, position, events_handled)
     VALUES ($1, $2, NULL, 0) ON CONFLICT (name) DO NOTHING`,
    [name, version],
  );
  const checkpoint = await readCheckpoint(db, name);
  if (!checkpoint) throw new Error(`checkpoint of ${name} vanished`);
  return checkpoint;
}

export async function readCheckpoint(
  db: Pool | PoolClient,
  name: string,
): Promise<Checkpoint | null> {
  const { rows } = await db.query<CheckpointRow>(
    'SELECT name, version, position, events_handled, updated_at, last_error FROM projection_checkpoints WHERE name = $1',
    [name],
  );
  return rows.length === 0 ? null : toCheckpoint(rows[0]);
}

/** Locks the row until the end of the transaction: concurrent appliers of one projection queue here. */
export async function lockCheckpoint(tx: PoolClient, name: string): Promise<Checkpoint> {
  const { rows } = await tx.query<CheckpointRow>(
    `SELECT name, version, position, events_handled, updated_at, last_error
       FROM projection_checkpoints WHERE name = $1 FOR UPDATE`,
    [name],
  );
  if (rows.length === 0)
    throw new Error(`projection ${name} has no checkpoint row (call ensureCheckpoint first)`);
  return toCheckpoint(rows[0]);
}

export async function advanceCheckpoint(
  tx: PoolClient,
  name: string,
  position: string,
  applied: number,
): Promise<void> {
  await tx.query(
    `UPDATE projection_checkpoints
        SET position = $2, events_handled = events_handled + $3, updated_at = now(), last_error = NULL
      WHERE name = $1`,
    [name, position, applied],
  );
}

/**
 * Locks and moves the checkpoint in one statement when it stands at `from` (null: nothing applied
 * yet): the usual live and catch-up case. Returns how many events it had handled before, or null
 * when it stands elsewhere (nothing changed; the caller then locks and compares). A concurrent
 * applier waits on the row lock, then finds the position moved and takes the comparing path.
 */
export async function advanceCheckpointFrom(
  tx: PoolClient,
  name: string,
  from: string | null,
  to: { position: string; applied: number },
): Promise<number | null> {
  const { rows } = await tx.query<HandledRow>(advanceFromStatement('$1', '$2', '$3', '$4'), [
    name,
    from,
    to.position,
    to.applied,
  ]);
  return handledBefore(rows, to.applied);
}

interface HandledRow {
  events_handled: string;
}

/** The statement of both ways to advance, with its values as placeholders or as literals. */
const advanceFromStatement = (name: string, from: string, position: string, applied: string) =>
  `UPDATE projection_checkpoints
      SET position = ${position}, events_handled = events_handled + ${applied},
          updated_at = now(), last_error = NULL
    WHERE name = ${name} AND position IS NOT DISTINCT FROM ${from}::text
    RETURNING events_handled`;

const handledBefore = (rows: HandledRow[], applied: number): number | null =>
  rows.length === 0 ? null : Number(rows[0].events_handled) - applied;

/** What may be written into a statement's text as is: a projection name, a PostgreSQL position. */
const PLAIN_NAME = /^[a-z][a-z0-9_]*$/;
const PLAIN_POSITION = /^\d+\/\d+$/;

/**
 * Opens the transaction and moves the checkpoint as `advanceCheckpointFrom` does, in one round
 * trip: `BEGIN` and the `UPDATE` sent as one simple query (which takes no parameters, so the
 * values are written into its text, and only values that are plainly a name and positions are;
 * others, e.g. a KurrentDB position, take two round trips). A projection's live transaction was
 * four round trips, and each is a socket write measured at a third of the service's CPU.
 */
export async function beginAdvancingFrom(
  tx: PoolClient,
  name: string,
  from: string | null,
  to: { position: string; applied: number },
): Promise<number | null> {
  const plain =
    PLAIN_NAME.test(name) &&
    (from === null || PLAIN_POSITION.test(from)) &&
    PLAIN_POSITION.test(to.position) &&
    Number.isSafeInteger(to.applied);
  if (!plain) {
    await tx.query('BEGIN');
    return advanceCheckpointFrom(tx, name, from, to);
  }
  const statement = advanceFromStatement(
    `'${name}'`,
    from === null ? 'NULL' : `'${from}'`,
    `'${to.position}'`,
    String(to.applied),
  );
  const results = (await tx.query(`BEGIN; ${statement}`)) as unknown as QueryResult<HandledRow>[];
  return handledBefore(results[1].rows, to.applied);
}

/** Best effort, outside any projection transaction: shows a stuck projection in `status`. */
export async function recordCheckpointError(
  pool: Pool,
  name: string,
  error: unknown,
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await pool
    .query('UPDATE projection_checkpoints SET last_error = $2 WHERE name = $1', [
      name,
      message.slice(0, 2000),
    ])
    .catch(() => undefined);
}
