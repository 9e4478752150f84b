import { NewEvent } from './event-envelope';
import { EventStore, StreamAppend } from './event-store.port';

/**
 * The first event `planned` was to append, if it is on its stream (null: it never landed): a
 * write that went stream by stream (KurrentDB) may have left it there though the write it was
 * made for was refused, and the one who planned it then withdraws it.
 */
export async function plannedEventLanded(
  store: Pick<EventStore, 'readStream'>,
  planned: StreamAppend,
): Promise<NewEvent | null> {
  const made = planned.events[0];
  if (!made) return null;
  const written = await store.readStream(planned.streamId);
  return written.some((event) => event.id === made.id) ? made : null;
}
