import { BoundedCache } from './bounded-cache';

/** A stream's state as this process last wrote it, and the revision its last event stands at. */
export interface WrittenFold<State> {
  state: State;
  revision: number;
}

/**
 * The states of the streams this process wrote last, so that the next command on the same stream
 * is decided without reading it again (a case takes eight steps in a row; each read the whole
 * case stream before). A bulk job that reads many streams without writing them may keep what it
 * read here too (a transfer batch, the people's records: `RegistryService.keepPersonFold`).
 *
 * Only ever relied on for the stream the command appends to, at the kept revision: if anyone
 * wrote to it since (another instance, a saga, a timer, an import), the store refuses the append
 * and the command is decided again on the stream as it is (`runStreamCommand`). A command the
 * kept state refuses or finds nothing to do for is decided again on a whole read as well, so a
 * kept state never answers a caller on its own. Never use it to judge another stream than the
 * one appended to: nothing would catch that it is stale.
 */
export class WrittenStreamFolds<State> {
  private readonly folds: BoundedCache<string, WrittenFold<State>>;

  constructor(capacity: number) {
    this.folds = new BoundedCache(capacity);
  }

  get(streamId: string): WrittenFold<State> | undefined {
    return this.folds.get(streamId);
  }

  remember(streamId: string, state: State, revision: number | null): void {
    if (revision === null) this.folds.delete(streamId);
    else this.folds.set(streamId, { state, revision });
  }

  /**
   * A read saw the stream at `revision` (the kept fold of a GET, a case's checks): a state kept
   * from before it would only have its next append refused, so it is replaced by what was read.
   * A stream this process has not written is not taken in.
   */
  seen(streamId: string, state: State, revision: number | null): void {
    const kept = this.folds.get(streamId);
    if (kept && revision !== null && kept.revision < revision)
      this.folds.set(streamId, { state, revision });
  }

  forget(streamId: string): void {
    this.folds.delete(streamId);
  }
}
