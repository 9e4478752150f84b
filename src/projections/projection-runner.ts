import { Pool } from 'pg';
import { withClient } from '../database/checked-out-client';
import { isConnectionLost } from '../database/connection-loss';
import { RecordedEvent } from '../event-store/event-envelope';
import { AllFrom, EventStore, Subscription } from '../event-store/event-store.port';
import { applyBatch, ApplyOutcome } from './apply-events';
import { ensureCheckpoint, readCheckpoint, recordCheckpointError } from './checkpoint';
import { postgresPositionOrder, PositionOrder } from './position-order';
import { assertValidProjection, Projection } from './projection';
import { ROOT_CONTEXT, SpanKind } from '@opentelemetry/api';
import { contextOf, inSpan, linkTo, tracingEnabled } from '../observability/tracing';

export interface ProjectionRunnerOptions {
  pool: Pool;
  store: EventStore;
  projection: Projection;
  order?: PositionOrder;
  /** Events per transaction while catching up after downtime. */
  catchUpBatchSize?: number;
  /**
   * Pause before the first retry after a failure; it doubles with each failure in a row up to
   * `maxRetryDelayMs` (a poison event retries until fixed, never skipped; a database that is
   * away is not hammered).
   */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  log?: (message: string) => void;
}

/** Why this runner is not keeping its read model up to date right now, if it is not. */
export interface ProjectionRunnerFailure {
  message: string;
  since: Date;
  /** Failures in a row since the runner last made progress. */
  attempts: number;
}

/** Most events one live transaction applies (the subscription reads up to 500 at a time). */
const LIVE_BATCH_MAX = 500;

/** The checkpoint moved behind the subscription's back: start again from the stored position. */
class ReadAgainFromCheckpoint extends Error {
  constructor(readonly checkpoint: string | null) {
    super('projection checkpoint moved; re-reading from it');
  }
}

/**
 * Keeps one read model up to date: catches up from its checkpoint in batches, then follows the
 * store's live subscription. Each batch (live: what arrived while the last one was applied) and the
 * checkpoint commit in one transaction, so delivery is at-least-once and application exactly-once.
 */
export class ProjectionRunner {
  private readonly order: PositionOrder;
  private running = false;
  private loop: Promise<void> | null = null;
  private subscription: Subscription | null = null;
  private wakeRetry: (() => void) | null = null;
  private stopSubscriptionWait: (() => void) | null = null;
  private currentFailure: ProjectionRunnerFailure | null = null;

  constructor(private readonly options: ProjectionRunnerOptions) {
    assertValidProjection(options.projection);
    this.order = options.order ?? postgresPositionOrder;
  }

  get name(): string {
    return this.options.projection.name;
  }

  /**
   * This runner's own state: null while it keeps up, else its last failure. `/health` reads this
   * rather than the shared checkpoint row, which every instance running the projection writes.
   */
  get failure(): ProjectionRunnerFailure | null {
    return this.currentFailure;
  }

  /** Starts in the background; resolves once the checkpoint row exists. */
  async start(): Promise<void> {
    if (this.running) return;
    const { pool, projection } = this.options;
    const checkpoint = await ensureCheckpoint(pool, projection.name, projection.version);
    if (checkpoint.version !== projection.version && checkpoint.position !== null) {
      this.log(
        `rows were built by version ${checkpoint.version}, code is version ${projection.version}: ` +
          `run "npm run projections -- rebuild ${projection.name}"`,
      );
    }
    this.running = true;
    this.loop = this.run();
  }

  /** Resolves once no transaction of this runner is in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.wakeRetry?.();
    this.stopSubscriptionWait?.();
    await this.subscription?.stop();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const checkpoint = await readCheckpoint(this.options.pool, this.name);
        const caughtUpTo = await this.catchUp(checkpoint?.position ?? 'start');
        if (caughtUpTo === null || !this.running) continue;
        this.recovered();
        await this.follow(caughtUpTo);
      } catch (error) {
        if (!this.running) return;
        if (error instanceof ReadAgainFromCheckpoint) continue;
        if ((this.options.pool as Pool & { ending?: boolean }).ending) {
          // The process is shutting down its database pool: retrying can only fail again.
          this.log('stopped: the database pool was closed');
          this.running = false;
          return;
        }
        const message = error instanceof Error ? error.message : String(error);
        const attempts = (this.currentFailure?.attempts ?? 0) + 1;
        this.currentFailure = {
          message,
          since: this.currentFailure?.since ?? new Date(),
          attempts,
        };
        const delay = Math.min(
          this.options.maxRetryDelayMs ?? 30_000,
          (this.options.retryDelayMs ?? 1000) * 2 ** (attempts - 1),
        );
        this.log(`failed (${attempts} in a row), retrying in ${delay} ms: ${message}`);
        await this.pause(delay);
      }
    }
  }

  /** Reads and applies batches until a short one; returns the position reached (null: re-read). */
  private async catchUp(from: AllFrom): Promise<AllFrom | null> {
    const batchSize = this.options.catchUpBatchSize ?? 500;
    let position = from;
    while (this.running) {
      const events = await this.options.store.readAll(position, { limit: batchSize });
      if (events.length === 0) return position;
      const outcome = await this.apply(events, position);
      if (outcome.kind === 'gap') return null;
      position = events[events.length - 1].position;
      if (events.length < batchSize) return position;
    }
    return position;
  }

  /**
   * Live delivery until the subscription fails or the runner stops. Events that arrive while a
   * transaction is in flight are applied together in the next one (at most `LIVE_BATCH_MAX`):
   * under load one commit serves many events instead of one commit each, and when events come
   * one at a time each is still applied at once.
   */
  private follow(from: AllFrom): Promise<void> {
    let readFrom = from;
    const pending: RecordedEvent[] = [];
    let draining: Promise<void> | null = null;
    let failed: unknown = null;
    return new Promise<void>((resolve, reject) => {
      this.stopSubscriptionWait = resolve;
      const drain = async (): Promise<void> => {
        try {
          // Checking for work and clearing `draining` happen in one turn: an event pushed after
          // the check finds `draining` null and starts the next drain.
          while (pending.length > 0) {
            const batch = pending.splice(0, LIVE_BATCH_MAX);
            const outcome = await this.apply(batch, readFrom);
            // Rejecting ends the subscription; the run loop re-reads the checkpoint.
            if (outcome.kind === 'gap') throw new ReadAgainFromCheckpoint(outcome.checkpoint);
            readFrom = batch[batch.length - 1].position;
          }
          draining = null;
        } catch (error) {
          pending.length = 0;
          failed = error;
          draining = null;
          reject(error);
        }
      };
      this.subscription = this.options.store.subscribe(
        from,
        async (event: RecordedEvent) => {
          if (failed) throw failed;
          pending.push(event);
          draining ??= drain();
          // Back-pressure: the subscription reads on only once a full batch has been applied.
          if (pending.length >= LIVE_BATCH_MAX) await draining;
        },
        { onError: reject },
      );
    }).finally(async () => {
      this.stopSubscriptionWait = null;
      const subscription = this.subscription;
      this.subscription = null;
      await subscription?.stop();
      // No transaction of this runner outlives `stop()`.
      await draining;
    });
  }

  /**
   * With tracing on, a batch is applied in a `projection <name>` span: a child of the append that
   * wrote the event when it is one event (live delivery), else linked to each event's append.
   */
  private apply(events: RecordedEvent[], readFrom: AllFrom): Promise<ApplyOutcome> {
    if (!tracingEnabled()) return this.applyUntraced(events, readFrom);
    const single = events.length === 1 ? events[0] : undefined;
    return inSpan(
      `projection ${this.name}`,
      {
        kind: SpanKind.CONSUMER,
        parent: single ? contextOf(single.metadata.traceparent) : ROOT_CONTEXT,
        links: single
          ? undefined
          : events
              .slice(0, 128)
              .map((event) => linkTo(event.metadata.traceparent))
              .filter((link) => link !== undefined),
        attributes: {
          'cadreflow.projection': this.name,
          'cadreflow.events.count': events.length,
          'cadreflow.event.type': single?.type,
          'cadreflow.event.id': single?.id,
        },
      },
      async (span) => {
        const outcome = await this.applyUntraced(events, readFrom);
        span?.setAttribute('cadreflow.projection.outcome', outcome.kind);
        return outcome;
      },
    );
  }

  private async applyUntraced(events: RecordedEvent[], readFrom: AllFrom): Promise<ApplyOutcome> {
    try {
      const outcome = await withClient(this.options.pool, (client) =>
        applyBatch(client, {
          projection: this.options.projection,
          events,
          readFrom,
          order: this.order,
        }),
      );
      if (outcome.kind !== 'gap') this.recovered();
      return outcome;
    } catch (error) {
      // Only a failure of the projection itself (its code on these events) is every instance's
      // problem and goes into the shared row for `projections status`; a connection this
      // instance lost, or a store it cannot reach, is its own and shows in its own /health.
      if (!isConnectionLost(error))
        await recordCheckpointError(this.options.pool, this.name, error);
      throw error;
    }
  }

  private recovered(): void {
    if (this.currentFailure) this.log(`recovered after ${this.currentFailure.attempts} failure(s)`);
    this.currentFailure = null;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeRetry = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeRetry = done;
    });
  }

  private log(message: string): void {
    (this.options.log ?? ((line: string) => process.stderr.write(`${line}\n`)))(
      `[projection ${this.name}] ${message}`,
    );
  }
}
