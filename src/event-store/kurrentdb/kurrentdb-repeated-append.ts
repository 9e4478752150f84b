import { NewEvent } from '../event-envelope';
import { EventIdConflict } from '../event-store.errors';
import { AppendOptions, AppendResult } from '../event-store.port';
import { contentDigest } from '../hash-chain';
import { parseStoredEventName } from '../stored-event-names';
import { positionToString, unwrapMetadata } from './kurrentdb-mapping';
import { KurrentRecorded } from './kurrentdb-recorded';

/**
 * KurrentDB accepts a repeated event id silently; the port also refuses a *different* event
 * reusing an id, so the stream is checked first. (Reuse across streams is not detectable here.)
 * The result of the first append when `events` repeat it exactly; null when no id is stored yet.
 */
export function alreadyAppended(
  streamId: string,
  existing: KurrentRecorded[],
  events: NewEvent[],
  expected: AppendOptions['expectedRevision'],
): AppendResult | null {
  const at = existing.findIndex((e) => e.id === events[0].id);
  const reused = events.find((event) => existing.some((e) => e.id === event.id));
  if (at < 0 && !reused) return null;
  const sameBatch =
    at >= 0 &&
    events.every((event, i) => sameEvent(streamId, existing[at + i], event)) &&
    (typeof expected !== 'number' || expected + 1 === at) &&
    (expected !== 'no_stream' || at === 0);
  if (!sameBatch)
    throw new EventIdConflict(
      (reused ?? events[0]).id,
      'stored with other content or at another place',
    );
  const lastOfBatch = existing[at + events.length - 1];
  return {
    nextRevision: Number(existing[existing.length - 1].revision),
    position: lastOfBatch.position
      ? positionToString(lastOfBatch.position)
      : `${lastOfBatch.revision}/0`,
  };
}

/** The stored event is this one: same id, type and hashed content. */
function sameEvent(streamId: string, stored: KurrentRecorded | undefined, event: NewEvent) {
  if (!stored || stored.id !== event.id) return false;
  if (parseStoredEventName(stored.type).type !== event.type) return false;
  const { metadata, schemaVersion } = unwrapMetadata(stored.metadata);
  const digest = (e: { data: unknown; metadata: unknown; schemaVersion: number }) =>
    contentDigest({
      streamId,
      id: event.id,
      type: event.type,
      schemaVersion: e.schemaVersion,
      data: e.data,
      metadata: e.metadata as never,
    }).toString('hex');
  return (
    digest({ data: stored.data, metadata, schemaVersion }) ===
    digest({
      data: event.data,
      metadata: event.metadata,
      schemaVersion: event.schemaVersion ?? 1,
    })
  );
}
