import { PoolClient } from 'pg';
import { RecordedEvent } from '../event-store/event-envelope';

/** The transaction a projection writes in; its checkpoint commits (or rolls back) with it. */
export type ProjectionTx = PoolClient;

/** An event with its 1-based rank in the store's global order, as seen by this projection. */
export interface ProjectedEvent {
  event: RecordedEvent;
  /**
   * Deterministic across live processing and rebuilds (both walk the store from position 0 in
   * the same order), so a read model can sort across streams by it without parsing positions.
   */
  sequence: number;
}

/**
 * A read model built from the event store. Every event of the store is offered, in global order,
 * exactly once; a projection ignores the types it does not care about.
 *
 * Handlers write to their `tables` by unqualified name: a rebuild runs the same handler with the
 * search path pointing at a shadow schema, then swaps the finished tables in.
 */
export interface Projection {
  /** Stable id, `[a-z][a-z0-9_]*` (it names the checkpoint row and the rebuild schema). */
  readonly name: string;
  /** Bump when the rows the handler writes change meaning or shape: status then asks for a rebuild. */
  readonly version: number;
  /**
   * Tables the projection owns and rebuilds. They are copied with `LIKE … INCLUDING ALL`, so they
   * must not own sequences (serial columns) or carry foreign keys.
   */
  readonly tables: readonly string[];
  /**
   * For tables the handler only inserts into (no ON CONFLICT, no UPDATE by key): a rebuild fills
   * the shadow tables without indexes and builds them in bulk once caught up, which is several
   * times cheaper than maintaining them row by row. A duplicate key still fails the rebuild, when
   * the unique index is built, before anything is swapped in.
   */
  readonly indexesAfterRebuildCatchUp?: boolean;
  /**
   * Whether `handle` may write anything for this event (omitted: every event). Live, a batch of
   * events it does not handle is not committed on its own: its checkpoint moves with the next batch
   * it handles, or within a short delay. A `true` for an ignored event only costs a transaction; a
   * `false` for a handled one only delays it (it is still applied, in order, by the same handler).
   */
  handles?(event: RecordedEvent): boolean;
  handle(event: RecordedEvent, tx: ProjectionTx, context: { sequence: number }): Promise<void>;
  /** Optional faster path for many events in one transaction (rebuilds, catch-up). */
  handleBatch?(events: readonly ProjectedEvent[], tx: ProjectionTx): Promise<void>;
}

const NAME = /^[a-z][a-z0-9_]{0,40}$/;

export function assertValidProjection(projection: Projection): void {
  if (!NAME.test(projection.name)) {
    throw new Error(`projection name "${projection.name}" must match ${NAME}`);
  }
  for (const table of projection.tables) {
    if (!NAME.test(table))
      throw new Error(`projection ${projection.name}: table name "${table}" must match ${NAME}`);
  }
}
