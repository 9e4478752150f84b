import { NewEvent } from '../event-store/event-envelope';
import {
  EventIdConflict,
  isWriteRace,
  WrongExpectedRevision,
} from '../event-store/event-store.errors';
import { EventStore, StreamAppend } from '../event-store/event-store.port';
import { alongsideRefusal } from './alongside-refusal';
import { appendDecided, evolveAll, newEvents } from './decided-append';
import { deterministicId } from './deterministic-id';
import { decidedAtRevision } from './refusal-revision';
import { inSpan } from '../observability/tracing';
import { streamCategory } from '../observability/instrumented-event-store';
import { DomainEvent, StreamDecider } from './stream-decider';
import { HeadsReadOnce } from './heads-read-once';
import {
  AlongsideWrite,
  LoadedStream,
  RunCommandOptions,
  RunCommandResult,
} from './stream-command-options';

export type { AlongsideWrite, LoadedStream, RunCommandOptions, RunCommandResult };

export async function loadStream<State>(
  store: EventStore,
  streamId: string,
  decider: Pick<StreamDecider<State, unknown, unknown>, 'initialState' | 'evolve'>,
  until?: Date | string,
): Promise<LoadedStream<State>> {
  const events = await store.readStream(streamId, until ? { until } : {});
  const state = evolveAll(decider, decider.initialState(), events);
  return { state, revision: events.length ? events[events.length - 1].revision : null, events };
}

/**
 * How often a command without `ifMatch` is decided again after another writer moved the stream
 * between our read and our append (a saga and a timer writing to one person's record, say).
 */
const REDECIDE_ATTEMPTS = 5;

/**
 * Load, decide, append with the expected revision: the one path every command takes. A caller
 * that named the revision it saw (`ifMatch`) gets the conflict; one that did not has the command
 * decided again on the stream as it now is, so a concurrent writer is never overwritten and the
 * rules are always judged on the current state.
 */
export async function runStreamCommand<State, Command, Context>(
  store: EventStore,
  streamId: string,
  decider: StreamDecider<State, Command, Context>,
  command: Command,
  options: RunCommandOptions<State, Context>,
): Promise<RunCommandResult<State>> {
  const type = (command as { type?: unknown } | null)?.type;
  return inSpan(
    `command ${typeof type === 'string' ? type : streamCategory(streamId)}`,
    {
      attributes: {
        'cadreflow.stream.id': streamId,
        'cadreflow.command.type': typeof type === 'string' ? type : undefined,
      },
    },
    async (span) => {
      const refused = new Set<string>();
      for (let attempt = 1; ; attempt += 1) {
        try {
          const result = await decideAndAppend(
            store,
            streamId,
            decider,
            command,
            options,
            refused,
            attempt,
          );
          span?.setAttribute('cadreflow.command.attempts', attempt);
          span?.setAttribute('cadreflow.command.replayed', result.replayed);
          return result;
        } catch (error) {
          // Another stream written with the command moved: the caller's If-Match is not about it.
          const retry =
            error instanceof WrongExpectedRevision &&
            (options.ifMatch === undefined || error.streamId !== streamId) &&
            attempt < REDECIDE_ATTEMPTS;
          if (!retry) throw error;
          if (error.streamId !== streamId) refused.add(error.streamId);
        } finally {
          // Heads asked once in the request serve its first decision only (HeadsReadOnce): what
          // comes after its append, and a decision again after a conflict, read afresh.
          HeadsReadOnce.close();
        }
      }
    },
  );
}

async function decideAndAppend<State, Command, Context>(
  store: EventStore,
  streamId: string,
  decider: StreamDecider<State, Command, Context>,
  command: Command,
  options: RunCommandOptions<State, Context>,
  refused: Set<string>,
  attempt: number,
): Promise<RunCommandResult<State>> {
  const kept = options.beforeAppend
    ? undefined
    : (options.written?.get(streamId) ??
      (options.expectNew && attempt === 1
        ? { state: decider.initialState(), revision: null }
        : undefined));
  if (kept) {
    const decided = await decideOnKeptState(
      store,
      streamId,
      decider,
      command,
      options,
      refused,
      kept,
    );
    if (decided) return decided;
  }
  if (options.fold && !options.beforeAppend && !options.alongside) {
    const decided = await decideOnFold(store, streamId, decider, command, options, options.fold);
    if (decided) {
      options.written?.remember(streamId, decided.state, decided.revision);
      return decided;
    }
  }
  const result = await decideOnWholeRead(store, streamId, decider, command, options, refused);
  options.written?.remember(streamId, result.state, result.revision);
  return result;
}

async function decideOnWholeRead<State, Command, Context>(
  store: EventStore,
  streamId: string,
  decider: StreamDecider<State, Command, Context>,
  command: Command,
  options: RunCommandOptions<State, Context>,
  refused: ReadonlySet<string>,
): Promise<RunCommandResult<State>> {
  const loaded = await loadStream(store, streamId, decider);
  if (options.idSeed) {
    const firstId = deterministicId(options.idSeed, '0');
    const already = loaded.events.findIndex((event) => event.id === firstId);
    if (already >= 0) {
      const appended = loaded.events
        .slice(already)
        .filter((e, i) => e.id === deterministicId(options.idSeed!, String(i)));
      return { state: loaded.state, revision: loaded.revision, appended, replayed: true };
    }
  }
  if (options.ifMatch !== undefined && options.ifMatch !== loaded.revision) {
    throw new WrongExpectedRevision(streamId, options.ifMatch, loaded.revision);
  }
  const context = await options.context(loaded.state);
  const decided = decidedAtRevision(loaded.revision, () =>
    decider.decide(loaded.state, command, context),
  );
  if (decided.length === 0) {
    return { state: loaded.state, revision: loaded.revision, appended: [], replayed: false };
  }
  if (options.beforeAppend && options.ifMatch !== undefined)
    await refuseMovedSinceRead(store, streamId, options.ifMatch, loaded.revision);
  const reservation = await options.beforeAppend?.(loaded.state, decided);
  const plan = await withAlongside(loaded.state, decided, options, refused);
  const expected = loaded.revision === null ? 'no_stream' : loaded.revision;
  const result = await appendDecided(store, streamId, plan.events, expected, plan.appends).catch(
    async (error: unknown) => {
      // Best effort: the caller must hear why the append failed, not why the undo did.
      await reservation?.undo().catch(() => undefined);
      await plan.undo?.().catch(() => undefined);
      throw await alongsideRefusal(store, error, plan.appends);
    },
  );
  const state = evolveAll(decider, loaded.state, decided);
  return { state, revision: result.nextRevision, appended: decided, replayed: false };
}

/**
 * The stream read at `read` has moved while the command was decided (its context may read other
 * streams a while): a caller that named the revision (If-Match) gets the conflict before any
 * reservation is made (`beforeAppend`: a post's seat claimed for a record that is then refused).
 * The append still checks the revision; a write landing after this is undone there.
 */
async function refuseMovedSinceRead(
  store: EventStore,
  streamId: string,
  ifMatch: number,
  read: number | null,
): Promise<void> {
  const now = await store.streamRevision(streamId);
  if (now !== read) throw new WrongExpectedRevision(streamId, ifMatch, now);
}

/**
 * `decideAndAppend` on the state this process last wrote to the stream (WrittenStreamFolds), or
 * on the initial state of a stream expected to be new (`expectNew`, revision null); null when
 * only a whole read can answer: another revision named (If-Match), the kept state refuses the
 * command or finds nothing to do (a stale state must not answer), or the store refused the append
 * (someone wrote since, the stream exists, or a repeat's event id is taken).
 */
async function decideOnKeptState<State, Command, Context>(
  store: EventStore,
  streamId: string,
  decider: StreamDecider<State, Command, Context>,
  command: Command,
  options: RunCommandOptions<State, Context>,
  refused: Set<string>,
  kept: { state: State; revision: number | null },
): Promise<RunCommandResult<State> | null> {
  const written = options.written;
  if (options.ifMatch !== undefined && options.ifMatch !== kept.revision) return null;
  let decided: DomainEvent[];
  try {
    decided = decider.decide(kept.state, command, await options.context(kept.state));
  } catch {
    return null;
  }
  if (decided.length === 0) return null;
  try {
    const plan = await withAlongside(kept.state, decided, options, refused);
    const expected = kept.revision === null ? 'no_stream' : kept.revision;
    const result = await appendDecided(store, streamId, plan.events, expected, plan.appends).catch(
      async (error: unknown) => {
        await plan.undo?.().catch(() => undefined);
        throw await alongsideRefusal(store, error, plan.appends);
      },
    );
    const state = evolveAll(decider, kept.state, decided);
    written?.remember(streamId, state, result.nextRevision);
    return { state, revision: result.nextRevision, appended: decided, replayed: false };
  } catch (error) {
    written?.forget(streamId);
    if (error instanceof WrongExpectedRevision && error.streamId !== streamId)
      refused.add(error.streamId);
    if (isWriteRace(error)) return null;
    throw error;
  }
}

/**
 * `decideAndAppend` on the kept fold; null when only the whole stream can tell whether the
 * command was applied before (an `idSeed` whose id is taken, or a repeat the rules now refuse).
 */
async function decideOnFold<State, Command, Context>(
  store: EventStore,
  streamId: string,
  decider: StreamDecider<State, Command, Context>,
  command: Command,
  options: RunCommandOptions<State, Context>,
  fold: NonNullable<RunCommandOptions<State, Context>['fold']>,
): Promise<RunCommandResult<State> | null> {
  const { state, revision } = await fold(streamId);
  const repeatable = options.idSeed !== undefined;
  if (options.ifMatch !== undefined && options.ifMatch !== revision) {
    if (repeatable) return null;
    throw new WrongExpectedRevision(streamId, options.ifMatch, revision);
  }
  let decided: DomainEvent[];
  try {
    const context = await options.context(state);
    decided = decidedAtRevision(revision, () => decider.decide(state, command, context));
  } catch (error) {
    if (repeatable) return null;
    throw error;
  }
  if (decided.length === 0) return { state, revision, appended: [], replayed: false };
  try {
    const result = await store.append(streamId, newEvents(decided, options), {
      expectedRevision: revision === null ? 'no_stream' : revision,
    });
    const next = evolveAll(decider, state, decided);
    return { state: next, revision: result.nextRevision, appended: decided, replayed: false };
  } catch (error) {
    if (repeatable && error instanceof EventIdConflict) return null;
    throw error;
  }
}

/**
 * The command's events and what goes with them (`alongside`), as one write takes them, and what
 * takes back the part of them a refused write left written (`AlongsideWrite.undo`).
 */
async function withAlongside<State>(
  state: State,
  decided: DomainEvent[],
  options: RunCommandOptions<State, unknown>,
  refused: ReadonlySet<string>,
): Promise<{ events: NewEvent[]; appends: StreamAppend[]; undo?: () => Promise<void> }> {
  const events = newEvents(decided, options);
  if (!options.alongside) return { events, appends: [] };
  const plan = await options.alongside(state, events, refused);
  return { events: plan.events ?? events, appends: plan.appends, undo: plan.undo };
}
