import { Pool } from 'pg';
import { withClient } from '../database/checked-out-client';
import { isConnectionLost } from '../database/connection-loss';
import { RecordedEvent } from '../event-store/event-envelope';
import { AllFrom, EventStore, Subscription } from '../event-store/event-store.port';
import { applyBatch, ApplyOutcome } from './apply-events';
import { ensureCheckpoint, readCheckpoint, recordCheckpointError } from './checkpoint';
import { postgresPositionOrder, PositionOrder } from './position-order';
import { assertValidProjection, Projection } from './projection';
import { LiveDelivery, ReadAgainFromCheckpoint } from './live-delivery';
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
  /** How long live events the projection does not handle may wait (default 200 ms). */
  ignoredFlushDelayMs?: number;
  /** How long live events the projection handles wait for the ones that follow (default 20 ms). */
  liveGatherMs?: number;
}

/** The process is shutting down its database pool: nothing more can be written with it. */
function poolEnding(pool: Pool): boolean {
  return (pool as Pool & { ending?: boolean }).ending === true;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Why this runner is not keeping its read model up to date right now, if it is not. */
export interface ProjectionRunnerFailure {
  message: string;
  since: Date;
  /** Failures in a row since the runner last made progress. */
  attempts: number;
}

/**
 * Keeps one read model up to date: catches up from its checkpoint in batches, then follows the
 * store's live subscription. Each batch (live: what arrived while the last one was applied, with
 * any kept back because the projection ignores them) and the checkpoint commit in one transaction,
 * so delivery is at-least-once and application exactly-once.
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

  /**
   * Resolves once no transaction of this runner is in flight. Live events kept back (ones the
   * projection ignores) are applied first, unless the pool is already closing.
   */
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
        if (poolEnding(this.options.pool)) {
          // The process is shutting down its database pool: retrying can only fail again.
          this.log('stopped: the database pool was closed');
          this.running = false;
          return;
        }
        const message = messageOf(error);
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
   * Live delivery until the subscription fails or the runner stops (see `LiveDelivery` for how
   * events are gathered into transactions and when ignored ones are kept back).
   */
  private follow(from: AllFrom): Promise<void> {
    let delivery: LiveDelivery | null = null;
    return new Promise<void>((resolve, reject) => {
      this.stopSubscriptionWait = resolve;
      const { projection } = this.options;
      delivery = new LiveDelivery({
        from,
        handles: projection.handles?.bind(projection),
        apply: (events, readFrom) => this.apply(events, readFrom),
        // Rejecting ends the subscription; the run loop re-reads the checkpoint.
        onFailure: reject,
        flushDelayMs: this.options.ignoredFlushDelayMs,
        gatherMs: this.options.liveGatherMs,
      });
      const live = delivery;
      this.subscription = this.options.store.subscribe(
        from,
        (event: RecordedEvent) => live.accept(event),
        { onError: reject },
      );
    }).finally(async () => {
      this.stopSubscriptionWait = null;
      const subscription = this.subscription;
      this.subscription = null;
      await subscription?.stop();
      // No transaction of this runner outlives `stop()`; kept events are applied before it ends
      // (after a failure they are delivered again from the checkpoint instead).
      const flushFailed = await delivery?.close(!this.running && !poolEnding(this.options.pool));
      if (flushFailed) this.log(`kept events not applied on stop: ${messageOf(flushFailed)}`);
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
