import { NewEvent } from '../event-envelope';
import { contentDigests } from '../hash-chain';
import { StoredEventNames } from '../stored-event-names';
import { PreparedEvent } from './new-stream-insert';

/**
 * Each append's events as `cf_append` and the INSERT of new streams take them: stored type names
 * and content digests, the digests computed in one call for the whole write (its events share
 * their metadata object, whose canonical text is then written once: `contentDigests`).
 */
export function prepareEvents(
  names: StoredEventNames,
  appends: readonly { streamId: string; events: readonly NewEvent[] }[],
): PreparedEvent[][] {
  const digests = contentDigests(
    appends.flatMap(({ streamId, events }) =>
      events.map((event) => ({
        streamId,
        id: event.id,
        type: event.type,
        schemaVersion: event.schemaVersion ?? 1,
        data: event.data,
        metadata: event.metadata,
      })),
    ),
  );
  let next = 0;
  return appends.map(({ events }) =>
    events.map((event): PreparedEvent => {
      const schemaVersion = event.schemaVersion ?? 1;
      return {
        id: event.id,
        type: names.toStored(event.type, schemaVersion),
        schemaVersion,
        data: event.data,
        metadata: event.metadata,
        contentHash: digests[next++].toString('hex'),
      };
    }),
  );
}
