import { EventMetadata, NewEvent } from '../event-store/event-envelope';
import { isWriteRace } from '../event-store/event-store.errors';
import { EventStore } from '../event-store/event-store.port';
import { evolveAll, newEvents } from './decided-append';
import { StreamDecider } from './stream-decider';
import { WrittenStreamFolds } from './written-stream-folds';

/** One of several commands onto one stream, with the seed its events' ids derive from. */
export interface SeededCommand<Command> {
  command: Command;
  idSeed: string;
}

export interface CommandsAtOnceOptions<State, Context> {
  metadata: EventMetadata;
  context: (state: State) => Context | Promise<Context>;
  /** The stream's current state from a kept fold (read from its kept revision on). */
  fold: (streamId: string) => Promise<{ state: State; revision: number | null }>;
  /** The state this process last wrote to the stream, tried first (no read at all). */
  written: WrittenStreamFolds<State>;
}

/**
 * Several commands onto one stream decided one after another and appended in one write (a
 * decision's post ended and new post assigned on a person's record: one statement and one commit
 * instead of two). Each command's events get the ids `runStreamCommand` would give them (its own
 * seed), so a repeat is recognised either way.
 *
 * Decided on the state this process last wrote, else on the kept fold; the append expects that
 * state's revision. Answers false, having written nothing, whenever only the one-by-one path can
 * tell what to do: a command refused or finding nothing to do on that state (a repeat, or a state
 * that is stale), the stream moved since (another writer) or an event id already taken (a repeat).
 * The caller then runs the commands one by one.
 */
export async function appendCommandsAtOnce<State, Command, Context>(
  store: EventStore,
  streamId: string,
  decider: StreamDecider<State, Command, Context>,
  commands: readonly SeededCommand<Command>[],
  options: CommandsAtOnceOptions<State, Context>,
): Promise<boolean> {
  const base = options.written.get(streamId) ?? (await options.fold(streamId));
  let state = base.state;
  const events: NewEvent[] = [];
  for (const { command, idSeed } of commands) {
    let decided;
    try {
      decided = decider.decide(state, command, await options.context(state));
    } catch {
      return false;
    }
    if (decided.length === 0) return false;
    events.push(...newEvents(decided, { idSeed, metadata: options.metadata }));
    state = evolveAll(decider, state, decided);
  }
  try {
    const result = await store.append(streamId, events, {
      expectedRevision: base.revision === null ? 'no_stream' : base.revision,
    });
    options.written.remember(streamId, state, result.nextRevision);
    return true;
  } catch (error) {
    options.written.forget(streamId);
    if (isWriteRace(error)) return false;
    throw error;
  }
}
