import { EventMetadata, NewEvent, RecordedEvent } from '../event-store/event-envelope';
import { StreamAppend } from '../event-store/event-store.port';
import { DomainEvent } from './stream-decider';
import { WrittenStreamFolds } from './written-stream-folds';

export interface RunCommandOptions<State, Context> {
  /** The revision the caller last saw (HTTP If-Match); a different current revision is a 409. */
  ifMatch?: number;
  /**
   * Seed for deterministic event ids (Idempotency-Key, or the triggering event id of a saga).
   * When the stream already holds the first event this seed produces, the command was applied
   * before: nothing is decided or written again.
   */
  idSeed?: string;
  metadata: EventMetadata;
  /** Builds the decide context from the folded state (e.g. the pinned definition). */
  context: (state: State) => Context | Promise<Context>;
  /**
   * Runs once the command is decided, just before its events are appended: a reservation the
   * append depends on (the one-open-case slot), given the events decided. Its `undo` runs if the
   * append then fails. With `ifMatch`, the stream's revision is read again just before: a caller's
   * stale revision is refused before anything is reserved.
   */
  beforeAppend?: (
    state: State,
    decided: readonly DomainEvent[],
  ) => Promise<{ undo(): Promise<void> } | void>;
  /**
   * Runs once the command is decided, with the state it was decided on, its events as they are
   * about to be appended, and the other streams whose appends the store refused in an earlier
   * attempt of this command: appends to other streams that must be written in the same write as
   * its events (an opening's id reservation and slot claim, a closing's slot release, a step's
   * deadline timers), all or nothing where the store has one. Their streams moving since they
   * were read has the command decided again.
   */
  alongside?: (
    state: State,
    events: readonly NewEvent[],
    refused: ReadonlySet<string>,
  ) => Promise<AlongsideWrite>;
  /**
   * The stream's current state from a kept fold (StreamFoldCache) instead of a whole read: a
   * person's record grows with every case, and a saga's note on it must not cost the whole record.
   * Not used with `beforeAppend`. With `idSeed`, a repeat is still recognised: its first event id
   * is taken, so the append is refused (EventIdConflict) and the command takes the whole read, as
   * it does when the rules now refuse it (a repeat was accepted before); a repeat that decides
   * nothing on today's state is answered as nothing to do (`replayed` false, same state).
   */
  fold?: (streamId: string) => Promise<{ state: State; revision: number | null }>;
  /**
   * The states this process last wrote to such streams: the command is first decided on the kept
   * one and appended at its revision, without a read; a refusal, nothing to do or a conflict
   * there sends it on to `fold` when there is one, else to the whole read. Every command's
   * outcome is kept, also one with `beforeAppend`, which is always decided on a read: a kept
   * state older than the stream would cost the next command a refused append.
   */
  written?: WrittenStreamFolds<State>;
  /**
   * The stream is not expected to exist yet (a case being opened): the first attempt is decided
   * on the initial state and appended with `no_stream`, without a read. A stream that exists after
   * all (a repeat of the command, another opener) has the append refused, and the command decided
   * again on a whole read, as for a kept state.
   */
  expectNew?: boolean;
}

/** What a command writes besides its own events. */
export interface AlongsideWrite {
  appends: StreamAppend[];
  /** The command's events as they go with these appends, when the plan re-stamped their metadata. */
  events?: NewEvent[];
  /**
   * Runs if the write is refused: where the store's write is not all or nothing
   * (`appendManyIsAtomic` false), appends of other streams may have landed before the command's
   * own was refused; this takes back those that must not stand alone (a decision's seat claim).
   */
  undo?: () => Promise<void>;
}

export interface RunCommandResult<State> {
  state: State;
  /** Revision of the stream's last event, or null when it still does not exist. */
  revision: number | null;
  appended: RecordedEvent[] | DomainEvent[];
  /** True when an earlier identical request had already written these events. */
  replayed: boolean;
}

export interface LoadedStream<State> {
  state: State;
  revision: number | null;
  events: RecordedEvent[];
}
