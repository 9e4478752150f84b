import { EventStore, StreamHead } from '../event-store.port';

/** KurrentDB reads one stream per call: each stream's last event alone (backwards, one event), side by side. */
export async function headsStreamByStream(
  store: Pick<EventStore, 'readStream'>,
  streamIds: readonly string[],
): Promise<(StreamHead | null)[]> {
  const lasts = await Promise.all(
    streamIds.map((streamId) => store.readStream(streamId, { direction: 'backwards', limit: 1 })),
  );
  return lasts.map(([last]) =>
    last ? { revision: last.revision, id: last.id, hash: last.hash } : null,
  );
}
