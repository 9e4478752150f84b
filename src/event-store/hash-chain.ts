import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { EventMetadata } from './event-envelope';

/** The part of an event the hash covers: everything the writer supplied, in RFC 8785 form. */
export interface HashedContent {
  streamId: string;
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
}

/** SHA-256 of the canonical JSON of an event's content. */
export function contentDigest(content: HashedContent): Buffer {
  return createHash('sha256').update(canonicalize(content), 'utf8').digest();
}

/**
 * Chain link: sha256(previousHash ‖ contentDigest). The first event of a stream chains to an empty
 * previous hash. PostgreSQL computes the same link with its built-in sha256(bytea).
 */
export function chainHash(previousHash: Buffer | null, digest: Buffer): Buffer {
  return createHash('sha256')
    .update(previousHash ?? Buffer.alloc(0))
    .update(digest)
    .digest();
}
