import { DelayedError, Job, UnrecoverableError, Worker } from 'bullmq';
import { settlesWithin } from '../common/settles-within';
import { DeadLetterSource, DeadLetterStore } from './dead-letters/dead-letter-store';
import { RunnerFailingHere } from '../health/stall-message';
import { JobFailures } from './job-failures';
import { bullConnection } from './job-queue';
import { JobsConfig } from './jobs.tokens';

export interface JobContext {
  jobId: string;
  /** 1-based attempt number. */
  attempt: number;
  maxAttempts: number;
}

/** `notDueForMs`: the job came early by the service clock; it is put back to sleep that long. */
export type JobResult = void | { notDueForMs: number };

/** Carries out one job kind. Throwing retries with exponential backoff, then parks the job. */
export interface JobProcessor<Data extends object = Record<string, unknown>> {
  readonly jobName: string;
  readonly source: DeadLetterSource;
  /** Stable identity of the work, shared by retries and replays (`timer:<id>`). */
  deadLetterKey(data: Data, jobId: string): string;
  process(data: Data, context: JobContext): Promise<JobResult>;
}

export class JobProcessorRegistry {
  private readonly processors = new Map<string, JobProcessor<never>>();

  register<Data extends object>(processor: JobProcessor<Data>): this {
    if (this.processors.has(processor.jobName))
      throw new Error(`job kind "${processor.jobName}" already has a processor`);
    this.processors.set(processor.jobName, processor as unknown as JobProcessor<never>);
    return this;
  }

  get(jobName: string): JobProcessor<object> | undefined {
    return this.processors.get(jobName) as JobProcessor<object> | undefined;
  }
}

/**
 * The consumer side of BullMQ. A job that throws is retried (attempts + exponential backoff from
 * the queue's defaults); on its last attempt the failure is written to `dead_letters` before
 * BullMQ marks the job failed, so nothing fails silently. One failing job never blocks the others.
 */
export class JobWorker {
  private worker: Worker | null = null;
  /** The jobs this worker is carrying out now: a stop lets them finish, up to `stopGraceMs`. */
  private readonly running = new Set<Promise<void>>();
  /** Its errors (Redis away, a job of a kind throwing) per kind: `/health` names each. */
  private readonly failures = new JobFailures();

  constructor(
    private readonly config: JobsConfig,
    private readonly processors: JobProcessorRegistry,
    private readonly deadLetters: DeadLetterStore,
    private readonly log: (message: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  start(): void {
    if (this.worker) return;
    const worker = new Worker(this.config.queueName, (job, token) => this.tracked(job, token), {
      connection: bullConnection(this.config),
      prefix: this.config.prefix,
      concurrency: this.config.concurrency,
      lockDuration: this.config.lockDurationMs,
      stalledInterval: this.config.stalledIntervalMs,
      maxStalledCount: this.config.maxStalledCount,
    });
    worker.on('error', (error) => {
      this.failures.workerFailed(error);
      this.log(`[jobs] worker error: ${error.message}`);
    });
    worker.on('failed', (job, error) => {
      // A job that stalled too often is failed by BullMQ without passing through `process`.
      if (job && /stalled/i.test(error.message)) {
        void this.park(job, error).catch((parkError: unknown) =>
          this.log(`[jobs] could not park ${job.id}: ${String(parkError)}`),
        );
      }
    });
    this.worker = worker;
  }

  /**
   * The jobs of this kind failing, while the worker runs on this instance (their own error, or the
   * worker's connection): the last error, since when, how often.
   */
  failureOf(jobName: string): RunnerFailingHere | null {
    return this.worker ? this.failures.of(jobName) : null;
  }

  /** Every job kind failing on this instance by its name (the worker's own as `worker`). */
  failing(): { name: string; failure: RunnerFailingHere }[] {
    return this.worker ? this.failures.list() : [];
  }

  /** Resolves once the worker is connected and taking jobs. */
  async ready(): Promise<void> {
    await this.worker?.waitUntilReady();
  }

  /**
   * Stops taking jobs, within at most twice `stopGraceMs` whatever Redis does. The jobs running
   * get `stopGraceMs` to finish; then BullMQ's worker is closed by force. Its graceful close waits
   * for the running jobs and for its blocking connection to end — after Redis cut that connection
   * (CLIENT KILL, a restart) it never does, and the close hung for good, holding up the timer
   * lease's stop. A job let go of keeps its lock until it lapses and is then run again by whoever
   * holds the timers' lease (our jobs are idempotent).
   */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    const graceMs = this.config.stopGraceMs;
    if (!(await settlesWithin(Promise.allSettled([...this.running]), graceMs)))
      this.log(
        `[jobs] ${this.running.size} job(s) still running ${graceMs} ms after the worker was asked to stop; it stops without waiting for them (they run again once their lock lapses)`,
      );
    if (!(await settlesWithin(worker.close(true), graceMs)))
      this.log(`[jobs] the BullMQ worker did not close within ${graceMs} ms; left behind`);
  }

  private tracked(job: Job, token: string | undefined): Promise<void> {
    const running = this.process(job, token);
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
    return running;
  }

  private async process(job: Job, token: string | undefined): Promise<void> {
    const processor = this.processors.get(job.name);
    const maxAttempts = job.opts.attempts ?? 1;
    const context: JobContext = {
      jobId: job.id ?? '?',
      attempt: job.attemptsMade + 1,
      maxAttempts,
    };
    try {
      if (!processor)
        throw new UnrecoverableError(`no processor registered for job kind "${job.name}"`);
      const result = await processor.process(job.data as object, context);
      if (result && result.notDueForMs > 0) {
        await job.moveToDelayed(Date.now() + result.notDueForMs, token);
        throw new DelayedError();
      }
      await this.deadLetters.resolve(processor.deadLetterKey(job.data as object, context.jobId));
      this.failures.succeeded(job.name);
    } catch (error) {
      if (error instanceof DelayedError) throw error;
      this.failures.jobFailed(job.name, error);
      const last = context.attempt >= maxAttempts || error instanceof UnrecoverableError;
      this.log(
        `[jobs] ${job.name} ${context.jobId} attempt ${context.attempt}/${maxAttempts} failed: ${
          error instanceof Error ? error.message : String(error)
        }${last ? ' — parked in dead_letters' : ''}`,
      );
      if (last) await this.park(job, error);
      throw error;
    }
  }

  private async park(job: Job, error: unknown): Promise<void> {
    const processor = this.processors.get(job.name);
    const jobId = job.id ?? '?';
    await this.deadLetters.park({
      key: processor
        ? processor.deadLetterKey(job.data as object, jobId)
        : `job:${job.name}:${jobId}`,
      source: processor?.source ?? 'job',
      queueName: this.config.queueName,
      jobName: job.name,
      jobId,
      jobData: job.data as object,
      error,
      attempts: job.attemptsMade + 1,
      firstFailedAt: new Date(job.processedOn ?? job.timestamp),
    });
  }
}
