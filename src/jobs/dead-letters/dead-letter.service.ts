import { JobQueue } from '../job-queue';
import {
  DeadLetter,
  DeadLetterSource,
  DeadLetterStatus,
  DeadLetterStore,
} from './dead-letter-store';

export type ReplayOutcome =
  | { kind: 'replayed'; deadLetter: DeadLetter }
  | { kind: 'not-found' }
  | { kind: 'not-parked'; deadLetter: DeadLetter };

/** Lists parked work and puts it back on the queue (under its original job id). */
export class DeadLetterService {
  constructor(
    private readonly store: DeadLetterStore,
    private readonly queue: JobQueue,
  ) {}

  list(
    options: { status?: DeadLetterStatus; source?: DeadLetterSource; limit?: number } = {},
  ): Promise<DeadLetter[]> {
    return this.store.list(options);
  }

  get(id: string): Promise<DeadLetter | null> {
    return this.store.get(id);
  }

  /**
   * Re-enqueues a parked job with a fresh set of attempts. If it fails them all again, the same row
   * goes back to `parked` with the new error; if it succeeds, the row becomes `resolved`.
   */
  async replay(id: string): Promise<ReplayOutcome> {
    const deadLetter = await this.store.get(id);
    if (!deadLetter) return { kind: 'not-found' };
    if (!(await this.store.markReplayed(id))) return { kind: 'not-parked', deadLetter };
    try {
      await this.queue.ensure(deadLetter.jobName, deadLetter.jobData, deadLetter.jobId, 0);
    } catch (error) {
      await this.store.markParkedAgain(id);
      throw error;
    }
    return { kind: 'replayed', deadLetter: (await this.store.get(id)) ?? deadLetter };
  }
}
