import { Pool } from 'pg';
import { settlesWithin } from '../common/settles-within';
import { Clock } from '../common/clock';
import { EventStore } from '../event-store/event-store.port';
import { DeadLetterStore } from './dead-letters/dead-letter-store';
import { DeadLetterService } from './dead-letters/dead-letter.service';
import { JobQueue } from './job-queue';
import { JobProcessorRegistry, JobWorker } from './job-worker';
import { JobsConfig } from './jobs.tokens';
import { TimerFiring } from './timers/timer-firing';
import { TimerHandlerRegistry } from './timers/timer-handlers';
import { ReconcileReport, TimerReconciler } from './timers/timer-reconciler';
import { TimerReconcileLoop } from './timers/timer-reconcile-loop';
import { TimerScheduler } from './timers/timer-scheduler';

export interface JobsRuntimeDeps {
  store: EventStore;
  pool: Pool;
  clock: Clock;
  config: JobsConfig;
  log?: (message: string) => void;
}

/**
 * Timers, the job queue, its worker and the dead letters, wired together without Nest (the Nest
 * module, the tests and the crash-test child process all build it the same way).
 *
 * Order of use: register timer handlers and job processors, then `start()` (reconcile, then
 * take jobs), `close()` on shutdown.
 */
export class JobsRuntime {
  readonly queue: JobQueue;
  readonly timerHandlers = new TimerHandlerRegistry();
  readonly processors = new JobProcessorRegistry();
  readonly deadLetters: DeadLetterStore;
  readonly deadLetterService: DeadLetterService;
  readonly scheduler: TimerScheduler;
  readonly reconciler: TimerReconciler;
  readonly worker: JobWorker;
  readonly reconcileLoop: TimerReconcileLoop;
  private started = false;
  /** The latest start, settled or not: a stop waits for it. */
  private starting: Promise<unknown> = Promise.resolve();
  /** Closed for good (shutdown): no later start opens a worker. */
  private closed = false;
  /** Counts the stops: a start that outlived its wait in a stop opens nothing afterwards. */
  private stops = 0;
  private readonly log: (message: string) => void;

  constructor(readonly deps: JobsRuntimeDeps) {
    // Checked before anything connects: a refused configuration leaves no connection behind.
    const { queueHorizonMs: horizonMs, reconcileIntervalMs: intervalMs } = deps.config;
    if (!(horizonMs >= 2 * intervalMs))
      throw new Error(
        `queueHorizonMs (${horizonMs}) must be at least twice reconcileIntervalMs (${intervalMs}): a timer must be queued before it falls due`,
      );
    const log = deps.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    this.log = log;
    this.queue = new JobQueue(deps.config, log);
    this.deadLetters = new DeadLetterStore(deps.pool, deps.clock);
    this.deadLetterService = new DeadLetterService(this.deadLetters, this.queue);
    this.scheduler = new TimerScheduler(deps.store, this.queue, deps.clock, horizonMs);
    this.reconciler = new TimerReconciler(
      deps.store,
      deps.pool,
      this.queue,
      this.deadLetters,
      deps.clock,
      { horizonMs, intervalMs },
    );
    this.worker = new JobWorker(deps.config, this.processors, this.deadLetters, deps.log);
    this.reconcileLoop = new TimerReconcileLoop({
      reconciler: this.reconciler,
      intervalMs: deps.config.reconcileIntervalMs,
      redis: this.queue.redis,
      log,
    });
    this.processors.register(new TimerFiring(deps.store, this.timerHandlers, deps.clock));
  }

  /**
   * Re-enqueues every pending timer (what Redis may have lost), then starts the worker and keeps
   * re-enqueueing what Redis loses while it runs (on reconnection and every reconcileIntervalMs).
   */
  start(options: { worker?: boolean } = {}): Promise<ReconcileReport> {
    const starting = this.startOnce(options);
    this.starting = starting.catch(() => undefined);
    return starting;
  }

  private async startOnce(options: { worker?: boolean }): Promise<ReconcileReport> {
    const stops = this.stops;
    const stoppedSince = (): boolean => this.closed || this.stops !== stops;
    const report = await this.reconciler.reconcile();
    if (options.worker !== false && !this.started && !stoppedSince()) {
      this.worker.start();
      await this.worker.ready();
      // A stop that gave up waiting for this start has closed the worker already.
      if (stoppedSince()) return report;
      this.reconcileLoop.start();
      this.started = true;
    }
    return report;
  }

  /** Reconciles, then takes jobs: `start()` for the instance holding the timers' lease. */
  startWorker(): Promise<ReconcileReport> {
    return this.start({ worker: true });
  }

  /**
   * Stops taking jobs and reconciling (the lease moved on); the queue stays open for enqueues.
   * Bounded whatever PostgreSQL and Redis do: each wait below lasts at most `stopGraceMs`, as a
   * stop that hangs holds up the lease keeper and, with it, every other leased work.
   */
  async stopWorker(): Promise<void> {
    this.stops += 1;
    const graceMs = this.deps.config.stopGraceMs;
    // A start still reconciling would open its BullMQ worker after this stop: it is waited for,
    // and one that does not settle in time sees the stop and opens nothing.
    if (!(await settlesWithin(this.starting, graceMs)))
      this.log(`[jobs] a worker start was still under way after ${graceMs} ms; stopping anyway`);
    if (!(await settlesWithin(this.reconcileLoop.stop(), graceMs)))
      this.log(`[timers] a reconcile run was still under way after ${graceMs} ms; stopping anyway`);
    await this.worker.close();
    this.started = false;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stopWorker();
    await this.queue.close();
  }
}
