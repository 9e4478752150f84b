import { StoredEventRecord, StreamVerification } from './event-store.port';
import { chainHash, contentDigest } from './hash-chain';
import { storedNameMatchesVersion } from './stored-event-names';

/**
 * Recomputes a stream's hash chain from its events as stored (in revision order): the first event
 * whose revision is not its place in the stream, or whose content (type, version, data, metadata)
 * does not give its stored hash, breaks the chain. Both adapters verify streams with this.
 */
export function verifyStoredChain(records: readonly StoredEventRecord[]): StreamVerification {
  let previous: Buffer | null = null;
  for (const [index, record] of records.entries()) {
    if (record.revision !== index) {
      return {
        ok: false,
        eventsChecked: index,
        brokenAtRevision: index,
        eventId: record.id,
        reason: `revision ${index} is missing`,
        reasonCode: 'revision_missing',
      };
    }
    // The hash covers the event's type and version, not the spelling of its stored name.
    const digest = contentDigest({
      streamId: record.streamId,
      id: record.id,
      type: record.type,
      schemaVersion: record.schemaVersion,
      data: record.data,
      metadata: record.metadata,
    });
    const link = chainHash(previous, digest);
    if (
      link.toString('hex') !== record.hash ||
      !storedNameMatchesVersion(record.storedType, record.schemaVersion)
    ) {
      return {
        ok: false,
        eventsChecked: index,
        brokenAtRevision: record.revision,
        eventId: record.id,
        reason: 'stored content does not match its hash',
        reasonCode: 'content_mismatch',
      };
    }
    previous = link;
  }
  return { ok: true, eventsChecked: records.length };
}
