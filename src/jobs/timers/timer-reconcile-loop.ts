import { Redis } from 'ioredis';
import { ReconcileReport, TimerReconciler } from './timer-reconciler';

export interface TimerReconcileLoopOptions {
  reconciler: TimerReconciler;
  /** Between two runs (TIMER_RECONCILE_INTERVAL_MS). */
  intervalMs: number;
  /** A connection to the queue's Redis: every reconnection is followed by a run. */
  redis: Redis;
  log: (message: string) => void;
}

/**
 * Keeps BullMQ holding a job for every pending timer while the service runs, not only at start.
 * Redis can lose its data under a running service (restarted without persistence, failed over
 * to an empty replica, flushed by hand); the timers then sit in the store with nothing to fire
 * them. A run follows every reconnection to Redis (a restart is seen at once) and one runs every
 * `intervalMs` (a flush leaves the connection up, so only a periodic look finds it).
 * Runs never overlap; a failing run (Redis or PostgreSQL away) is logged and the next one retries.
 */
export class TimerReconcileLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private detachRedis: (() => void) | null = null;

  constructor(private readonly options: TimerReconcileLoopOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const redis = this.options.redis;
    // A 'ready' while this loop runs is a reconnection (the start's reconcile ran just before).
    const onReady = (): void => this.runSoon('Redis reconnected');
    redis.on('ready', onReady);
    this.detachRedis = () => redis.removeListener('ready', onReady);
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.detachRedis?.();
    this.detachRedis = null;
    await this.running;
  }

  /** Starts a run now, or right after the one in progress. */
  runSoon(reason: string): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run(reason).finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.runSoon('a run was asked for during the previous one');
      }
    });
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runSoon('periodic check');
      this.schedule();
    }, this.options.intervalMs);
    this.timer.unref();
  }

  private async run(reason: string): Promise<void> {
    try {
      const report: ReconcileReport = await this.options.reconciler.requeueMissing();
      if (report.added > 0) {
        this.options.log(
          `[timers] ${reason}: ${report.added} pending timer(s) had no job in Redis and were queued again`,
        );
      }
    } catch (error) {
      this.options.log(
        `[timers] reconciling failed (${reason}), next try in at most ${this.options.intervalMs} ms: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }
}
