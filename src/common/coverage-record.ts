import { EventStore } from '../event-store/event-store.port';

/** While the store has no such record, how long one read of it answers before it is read again. */
const RECHECK_MS = 1_000;

/**
 * A stream whose existence records that a one-time pass over the store has brought everything
 * written before some feature in line with it (CaseIdBackfill, OpenCaseSlotBackfill). Until then
 * the readers ask the old way too, which is always right; after, the new way alone answers.
 *
 * Once the record is read, the answer is kept for the life of the process: such a record is never
 * taken back. Until then it is read at most once a second, and a failed read answers "not yet".
 */
export class CoverageRecord {
  private complete = false;
  private lastCheck: { at: number; answer: Promise<boolean> } | null = null;

  constructor(
    private readonly store: EventStore,
    readonly streamId: string,
  ) {}

  /** Whether the store holds the record. */
  isComplete(): Promise<boolean> {
    if (this.complete) return Promise.resolve(true);
    const now = performance.now();
    if (!this.lastCheck || now - this.lastCheck.at >= RECHECK_MS) {
      const answer = this.store.streamRevision(this.streamId).then(
        (revision) => (this.complete ||= revision !== null),
        () => false,
      );
      this.lastCheck = { at: now, answer };
    }
    return this.lastCheck.answer;
  }

  /** The record was written (by this process's pass). */
  markComplete(): void {
    this.complete = true;
  }
}
