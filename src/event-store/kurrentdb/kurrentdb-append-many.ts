import { WrongExpectedRevision } from '../event-store.errors';
import { AppendManyOptions, AppendResult, EventStore, StreamAppend } from '../event-store.port';
import { meetsExpected } from '../expected-revision';

/**
 * The multi-stream append of a store without multi-stream transactions on its client (the
 * KurrentDB adapter): every expectation is checked before anything is written, so a batch that
 * is refused up front writes nothing; then each stream is appended in turn at its own expected
 * revision. A writer that moves one of the streams between the check and its append gets that
 * append refused after the earlier ones landed: not atomic, which the port says. Repeating the
 * whole call after such a failure completes it (each append is idempotent by event id). With
 * `after`, nothing is checked or written before that earlier write has settled.
 */
export async function appendStreamByStream(
  store: Pick<EventStore, 'append' | 'readStream'>,
  appends: StreamAppend[],
  options: AppendManyOptions = {},
): Promise<AppendResult[]> {
  if (new Set(appends.map((append) => append.streamId)).size !== appends.length)
    throw new Error('appendMany needs distinct streams');
  await options.after?.catch(() => undefined);
  for (const append of appends) {
    const stored = await store.readStream(append.streamId, { direction: 'backwards', limit: 1 });
    const actual = stored[0]?.revision ?? null;
    if (!meetsExpected(append.expectedRevision, actual) && !(await repeats(store, append)))
      throw new WrongExpectedRevision(append.streamId, append.expectedRevision, actual);
  }
  const results: AppendResult[] = [];
  for (const { streamId, events, expectedRevision } of appends)
    results.push(await store.append(streamId, events, { expectedRevision }));
  return results;
}

/** The stream already holds the append's first event: the same append made before. */
async function repeats(
  store: Pick<EventStore, 'readStream'>,
  append: StreamAppend,
): Promise<boolean> {
  const stored = await store.readStream(append.streamId);
  return stored.some((event) => event.id === append.events[0]?.id);
}
