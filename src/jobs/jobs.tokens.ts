/**
 * Where BullMQ runs. BullMQ opens (and closes) its own Redis connections from these options:
 * workers need blocking connections with `maxRetriesPerRequest: null`, so the shared `REDIS`
 * client is not reused for them.
 */
export interface JobsConfig {
  redis: { host: string; port: number; db?: number; password?: string; username?: string };
  /** Redis key prefix of every queue (`<prefix>:<queue>:…`); tests use one of their own. */
  prefix: string;
  /** Name of the one queue carrying timers and saga replays. No `:`. */
  queueName: string;
  /** Attempts per job before it is parked in `dead_letters`. */
  attempts: number;
  /** First retry delay; doubles each attempt (BullMQ exponential backoff). */
  backoffMs: number;
  /** Jobs processed in parallel by this process's worker. */
  concurrency: number;
  /**
   * How long a worker's lock on a running job lasts; a job whose worker died is taken up again
   * after at most lockDurationMs + stalledIntervalMs.
   */
  lockDurationMs: number;
  stalledIntervalMs: number;
  /** Crashes survived by one job before it is failed (and parked); our jobs are idempotent. */
  maxStalledCount: number;
  /**
   * While the worker runs: how often pending timers are checked for a job in Redis and queued
   * again if it is missing (TIMER_RECONCILE_INTERVAL_MS); also done on every Redis reconnection.
   */
  reconcileIntervalMs: number;
  /**
   * Timers due further ahead than this wait in the store, not in Redis: the reconcile loop queues
   * each one as it comes within this horizon (a step deadline days away costs Redis nothing, and
   * nothing when it is cancelled). At least twice `reconcileIntervalMs`.
   */
  queueHorizonMs: number;
  /**
   * Stopping the worker (the timers' lease lost, a shutdown) waits this long for the jobs it runs,
   * then as long again at most for BullMQ to close: a stop never hangs on Redis.
   */
  stopGraceMs: number;
}

export const JOBS_CONFIG = Symbol('JOBS_CONFIG');

export const defaultJobsConfig = (overrides: Partial<JobsConfig> = {}): JobsConfig => ({
  redis: { host: '127.0.0.1', port: 6379 },
  prefix: 'cadreflow',
  queueName: 'jobs',
  attempts: 5,
  backoffMs: 1000,
  concurrency: 8,
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 5,
  reconcileIntervalMs: 30_000,
  queueHorizonMs: 15 * 60_000,
  stopGraceMs: 5_000,
  ...overrides,
});
