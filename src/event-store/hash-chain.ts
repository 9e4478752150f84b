import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
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

/**
 * Metadata that says how an event travelled, not what happened: left out of the hash, so the
 * digest of an event is the same with or without it (chains written before it existed verify,
 * and an idempotent retry carrying another trace is still recognised as the same event).
 */
export const UNHASHED_METADATA_KEYS: readonly string[] = ['traceparent'];

/** SHA-256 of the canonical JSON of an event's content. */
export function contentDigest(content: HashedContent): Buffer {
  return createHash('sha256')
    .update(canonicalJson(hashedForm(content)), 'utf8')
    .digest();
}

function hashedForm(content: HashedContent): HashedContent {
  const metadata = content.metadata as Record<string, unknown> | null | undefined;
  if (!metadata || !UNHASHED_METADATA_KEYS.some((key) => key in metadata)) return content;
  const kept = Object.fromEntries(
    Object.entries(metadata).filter(([key]) => !UNHASHED_METADATA_KEYS.includes(key)),
  ) as EventMetadata;
  return { ...content, metadata: kept };
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
