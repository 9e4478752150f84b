import { SagaCheckpointBatch } from './saga-checkpoint-batch';

/**
 * Stores a saga's checkpoint for the events it has finished, through the process's
 * `SagaCheckpointBatch`: one `UPDATE` for every saga whose events finished within the same moment,
 * so a batch of events the saga ignores, read in one go, costs part of one commit instead of one
 * each.
 *
 * At-least-once is kept because only events whose outputs were carried out are noted, in the
 * order they were delivered: the stored position may lag behind what was handled (a crash then
 * delivers those events again, and their outputs are idempotent), never run ahead of it.
 */
export class SagaCheckpointWriter {
  constructor(
    private readonly batch: SagaCheckpointBatch,
    private readonly name: string,
  ) {}

  /**
   * Notes an event whose outputs were carried out (or that was parked). Throws the error of an
   * earlier write that failed, so the subscription ends and resumes from the stored checkpoint.
   */
  handled(position: string, parked: boolean): void {
    const failure = this.batch.takeFailure(this.name);
    if (failure) {
      this.batch.discard(this.name);
      throw failure;
    }
    this.batch.note(this.name, position, parked);
  }

  /** Resolves once everything noted so far is stored (or its write has failed). */
  flush(): Promise<void> {
    return this.batch.flush();
  }

  /** Drops what is noted and not yet written (those events will be delivered again). */
  discard(): void {
    this.batch.discard(this.name);
  }
}
