import { NewEvent } from '../event-envelope';
import { digestContents } from '../hash-chain';
import { StoredEventNames } from '../stored-event-names';
import { PreparedEvent } from './new-stream-insert';

/**
 * Each append's events as `cf_append` and the INSERT of new streams take them: stored type names
 * and content digests, the digests computed in one call for the whole write (its events share
 * their metadata object, whose canonical text is then written once: `contentDigests`), with the
 * JSON text of their data and metadata: the canonical texts the digests wrote where they serve.
 */
export function prepareEvents(
  names: StoredEventNames,
  appends: readonly { streamId: string; events: readonly NewEvent[] }[],
): PreparedEvent[][] {
  const digested = digestContents(
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
  // Metadata the digests did not write as stored (a key the hash leaves out): once per object.
  const metadataJsons = new Map<object, string>();
  const metadataJson = (metadata: object) => {
    let text = metadataJsons.get(metadata);
    if (text === undefined) metadataJsons.set(metadata, (text = JSON.stringify(metadata)));
    return text;
  };
  let next = 0;
  return appends.map(({ events }) =>
    events.map((event): PreparedEvent => {
      const schemaVersion = event.schemaVersion ?? 1;
      const { digest, dataJson, metadataJson: hashedMetadataJson } = digested[next++];
      return {
        id: event.id,
        type: names.toStored(event.type, schemaVersion),
        schemaVersion,
        dataJson: dataJson ?? JSON.stringify(event.data),
        metadataJson: hashedMetadataJson ?? metadataJson(event.metadata),
        contentHash: digest.toString('hex'),
      };
    }),
  );
}
