import { PoolClient } from 'pg';
import { quoteIdentifier } from '../database/quote-identifier';
import { RecordedEvent } from '../event-store/event-envelope';
import {
  advanceCheckpoint,
  advanceCheckpointFrom,
  beginAdvancingFrom,
  lockCheckpoint,
} from './checkpoint';
import { isAtOrBefore, PositionOrder } from './position-order';
import { ProjectedEvent, Projection } from './projection';

/**
 * What happened to a batch:
 * - `applied`: the events after the checkpoint were applied and the checkpoint moved to the last;
 * - `duplicate`: every event was already applied (re-delivery), nothing changed;
 * - `gap`: the checkpoint is behind where the caller's events start (someone moved it back, e.g.
 *   a rebuild swap): applying would skip events, so the caller must re-read from `checkpoint`.
 */
export type ApplyOutcome =
  | { kind: 'applied'; applied: number; position: string }
  | { kind: 'duplicate' }
  | { kind: 'gap'; checkpoint: string | null };

export interface ApplyRequest {
  projection: Projection;
  /** Consecutive events in global order. */
  events: readonly RecordedEvent[];
  /** Position the caller read `events` after ('start' = from the beginning). */
  readFrom: 'start' | string;
  order: PositionOrder;
}

/**
 * Applies events and moves the checkpoint inside the caller's open transaction. The checkpoint
 * row is locked first, so concurrent runners of the same projection (two API instances, a
 * rebuild swap) serialise, and events at or before it are dropped: re-delivery is harmless.
 *
 * In the usual case the checkpoint is where the caller read from, and one statement locks and
 * moves it (the handlers then write under that lock; a failure rolls both back). Otherwise the
 * row is locked and compared: a re-delivery is dropped, a gap sends the caller back to re-read.
 */
export function applyInTransaction(tx: PoolClient, request: ApplyRequest): Promise<ApplyOutcome> {
  return applyAdvancing(tx, request, advanceCheckpointFrom);
}

/** Applies in a transaction it opens itself (left open for the caller to end). */
async function applyInNewTransaction(tx: PoolClient, request: ApplyRequest): Promise<ApplyOutcome> {
  if (request.events.length === 0) {
    await tx.query('BEGIN');
    return { kind: 'duplicate' };
  }
  return applyAdvancing(tx, request, beginAdvancingFrom);
}

async function applyAdvancing(
  tx: PoolClient,
  request: ApplyRequest,
  advance: typeof advanceCheckpointFrom,
): Promise<ApplyOutcome> {
  const { projection, events } = request;
  if (events.length === 0) return { kind: 'duplicate' };
  const last = events[events.length - 1].position;
  const before = await advance(
    tx,
    projection.name,
    request.readFrom === 'start' ? null : request.readFrom,
    { position: last, applied: events.length },
  );
  if (before !== null) {
    await handle(projection, events, before, tx);
    return { kind: 'applied', applied: events.length, position: last };
  }
  return applyAfterComparing(tx, request);
}

/** The fallback: the checkpoint is not at `readFrom` (re-delivery, overlap, or moved back). */
async function applyAfterComparing(tx: PoolClient, request: ApplyRequest): Promise<ApplyOutcome> {
  const { projection, events, readFrom, order } = request;
  const checkpoint = await lockCheckpoint(tx, projection.name);
  const stored = checkpoint.position;
  const fresh = events.filter((event) => !isAtOrBefore(order, event.position, stored));
  if (fresh.length === 0) return { kind: 'duplicate' };
  const callerStartsAfterCheckpoint =
    readFrom !== 'start' && (stored === null || order(readFrom, stored) > 0);
  if (callerStartsAfterCheckpoint) return { kind: 'gap', checkpoint: stored };

  await handle(projection, fresh, checkpoint.eventsHandled, tx);
  const last = fresh[fresh.length - 1].position;
  await advanceCheckpoint(tx, projection.name, last, fresh.length);
  return { kind: 'applied', applied: fresh.length, position: last };
}

/** Runs the handler on events numbered on from `handledBefore` (the checkpoint's count). */
async function handle(
  projection: Projection,
  events: readonly RecordedEvent[],
  handledBefore: number,
  tx: PoolClient,
): Promise<void> {
  const projected: ProjectedEvent[] = events.map((event, index) => ({
    event,
    sequence: handledBefore + index + 1,
  }));
  if (projection.handleBatch) {
    await projection.handleBatch(projected, tx);
  } else {
    for (const { event, sequence } of projected) await projection.handle(event, tx, { sequence });
  }
}

/**
 * A read model's transaction commits without waiting for its WAL to reach the disk (about 2 ms a
 * flush on these machines' disks, paid by every commit waiting behind it, appends included). It
 * is safe because read models are derived: a crash can lose only whole transactions, each with
 * its checkpoint move, and the runner then applies those events again from the checkpoint. The
 * event store's own appends keep waiting for the flush (synchronous_commit stays on for them).
 */
const COMMIT_WITHOUT_WAITING_FOR_FLUSH = 'SET LOCAL synchronous_commit TO off; COMMIT';

/** Options of one batch transaction. */
export interface BatchTransactionOptions {
  /** Schemas searched before the default, e.g. the rebuild's shadow schema. */
  searchPath?: string[];
}

/**
 * Runs `applyInTransaction` in a transaction of its own: rows and checkpoint commit together
 * (without waiting for the flush: see COMMIT_WITHOUT_WAITING_FOR_FLUSH).
 */
export async function applyBatch(
  tx: PoolClient,
  request: ApplyRequest,
  options: BatchTransactionOptions = {},
): Promise<ApplyOutcome> {
  try {
    let outcome: ApplyOutcome;
    if (options.searchPath) {
      await tx.query('BEGIN');
      await setLocalSearchPath(tx, options.searchPath);
      outcome = await applyInTransaction(tx, request);
    } else {
      outcome = await applyInNewTransaction(tx, request);
    }
    await tx.query(outcome.kind === 'applied' ? COMMIT_WITHOUT_WAITING_FOR_FLUSH : 'ROLLBACK');
    return outcome;
  } catch (error) {
    await tx.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

export async function setLocalSearchPath(tx: PoolClient, schemas: string[]): Promise<void> {
  const list = schemas.map(quoteIdentifier).join(', ');
  await tx.query(`SET LOCAL search_path TO ${list}`);
}
