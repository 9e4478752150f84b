import { RecordedEvent } from '../event-store/event-envelope';
import { AllFrom } from '../event-store/event-store.port';
import { ApplyOutcome } from './apply-events';

/** Most events one live transaction applies (the subscription reads up to 500 at a time). */
export const LIVE_BATCH_MAX = 500;

/**
 * How long live events that a projection does not handle may wait for its checkpoint to move.
 * Committing each such batch would cost a transaction (and a WAL flush) per projection per write
 * for nothing; waiting longer would only make `/health`, `projections status` and anything that
 * waits for a checkpoint see a lag that is not there. 200 ms is below what a person notices.
 */
export const IGNORED_FLUSH_DELAY_MS = 200;

/**
 * How long the first live event a projection handles waits for the ones that follow before their
 * transaction starts. Under load one commit (and WAL flush) then serves every write of that window
 * instead of each write's own; alone, an event reaches the read model this much later, far below
 * what a person notices and the inbox's 250 ms target. 40 rather than 20: at 8 clients about a
 * tenth more cases a second and 2 ms less of PostgreSQL's CPU a case, the case list's lag p99
 * about 110-125 ms instead of 100-110 (issue 21, thirtieth session: bench/README.md).
 */
export const LIVE_GATHER_MS = 40;

/** The checkpoint moved behind the subscription's back: start again from the stored position. */
export class ReadAgainFromCheckpoint extends Error {
  constructor(readonly checkpoint: string | null) {
    super('projection checkpoint moved; re-reading from it');
  }
}

export interface LiveDeliveryOptions {
  /** Where the checkpoint stood when the subscription started. */
  from: AllFrom;
  /** Whether the projection handles this event (undefined: it handles every event). */
  handles?: (event: RecordedEvent) => boolean;
  /** Applies events read after `readFrom` in one transaction with the checkpoint. */
  apply: (events: RecordedEvent[], readFrom: AllFrom) => Promise<ApplyOutcome>;
  /** Applying failed (a gap: `ReadAgainFromCheckpoint`): the subscription must end. */
  onFailure: (error: unknown) => void;
  flushDelayMs?: number;
  /** How long handled events wait for the ones that follow (default `LIVE_GATHER_MS`). */
  gatherMs?: number;
}

/**
 * The live events of one projection waiting to be applied. Events that arrive while a transaction
 * is in flight are applied together in the next one (at most `LIVE_BATCH_MAX`): under load one
 * commit serves many events, and when events come one at a time each is still applied at once.
 *
 * Events it handles wait up to the gather delay for the ones that follow, so that a burst of writes
 * shares one transaction even when each arrives alone; closing applies them at once.
 *
 * Events the projection does not handle are kept instead, and applied (their checkpoint moved)
 * with the next batch it handles, once `LIVE_BATCH_MAX` are kept, after the flush delay, or on
 * `close`. They still go through `apply` from the last committed position, so sequence numbers
 * and the duplicate and gap checks do not change, and a crash only means they are delivered again.
 */
export class LiveDelivery {
  private readonly pending: RecordedEvent[] = [];
  /**
   * How many of `pending` the projection handles, judged once as each arrives: judging the whole
   * queue on every arrival cost a projection that handles none of a burst (500 kept events) a
   * quadratic number of `handles` calls (bench/README.md, issue 21, thirteenth session).
   */
  private handledPending = 0;
  private readFrom: AllFrom;
  private draining: Promise<void> | null = null;
  private failed: unknown = null;
  private flushTimer: NodeJS.Timeout | null = null;
  /** When `flushTimer` fires (Date.now() time). */
  private flushAt = 0;
  private flushDue = false;
  private closed = false;

  constructor(private readonly options: LiveDeliveryOptions) {
    this.readFrom = options.from;
  }

  /** For the subscription: queues an event; waits (back-pressure) once a full batch is queued. */
  async accept(event: RecordedEvent): Promise<void> {
    if (this.failed) throw this.failed;
    this.pending.push(event);
    if (this.handles(event)) this.handledPending += 1;
    const drained = this.startDrain();
    if (this.pending.length >= LIVE_BATCH_MAX) await drained;
  }

  /**
   * Resolves once no transaction is in flight. With `flush`, kept events are applied first (the
   * runner stops while its pool is usable); without, they are dropped and delivered again later.
   * Returns why that last flush failed, if it did.
   */
  async close(flush: boolean): Promise<unknown> {
    this.closed = true;
    this.clearFlushTimer();
    await this.draining;
    if (!flush || this.failed || this.pending.length === 0) return null;
    this.flushDue = true;
    await this.startDrain();
    return this.failed;
  }

  /**
   * The drain in progress, or a new one. `draining` is set before the drain runs: one that finds
   * only events to keep ends without awaiting anything, and clears it in that same turn.
   */
  private startDrain(): Promise<void> {
    if (this.draining) return this.draining;
    let drained = (): void => undefined;
    const draining = new Promise<void>((resolve) => (drained = resolve));
    this.draining = draining;
    void this.drain().then(drained);
    return draining;
  }

  /** Never rejects: a failure ends the delivery through `onFailure`. */
  private async drain(): Promise<void> {
    try {
      // Checking for work and clearing `draining` happen in one turn: an event pushed after the
      // check finds `draining` null and starts the next drain.
      while (this.pending.length > 0) {
        if (!this.flushDue && this.pending.length < LIVE_BATCH_MAX && this.waitsForMore()) break;
        const batch = this.pending.splice(0, LIVE_BATCH_MAX);
        for (const event of batch) if (this.handles(event)) this.handledPending -= 1;
        const outcome = await this.options.apply(batch, this.readFrom);
        if (outcome.kind === 'gap') throw new ReadAgainFromCheckpoint(outcome.checkpoint);
        this.readFrom = batch[batch.length - 1].position;
        // Kept events lead `pending`, so every applied batch took them all.
        this.clearFlushTimer();
        this.flushDue = false;
      }
      this.draining = null;
    } catch (error) {
      this.pending.length = 0;
      this.handledPending = 0;
      this.failed = error;
      this.draining = null;
      this.clearFlushTimer();
      this.options.onFailure(error);
    }
  }

  /**
   * Whether the pending events, fewer than a batch, wait (a flush is then scheduled): kept events
   * until the flush delay, handled ones for the gather delay, none once closing (`close` flushes
   * what should be applied).
   */
  private waitsForMore(): boolean {
    const handled = this.handledPending > 0;
    if (this.closed) return !handled;
    const delay = handled ? (this.options.gatherMs ?? LIVE_GATHER_MS) : this.flushDelayMs;
    if (delay <= 0) return false;
    this.scheduleFlush(delay);
    return true;
  }

  /** Flushes within `delay` ms: an earlier flush already scheduled stands. */
  private scheduleFlush(delay: number): void {
    const at = Date.now() + delay;
    if (this.flushTimer && this.flushAt <= at) return;
    this.clearFlushTimer();
    this.flushAt = at;
    this.flushTimer = setTimeout(() => this.flushKept(), delay);
  }

  private handles(event: RecordedEvent): boolean {
    return this.options.handles === undefined || this.options.handles(event);
  }

  private flushKept(): void {
    this.flushTimer = null;
    if (this.failed || this.closed) return;
    this.flushDue = true;
    void this.startDrain();
  }

  private clearFlushTimer(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }

  private get flushDelayMs(): number {
    return this.options.flushDelayMs ?? IGNORED_FLUSH_DELAY_MS;
  }
}
