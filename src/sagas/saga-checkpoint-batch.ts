import { Pool } from 'pg';

/**
 * How long a noted event waits for others before its checkpoint is written. A crash loses at most
 * this much of progress, delivered again (outputs are idempotent).
 */
const CHECKPOINT_DELAY_MS = 100;

interface PendingCheckpoint {
  position: string;
  handled: number;
  parked: number;
}

/**
 * The checkpoints of every saga of the process, written together: one `UPDATE` for all the sagas
 * that finished events within the same 100 ms (or while the previous write was on its way). Seven
 * sagas each writing their own took up to 70 statements a second, about two a case under load
 * (bench/README, "forty-seventh session"); together they take at most ten.
 *
 * A failed write is told to each saga it carried (`takeFailure`), which ends that saga's
 * subscription so it resumes from its stored checkpoint; what it had noted is delivered again.
 */
export class SagaCheckpointBatch {
  private readonly pending = new Map<string, PendingCheckpoint>();
  private readonly failures = new Map<string, unknown>();
  private writing: Promise<void> | null = null;

  constructor(private readonly pool: Pool) {}

  note(saga: string, position: string, parked: boolean): void {
    const before = this.pending.get(saga);
    this.pending.set(saga, {
      position,
      handled: (before?.handled ?? 0) + 1,
      parked: (before?.parked ?? 0) + (parked ? 1 : 0),
    });
    // A moment later, so that every event delivered meanwhile, to this saga or another, goes into
    // the same write.
    this.writing ??= new Promise<void>((resolve) => setTimeout(resolve, CHECKPOINT_DELAY_MS)).then(
      () => this.writeWhilePending(),
    );
  }

  /** The error of a write that carried this saga's checkpoint and failed, once. */
  takeFailure(saga: string): unknown {
    const failure = this.failures.get(saga);
    this.failures.delete(saga);
    return failure ?? null;
  }

  /** Resolves once everything noted so far is stored (or its write has failed). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** Drops what this saga noted and has not written (those events will be delivered again). */
  discard(saga: string): void {
    this.pending.delete(saga);
    this.failures.delete(saga);
  }

  private async writeWhilePending(): Promise<void> {
    try {
      while (this.pending.size > 0) {
        const batch = [...this.pending];
        this.pending.clear();
        await this.write(batch).catch((error: unknown) => {
          for (const [saga] of batch) this.failures.set(saga, error);
        });
      }
    } finally {
      this.writing = null;
    }
  }

  private async write(batch: [string, PendingCheckpoint][]): Promise<void> {
    await this.pool.query(
      `UPDATE saga_checkpoints AS c
          SET position = v.position, events_handled = c.events_handled + v.handled,
              events_parked = c.events_parked + v.parked, updated_at = now(), last_error = NULL
         FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[])
              AS v(name, position, handled, parked)
        WHERE c.name = v.name`,
      [
        batch.map(([saga]) => saga),
        batch.map(([, p]) => p.position),
        batch.map(([, p]) => p.handled),
        batch.map(([, p]) => p.parked),
      ],
    );
  }
}
