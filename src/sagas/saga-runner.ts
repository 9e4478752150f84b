import { Pool } from 'pg';
import { Clock } from '../common/clock';
import { isConnectionLost } from '../database/connection-loss';
import { deterministicId } from '../common/deterministic-id';
import { RecordedEvent } from '../event-store/event-envelope';
import { EventStore, Subscription } from '../event-store/event-store.port';
import { DeadLetterStore } from '../jobs/dead-letters/dead-letter-store';
import { JobNames } from '../jobs/job-queue';
import { Saga } from './saga';
import { SagaOutputExecutor } from './saga-outputs';
import { SagaCheckpointWriter } from './saga-checkpoint-writer';
import { SagaCheckpointBatch } from './saga-checkpoint-batch';
import { SagaLanes } from './saga-lanes';
import { defaultSagaRetryPolicy, sagaBackoff, SagaRetryPolicy } from './saga-retry-policy';
import { SpanKind } from '@opentelemetry/api';
import { contextOf, inSpan } from '../observability/tracing';
import { RunnerFailingHere } from '../health/stall-message';

export { defaultSagaRetryPolicy, sagaBackoff };
export type { SagaRetryPolicy };

export interface SagaRunnerDeps {
  store: EventStore;
  pool: Pool;
  clock: Clock;
  executor: SagaOutputExecutor;
  deadLetters: DeadLetterStore;
  /** Queue a replayed dead letter goes to (the jobs queue). */
  queueName: string;
  retry?: Partial<SagaRetryPolicy>;
  log?: (message: string) => void;
  /**
   * Fault-injection seam for crash tests: called after an event's outputs were carried out and
   * before its checkpoint is stored.
   */
  afterEffects?: (saga: string, event: RecordedEvent) => void | Promise<void>;
  /** The process's sagas' checkpoints written together (each runner its own when absent). */
  checkpoints?: SagaCheckpointBatch;
  /**
   * Events of a saga with ordering keys handled at the same time at most (default 16): after a
   * bulk write a saga's appends then share commits instead of waiting for one flush each.
   */
  concurrency?: number;
}

const DEFAULT_SAGA_CONCURRENCY = 16;

export interface SagaReplayJob {
  saga: string;
  event: RecordedEvent;
}

export const sagaDeadLetterKey = (saga: string, eventId: string): string =>
  `saga:${saga}:${eventId}`;
export const sagaReplayJobId = (saga: string, eventId: string): string =>
  `saga-${deterministicId('saga-replay', saga, eventId)}`;

class Stopped extends Error {
  constructor() {
    super('saga runner stopped');
  }
}

/**
 * Drives one saga from the event store's subscription. For each event: handle → carry out the
 * outputs → note it for the checkpoint, which is stored for every event finished meanwhile in one
 * write (SagaCheckpointWriter; at-least-once: outputs are idempotent by ids derived from the
 * event id, so a redelivery after a crash appends nothing twice). An event whose outputs keep
 * failing is retried with exponential backoff, then parked in `dead_letters` (replayable through
 * the jobs queue) and the saga moves on; other sagas have runners of their own and never wait.
 * A saga with ordering keys has events of different keys handled at the same time (`SagaLanes`):
 * the checkpoint then covers an event only once every event delivered before it has finished.
 */
export class SagaRunner {
  private readonly policy: SagaRetryPolicy;
  private running = false;
  private loop: Promise<void> | null = null;
  private subscription: Subscription | null = null;
  private readonly sleepers = new Set<() => void>();
  private stopWait: (() => void) | null = null;
  private caughtUpOnce: Promise<void>;
  private markCaughtUp!: () => void;
  /** Subscription failures since an event was last handled: the re-subscribe backoff, `/health`. */
  private failing: RunnerFailingHere | null = null;
  private readonly checkpoints: SagaCheckpointWriter;

  constructor(
    readonly saga: Saga,
    private readonly deps: SagaRunnerDeps,
  ) {
    this.policy = { ...defaultSagaRetryPolicy, ...deps.retry };
    this.checkpoints = new SagaCheckpointWriter(
      deps.checkpoints ?? new SagaCheckpointBatch(deps.pool),
      saga.name,
    );
    this.caughtUpOnce = new Promise((resolve) => (this.markCaughtUp = resolve));
  }

  get name(): string {
    return this.saga.name;
  }

  /** This process's runner failing (its last subscription error) until it next handles an event. */
  get failure(): RunnerFailingHere | null {
    return this.failing;
  }

  /** Resolves when the first subscription has caught up with the store. */
  get caughtUp(): Promise<void> {
    return this.caughtUpOnce;
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.deps.pool.query(
      'INSERT INTO saga_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING',
      [this.name],
    );
    this.running = true;
    this.loop = this.supervise();
  }

  /** Stops after the event in progress; its checkpoint is stored only if its outputs completed. */
  async stop(): Promise<void> {
    this.running = false;
    for (const wake of [...this.sleepers]) wake();
    this.stopWait?.();
    await this.subscription?.stop();
    await this.loop;
    this.loop = null;
    await this.checkpoints.flush();
  }

  /** Handles one event's outputs once, without retry (used by replays from dead_letters). */
  async execute(event: RecordedEvent): Promise<void> {
    // With tracing on: a child of the append that wrote the event; the commands it sends and
    // their appends are children of this span, so the trace follows the whole chain.
    await inSpan(
      `saga ${this.name}`,
      {
        kind: SpanKind.CONSUMER,
        parent: contextOf(event.metadata.traceparent),
        attributes: {
          'cadreflow.saga': this.name,
          'cadreflow.event.type': event.type,
          'cadreflow.event.id': event.id,
        },
      },
      async () => {
        const outputs = await this.saga.handle(event, { now: this.deps.clock.now() });
        await this.deps.executor.execute(this.saga, event, outputs);
      },
    );
  }

  async checkpoint(): Promise<string | null> {
    const { rows } = await this.deps.pool.query<{ position: string | null }>(
      'SELECT position FROM saga_checkpoints WHERE name = $1',
      [this.name],
    );
    return rows[0]?.position ?? null;
  }

  private async supervise(): Promise<void> {
    while (this.running) {
      // Resuming from the stored checkpoint: what is noted is stored first, or delivered again.
      await this.checkpoints.flush();
      this.checkpoints.discard();
      const from = (await this.checkpoint().catch(() => undefined)) ?? null;
      if (from === undefined) {
        await this.sleep(this.policy.resubscribeMs).catch(() => undefined);
        continue;
      }
      let lanes!: SagaLanes;
      const failure = await new Promise<unknown>((resolve) => {
        lanes = this.lanes(resolve);
        const subscription = this.deps.store.subscribe(
          from ?? 'start',
          (event) =>
            lanes.deliver(this.orderingKey(event), event.position, () =>
              this.handleEvent(event, lanes),
            ),
          {
            filter: this.saga.filter,
            onError: resolve,
          },
        );
        this.subscription = subscription;
        void subscription.caughtUp
          .then(() => lanes.deliveredSoFar())
          .then(() => this.markCaughtUp());
        // stop() ends the subscription without an error: resolve then too.
        this.stopWait = () => resolve(new Stopped());
        if (!this.running) resolve(new Stopped());
      });
      lanes.abandon(failure);
      await lanes.settled();
      this.stopWait = null;
      const subscription = this.subscription;
      this.subscription = null;
      await subscription?.stop();
      if (!this.running || failure instanceof Stopped) return;
      const attempts = (this.failing?.attempts ?? 0) + 1;
      const since = this.failing?.since ?? new Date();
      this.failing = { message: describe(failure), since, attempts };
      const delay = sagaBackoff({ ...this.policy, backoffMs: this.policy.resubscribeMs }, attempts);
      this.log(
        `subscription failed (${attempts} in a row), re-subscribing from the checkpoint in ${delay} ms: ${describe(failure)}`,
      );
      await this.deps.pool
        .query('UPDATE saga_checkpoints SET last_error = $2, updated_at = now() WHERE name = $1', [
          this.name,
          describe(failure),
        ])
        .catch(() => undefined);
      await this.sleep(delay).catch(() => undefined);
    }
  }

  private async handleEvent(event: RecordedEvent, lanes: SagaLanes): Promise<{ parked: boolean }> {
    let parked = false;
    for (let attempt = 1; ; attempt += 1) {
      // Another event of these lanes failed: this one is delivered again after the resume.
      if (!this.running || lanes.abandoned) throw new Stopped();
      try {
        await this.execute(event);
        break;
      } catch (error) {
        if (error instanceof Stopped) throw error;
        // A lost connection is not this event's fault: it must not use up the event's attempts
        // and park it. Ending the subscription re-reads from the checkpoint once reconnected.
        if (isConnectionLost(error)) throw error;
        this.log(
          `event ${event.type} ${event.id} attempt ${attempt}/${this.policy.attempts} failed: ${describe(error)}`,
        );
        if (attempt >= this.policy.attempts) {
          await this.deps.deadLetters.park({
            key: sagaDeadLetterKey(this.name, event.id),
            source: 'saga',
            queueName: this.deps.queueName,
            jobName: JobNames.sagaReplay,
            jobId: sagaReplayJobId(this.name, event.id),
            jobData: { saga: this.name, event } satisfies SagaReplayJob,
            error,
            attempts: attempt,
          });
          parked = true;
          break;
        }
        await this.sleep(sagaBackoff(this.policy, attempt));
      }
    }
    await this.deps.afterEffects?.(this.name, event);
    this.failing = null;
    return { parked };
  }

  /** A saga without ordering keys handles its events one at a time: all in one lane. */
  private orderingKey(event: RecordedEvent): string | undefined {
    return this.saga.orderingKey ? this.saga.orderingKey(event) : '';
  }

  /** The lanes of one subscription: finished events noted for the checkpoint, in order. */
  private lanes(failed: (error: unknown) => void): SagaLanes {
    return new SagaLanes({
      concurrency: this.deps.concurrency ?? DEFAULT_SAGA_CONCURRENCY,
      finished: (position, parked) => this.checkpoints.handled(position, parked),
      failed: (error) => {
        // Handlers sleeping between attempts give up now rather than after their backoff.
        for (const wake of [...this.sleepers]) wake();
        failed(error);
      },
    });
  }

  /** Interruptible by stop(): rejects with Stopped. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        if (this.running) resolve();
        else reject(new Stopped());
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private log(message: string): void {
    (this.deps.log ?? ((line: string) => process.stderr.write(`${line}\n`)))(
      `[saga ${this.name}] ${message}`,
    );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
