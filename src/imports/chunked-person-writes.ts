import { personStream } from '../cadres/person-stream';
import { decidePerson, evolvePerson, initialPersonState } from '../cadres/person/person.decider';
import { PersonState } from '../cadres/person/person.state';
import { deterministicId } from '../common/deterministic-id';
import { EventMetadata } from '../event-store/event-envelope';
import { WrongExpectedRevision } from '../event-store/event-store.errors';
import { EventStore, StreamAppend } from '../event-store/event-store.port';
import { SimulatedCommand } from './import-simulation';
import { StreamFoldCache } from '../common/stream-fold-cache';

/** People whose records go out in one multi-stream append (one transaction and commit on PostgreSQL). */
export const PEOPLE_PER_CHUNK = 250;

/** Chunks written at once (see writeInChunks). */
const CHUNKS_UNDER_WAY = 2;

/** A person's record as read for the checks, and the rows that change it, in file order. */
export interface PersonWrites {
  personId: string;
  state: PersonState;
  revision: number | null;
  steps: SimulatedCommand[];
}

/**
 * A planning-pool entry claims a seat of the post's pool in a stream of its own (the limit per
 * post), so its person goes through the registry's command path, one append after the other.
 */
export const needsOwnPath = (person: PersonWrites): boolean =>
  person.steps.some((step) => step.command.type === 'AddPlanningPoolEntry');

/** What a chunked write does besides appending the people's own events. */
export interface ChunkWriting {
  /** The registry's path for a person of a chunk that met a record moved since it was read. */
  alone: (person: PersonWrites) => Promise<void>;
  folds: StreamFoldCache<PersonState>;
  written?: (person: PersonWrites) => void;
  /**
   * Appends that go in the same write as a chunk's people (the seats their post rows take), taken
   * as each chunk is prepared, in the order of the chunks.
   */
  alsoAppend?: (chunk: PersonWrites[]) => StreamAppend[];
}

/**
 * Appends the people's rows chunk by chunk, each chunk one append over its people's streams at the
 * revisions the checks read. The rules decide again on those records (pure, as the simulation
 * did); event ids are seeded by each row as on the one-by-one path, so either path after the other
 * appends nothing twice. A chunk that meets a stream moved since it was read is handed to `alone`
 * (the registry's path, which reads and decides again, person by person). Chunks name distinct
 * people, so two are written at once: one is prepared while the other's statement runs.
 */
export async function writeInChunks(
  store: EventStore,
  people: PersonWrites[],
  metadata: EventMetadata,
  writing: ChunkWriting,
): Promise<void> {
  let next = 0;
  let stopped = false;
  const writeFromQueue = async (): Promise<void> => {
    // After a failure no new chunk starts, as when they went one after the other.
    while (next < people.length && !stopped) {
      const chunk = people.slice(next, next + PEOPLE_PER_CHUNK);
      next += PEOPLE_PER_CHUNK;
      await writeChunk(store, chunk, metadata, writing).catch((error: unknown) => {
        stopped = true;
        throw error;
      });
    }
  };
  const writers = Array.from({ length: CHUNKS_UNDER_WAY }, writeFromQueue);
  const failed = (await Promise.allSettled(writers)).find(
    (outcome) => outcome.status === 'rejected',
  );
  if (failed) throw failed.reason;
}

async function writeChunk(
  store: EventStore,
  chunk: PersonWrites[],
  metadata: EventMetadata,
  { alone, folds, written = () => undefined, alsoAppend }: ChunkWriting,
): Promise<void> {
  try {
    const appends = chunk.map((person) => appendOf(person, metadata));
    const besides = alsoAppend?.(chunk) ?? [];
    await store.appendMany([...appends.filter((append) => append.events.length > 0), ...besides]);
    // The next bulk job on these people (their posts, a transfer batch) then reads their heads only.
    chunk.forEach((person, at) =>
      folds.appended(appends[at].streamId, person.revision, appends[at].events),
    );
    chunk.forEach(written);
  } catch (error) {
    if (!(error instanceof WrongExpectedRevision)) throw error;
    for (const person of chunk) await alone(person);
  }
}

function appendOf(person: PersonWrites, metadata: EventMetadata): StreamAppend {
  let state = person.state ?? initialPersonState();
  const events = person.steps.flatMap((step) => {
    const decided = decidePerson(state, step.command);
    state = decided.reduce(evolvePerson, state);
    return decided.map((event, index) => ({
      id: deterministicId(step.idSeed, String(index)),
      type: event.type,
      data: event.data,
      metadata,
    }));
  });
  return {
    streamId: personStream(person.personId),
    events,
    expectedRevision: person.revision ?? 'no_stream',
  };
}
