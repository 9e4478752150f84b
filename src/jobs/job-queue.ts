import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { settlesWithin } from '../common/settles-within';
import { JobsConfig } from './jobs.tokens';

/** The job kinds carried by the cadreflow queue. */
export const JobNames = {
  /** Data: `{ timerId }`; job id = timerId. */
  timerFire: 'timer.fire',
  /** Data: `{ saga, event }`; re-runs a parked saga event. */
  sagaReplay: 'saga.replay',
} as const;

export type EnsureOutcome = 'added' | 'promoted' | 'already-queued' | 're-added';

export function bullConnection(config: JobsConfig) {
  return { ...config.redis, maxRetriesPerRequest: null };
}

/**
 * The producer side of BullMQ. Job ids are deterministic (a timer's job id is its timer id), so
 * adding an already queued job is a no-op; BullMQ refuses ids containing `:`, ours are UUID-shaped.
 */
export class JobQueue {
  readonly queue: Queue;
  /**
   * A plain connection of our own to the queue's Redis: BullMQ 6 hides its client behind a
   * datastore-neutral interface without EXISTS, and this one also tells when Redis came back
   * (its 'ready' after a loss), which the timer reconcile loop listens for.
   */
  readonly redis: Redis;

  constructor(
    readonly config: JobsConfig,
    private readonly log: (message: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {
    if (config.queueName.includes(':'))
      throw new Error(`queue name "${config.queueName}" must not contain ":"`);
    this.queue = new Queue(config.queueName, {
      connection: bullConnection(config),
      prefix: config.prefix,
      defaultJobOptions: {
        attempts: config.attempts,
        backoff: { type: 'exponential', delay: config.backoffMs },
        // Completed work is recorded in the event store; failed jobs stay until replayed.
        removeOnComplete: true,
        removeOnFail: false,
      },
    });
    // Connection errors while Redis is away; ioredis reconnects by itself.
    this.queue.on('error', (error) => log(`[jobs] queue connection error: ${error.message}`));
    this.redis = new Redis({ ...bullConnection(config), lazyConnect: false });
    this.redis.on('error', () => {
      // The queue's listener above reports the same outage once per attempt already.
    });
  }

  async add(name: string, data: object, jobId: string, delayMs = 0): Promise<void> {
    assertJobId(jobId);
    await this.queue.add(name, data, { jobId, delay: Math.max(0, Math.round(delayMs)) });
  }

  /**
   * Makes sure the job is in Redis and will run `delayMs` from now (0: at once), whatever Redis
   * holds: a delayed job that is now due is promoted, a finished or failed one is replaced.
   */
  async ensure(name: string, data: object, jobId: string, delayMs: number): Promise<EnsureOutcome> {
    assertJobId(jobId);
    const state = await this.queue.getJobState(jobId);
    switch (state) {
      case 'unknown':
        await this.add(name, data, jobId, delayMs);
        return 'added';
      case 'delayed':
        if (delayMs <= 0) {
          const job = await this.queue.getJob(jobId);
          // Promotion races the delay expiring on its own; either way the job runs now.
          await job?.promote().catch(() => undefined);
          return 'promoted';
        }
        return 'already-queued';
      case 'completed':
      case 'failed':
        await this.queue.remove(jobId);
        await this.add(name, data, jobId, delayMs);
        return 're-added';
      default:
        // waiting, active, prioritized, waiting-children: it will run.
        return 'already-queued';
    }
  }

  /** Removes a job unless it is running (a running timer's cancellation is decided by its stream). */
  async remove(jobId: string): Promise<boolean> {
    return (await this.queue.remove(jobId)) === 1;
  }

  /** The ids among `jobIds` that Redis holds no job for, in one round trip. */
  async missingJobIds(jobIds: readonly string[]): Promise<string[]> {
    if (jobIds.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const jobId of jobIds) pipeline.exists(this.queue.toKey(jobId));
    const answers = (await pipeline.exec()) ?? [];
    return jobIds.filter((_, index) => {
      const [error, exists] = answers[index] ?? [new Error('no answer'), 0];
      if (error) throw error;
      return exists === 0;
    });
  }

  async state(jobId: string): Promise<string> {
    return this.queue.getJobState(jobId);
  }

  /** Within `stopGraceMs`: a close waiting for a Redis that cut the connection is given up. */
  async close(): Promise<void> {
    if (!(await settlesWithin(this.queue.close(), this.config.stopGraceMs))) {
      this.log(`[jobs] the queue did not close within ${this.config.stopGraceMs} ms; disconnected`);
      void this.queue.disconnect().catch(() => undefined);
    }
    this.redis.disconnect();
  }
}

export function assertJobId(jobId: string): void {
  if (jobId.includes(':')) throw new Error(`BullMQ job id "${jobId}" must not contain ":"`);
  if (/^\d+$/.test(jobId)) throw new Error(`BullMQ job id "${jobId}" must not be an integer`);
}
