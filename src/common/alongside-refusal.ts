import { EventIdConflict, WrongExpectedRevision } from '../event-store/event-store.errors';
import { EventStore, StreamAppend } from '../event-store/event-store.port';

/**
 * An id taken in a stream written alongside the command's (its ids are deterministic: a step's
 * deadline timer is `<case>/<step>`) means that stream is not where the plan expected it: the timer
 * was scheduled by a concurrent writer deciding the same thing, or scheduled and cancelled before
 * (a ballot corrected to pass, to fail, and to pass again). It is answered as that stream's stale
 * revision, so the command is decided again on the case as it now is without that stream (the
 * saga carries the timer out, telling those cases apart) instead of failing as a reused
 * Idempotency-Key that nobody sent. An id taken in the command's own stream stays what it is.
 */
export async function alongsideRefusal(
  store: EventStore,
  error: unknown,
  appends: readonly StreamAppend[],
): Promise<unknown> {
  if (!(error instanceof EventIdConflict)) return error;
  const refused = appends.find((append) => append.events.some((e) => e.id === error.eventId));
  if (!refused) return error;
  const actual = await store.streamRevision(refused.streamId).catch(() => null);
  return new WrongExpectedRevision(refused.streamId, refused.expectedRevision, actual);
}
