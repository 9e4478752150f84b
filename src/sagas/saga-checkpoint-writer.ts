import { Pool } from 'pg';

/**
 * How long a noted event waits for others before its checkpoint is written. A crash loses at most
 * this much of progress, delivered again (outputs are idempotent); one write a saga per 100 ms is
 * at most 70 a second for the seven sagas, where a busy saga wrote one per event or two.
 */
const CHECKPOINT_DELAY_MS = 100;

interface PendingCheckpoint {
  position: string;
  handled: number;
  parked: number;
}

/**
 * Stores a saga's checkpoint for the events it has finished, one `UPDATE` for all that finished
 * while the previous one was being written (or within the same turn of the event loop): a batch
 * of events the saga ignores, read in one go, costs one commit instead of one each.
 *
 * At-least-once is kept because only events whose outputs were carried out are noted, in the
 * order they were delivered: the stored position may lag behind what was handled (a crash then
 * delivers those events again, and their outputs are idempotent), never run ahead of it.
 */
export class SagaCheckpointWriter {
  private pending: PendingCheckpoint | null = null;
  private writing: Promise<void> | null = null;
  private failure: unknown = null;

  constructor(
    private readonly pool: Pool,
    private readonly name: string,
  ) {}

  /**
   * Notes an event whose outputs were carried out (or that was parked). Throws the error of an
   * earlier write that failed, so the subscription ends and resumes from the stored checkpoint.
   */
  handled(position: string, parked: boolean): void {
    if (this.failure) {
      const failure = this.failure;
      this.failure = null;
      this.pending = null;
      throw failure;
    }
    this.pending = {
      position,
      handled: (this.pending?.handled ?? 0) + 1,
      parked: (this.pending?.parked ?? 0) + (parked ? 1 : 0),
    };
    // A moment later, so that every event delivered meanwhile (ignored ones are handled without
    // any I/O; under load the next events of a busy saga come within milliseconds) goes into the
    // same write.
    this.writing ??= new Promise<void>((resolve) => setTimeout(resolve, CHECKPOINT_DELAY_MS)).then(
      () => this.writeWhilePending(),
    );
  }

  /** Resolves once everything noted so far is stored (or its write has failed). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** Drops what is noted and not yet written (those events will be delivered again). */
  discard(): void {
    this.pending = null;
    this.failure = null;
  }

  private async writeWhilePending(): Promise<void> {
    try {
      while (this.pending) {
        const next = this.pending;
        this.pending = null;
        await this.pool.query(
          `UPDATE saga_checkpoints
              SET position = $2, events_handled = events_handled + $3,
                  events_parked = events_parked + $4, updated_at = now(), last_error = NULL
            WHERE name = $1`,
          [this.name, next.position, next.handled, next.parked],
        );
      }
    } catch (error) {
      this.pending = null;
      this.failure = error;
    } finally {
      this.writing = null;
    }
  }
}
