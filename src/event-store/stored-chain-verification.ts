import { ChainBreak, StoredEventRecord, StreamVerification } from './event-store.port';
import { chainHash, contentDigest } from './hash-chain';
import { storedNameMatchesVersion } from './stored-event-names';

/**
 * Recomputes a stream's hash chain from its events as stored (in revision order): the first event
 * whose revision is not its place in the stream, or whose content (type, version, data, metadata)
 * does not give its stored hash, breaks the chain. Both adapters verify streams with this.
 */
export function verifyStoredChain(records: readonly StoredEventRecord[]): StreamVerification {
  let previous: string | null = null;
  for (const [index, record] of records.entries()) {
    const broken = chainBreakAt(record, index, previous);
    if (broken)
      return {
        ok: false,
        eventsChecked: index,
        brokenAtRevision: broken === 'revision_missing' ? index : record.revision,
        eventId: record.id,
        reason: chainBreakReason(broken, index),
        reasonCode: broken,
      };
    previous = record.hash;
  }
  return { ok: true, eventsChecked: records.length };
}

/** A chain break in words: the revision the stream lacks, or the content that parts from its hash. */
export const chainBreakReason = (broken: ChainBreak, revision: number): string =>
  broken === 'revision_missing'
    ? `revision ${revision} is missing`
    : 'stored content does not match its hash';

/**
 * The chain link (hex) a stored event's content gives now, chained onto `previousHash` (null at
 * revision 0). The hash covers the event's type and version, not the spelling of its stored name.
 */
export function linkOfStoredContent(
  record: StoredEventRecord,
  previousHash: string | null,
): string {
  const digest = contentDigest({
    streamId: record.streamId,
    id: record.id,
    type: record.type,
    schemaVersion: record.schemaVersion,
    data: record.data,
    metadata: record.metadata,
  });
  return chainHash(
    previousHash === null ? null : Buffer.from(previousHash, 'hex'),
    digest,
  ).toString('hex');
}

/**
 * Where one stored event breaks its stream's chain, or null: it is not at `expectedRevision`, or
 * its content (type, version, data, metadata) chained onto `previousHash` (the stored link of the
 * revision before it; null at revision 0) does not give its stored hash, or its stored name does
 * not match its version. The one check of an event's link: a stream's walk (verifyStoredChain)
 * and the whole store's walk in global order (verifyAgainstCheckpoint) both make it.
 */
export function chainBreakAt(
  record: StoredEventRecord,
  expectedRevision: number,
  previousHash: string | null,
): ChainBreak | null {
  if (record.revision !== expectedRevision) return 'revision_missing';
  return linkOfStoredContent(record, previousHash) !== record.hash ||
    !storedNameMatchesVersion(record.storedType, record.schemaVersion)
    ? 'content_mismatch'
    : null;
}
