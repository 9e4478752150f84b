import { eventTypeFilter, streamNameFilter } from '@kurrent/kurrentdb-client';
import { ReadAllFilter, StoredEventRecord } from '../event-store.port';
import { parseStoredEventName } from '../stored-event-names';
import { AllPosition, positionToString, unwrapMetadata } from './kurrentdb-mapping';

/** An event as the KurrentDB client returns it (the fields cadreflow reads). */
export interface KurrentRecorded {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  data: unknown;
  metadata: unknown;
  position?: AllPosition;
}

/** KurrentDB's own events ($-prefixed types and streams), never cadreflow's. */
export const isSystem = (event: KurrentRecorded) =>
  event.type.startsWith('$') || event.streamId.startsWith('$');

/** The port's read-all filter, exactly: stream prefixes and event types under any stored name. */
export function matches(filter: ReadAllFilter | undefined, event: KurrentRecorded): boolean {
  if (!filter) return true;
  if (filter.streamPrefix !== undefined) {
    const prefixes = Array.isArray(filter.streamPrefix)
      ? filter.streamPrefix
      : [filter.streamPrefix];
    if (!prefixes.some((prefix) => event.streamId.startsWith(prefix))) return false;
  }
  return (
    filter.eventTypes === undefined ||
    filter.eventTypes.includes(parseStoredEventName(event.type).type)
  );
}

/** The server-side filter narrows the read; `matches` applies the exact rule client-side. */
export function serverFilter(filter: ReadAllFilter | undefined) {
  if (filter?.streamPrefix !== undefined) {
    return streamNameFilter({
      prefixes: Array.isArray(filter.streamPrefix) ? filter.streamPrefix : [filter.streamPrefix],
    });
  }
  // A type's prefix also finds its versioned stored names (`CaseOpened` → `CaseOpened.v1`).
  if (filter?.eventTypes !== undefined) return eventTypeFilter({ prefixes: filter.eventTypes });
  return undefined;
}

/** A KurrentDB event as stored: cadreflow's own fields unwrapped from its metadata, data as written. */
export function toStoredRecord(event: KurrentRecorded): StoredEventRecord {
  const { metadata, schemaVersion, hash } = unwrapMetadata(event.metadata);
  return {
    streamId: event.streamId,
    revision: Number(event.revision),
    position: event.position ? positionToString(event.position) : `${event.revision}/0`,
    id: event.id,
    type: parseStoredEventName(event.type).type,
    storedType: event.type,
    schemaVersion,
    data: event.data as Record<string, unknown>,
    metadata,
    hash,
    recordedAt: event.created.toISOString(),
  };
}
