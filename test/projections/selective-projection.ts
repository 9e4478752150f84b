import { Pool } from 'pg';
import { NewEvent, RecordedEvent } from '../../src/event-store/event-envelope';
import { EventStore } from '../../src/event-store/event-store.port';
import { Projection } from '../../src/projections/projection';
import { numbered } from './projection-fixtures';

/**
 * Like the counting projection, but it declares (and writes for) only `Numbered` events: the
 * `Ignored` ones between them only move its checkpoint and count in its sequence numbers. `asked`
 * collects the ids of the events its runner asked about (the ones it has received live).
 */
export function selectiveProjection(asked = new Set<string>()): Projection {
  const handles = (event: RecordedEvent): boolean => {
    asked.add(event.id);
    return event.type === 'Numbered';
  };
  return {
    name: 'test_counts',
    version: 1,
    tables: ['test_counts', 'test_log'],
    handles,
    async handle(event, tx, { sequence }) {
      if (!handles(event)) return;
      await tx.query(
        `INSERT INTO test_counts (stream_id, events) VALUES ($1, 1)
         ON CONFLICT (stream_id) DO UPDATE SET events = test_counts.events + 1`,
        [event.streamId],
      );
      await tx.query('INSERT INTO test_log (event_id, sequence, n) VALUES ($1, $2, $3)', [
        event.id,
        sequence,
        (event.data as { n: number }).n,
      ]);
    },
  };
}

export function ignored(n: number): NewEvent {
  return { ...numbered(n), type: 'Ignored' };
}

/** Appends `Ignored` events from..from+count-1 one per transaction, `gapMs` apart. */
export async function appendIgnored(
  store: EventStore,
  stream: string,
  from: number,
  count: number,
  gapMs = 0,
): Promise<void> {
  for (let n = from; n < from + count; n += 1) {
    await store.append(stream, [ignored(n)], { expectedRevision: 'any' });
    if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
}

/**
 * Records every committed move of a checkpoint (a rolled-back one leaves no row), so a test can
 * count the transactions a runner committed.
 */
export async function recordCheckpointMoves(pool: Pool): Promise<void> {
  await pool.query(
    'CREATE TABLE checkpoint_moves (name text NOT NULL, position text, events_handled bigint NOT NULL)',
  );
  await pool.query(`
    CREATE FUNCTION record_checkpoint_move() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO checkpoint_moves VALUES (NEW.name, NEW.position, NEW.events_handled);
      RETURN NEW;
    END $$`);
  await pool.query(`
    CREATE TRIGGER checkpoint_moved AFTER UPDATE OF position ON projection_checkpoints
      FOR EACH ROW WHEN (OLD.position IS DISTINCT FROM NEW.position)
      EXECUTE FUNCTION record_checkpoint_move()`);
}

export async function checkpointMoves(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM checkpoint_moves',
  );
  return rows[0].n;
}

export async function checkpointPosition(pool: Pool, name: string): Promise<string | null> {
  const { rows } = await pool.query<{ position: string | null }>(
    'SELECT position FROM projection_checkpoints WHERE name = $1',
    [name],
  );
  return rows[0]?.position ?? null;
}
