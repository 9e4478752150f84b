import { EventMetadata, NewEvent } from '../event-store/event-envelope';

/**
 * The event, marked as written together with what `saga` would have written for it
 * (`metadata.writtenWith`): the saga's executor then leaves its outputs for the event be. Only
 * for a write that is all or nothing (`EventStore.appendManyIsAtomic`): nothing repairs a half.
 */
export function writtenWith(event: NewEvent, saga: string): NewEvent {
  const sagas = [...(event.metadata.writtenWith ?? []), saga];
  return { ...event, metadata: { ...event.metadata, writtenWith: sagas } };
}

/** Whether the event's own write held `saga`'s outputs for it. */
export const isWrittenWith = (metadata: EventMetadata | undefined, saga: string): boolean =>
  metadata?.writtenWith?.includes(saga) ?? false;
