import { randomUUID } from 'node:crypto';
import { EventMetadata, NewEvent } from '../event-store/event-envelope';
import { ExpectedRevision } from '../event-store/expected-revision';
import { AppendResult, EventStore, StreamAppend } from '../event-store/event-store.port';
import { deterministicId } from './deterministic-id';
import { DomainEvent, StreamDecider } from './stream-decider';

/** The events a command decided, as appended: ids from the seed when it has one. */
export function newEvents(
  decided: DomainEvent[],
  options: { idSeed?: string; metadata: EventMetadata },
): NewEvent[] {
  return decided.map((event, index) => ({
    id: options.idSeed ? deterministicId(options.idSeed, String(index)) : randomUUID(),
    type: event.type,
    data: event.data,
    metadata: options.metadata,
  }));
}

/** The state after `events`, folded one by one onto `state`. */
export function evolveAll<State>(
  decider: Pick<StreamDecider<State, unknown, unknown>, 'evolve'>,
  state: State,
  events: readonly DomainEvent[],
): State {
  let next = state;
  for (const event of events) next = decider.evolve(next, { type: event.type, data: event.data });
  return next;
}

/**
 * Appends a command's events at the expected revision, and with them the appends that must be
 * written together with them (`alongside`: an opening's id reservation and slot claim) as one
 * multi-stream write, all or nothing where the store has one. A conflict on any of the streams is
 * a WrongExpectedRevision naming that stream.
 */
export async function appendDecided(
  store: EventStore,
  streamId: string,
  events: NewEvent[],
  expectedRevision: ExpectedRevision,
  alongside: readonly StreamAppend[] = [],
): Promise<AppendResult> {
  if (alongside.length === 0) return store.append(streamId, events, { expectedRevision });
  const results = await store.appendMany([...alongside, { streamId, events, expectedRevision }]);
  return results[results.length - 1];
}
