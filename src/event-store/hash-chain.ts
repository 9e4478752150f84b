import { createHash, hash } from 'node:crypto';
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
  return hash('sha256', canonicalJson(hashedForm(content)), 'buffer');
}

/**
 * An event's content digest with the canonical texts written for it, so the append stores those
 * texts instead of writing the same values again with `JSON.stringify` (jsonb keeps the value, not
 * the text: the rows are the same). Null where the digest did not write the text the row needs:
 * content off the fast path, or metadata with keys the hash leaves out.
 */
export interface DigestedContent {
  digest: Buffer;
  dataJson: string | null;
  metadataJson: string | null;
}

/**
 * `contentDigest` of each of several events, the same digests. The events of one write share
 * their metadata object (one request's actor, correlation and time; a transfer batch chunk's 750
 * events carry a few): its canonical text is written once per object per call, not once per
 * event. Within the call nothing can change an object between two of its events.
 */
export function contentDigests(contents: readonly HashedContent[]): Buffer[] {
  return digestContents(contents).map(({ digest }) => digest);
}

/** `contentDigests` with the canonical texts of each event's data and metadata (`DigestedContent`). */
export function digestContents(contents: readonly HashedContent[]): DigestedContent[] {
  const metadataTexts = new Map<object, MetadataText>();
  return contents.map((content) => {
    const envelope = envelopeText(content, metadataTexts);
    if (!envelope)
      return {
        digest: hash('sha256', canonicalJson(hashedForm(content)), 'buffer'),
        dataJson: null,
        metadataJson: null,
      };
    const { text, metadata, dataAt, metadataAt } = envelope;
    // One-shot: no Hash object a digest (one an event appended).
    const digest = hash('sha256', text, 'buffer');
    // The texts are cut out of the envelope's text, which hashing it has made one flat string: the
    // canonical writer's own strings are chains of small pieces, and a request's JSON built from
    // those took as long to flatten as `JSON.stringify` took to write it (bench/README.md).
    metadata.flat ??= text.slice(metadataAt, metadataAt + metadata.text.length);
    return {
      digest,
      dataJson: text.slice(dataAt.start, dataAt.end),
      metadataJson: metadata.whole ? metadata.flat : null,
    };
  });
}

const ENVELOPE_KEYS = 6;
/** Where an envelope's data text starts: after `{"data":`. */
const DATA_AT = '{"data":'.length;

/** A metadata object's hashed text; `whole` when the hash left none of its keys out. */
interface MetadataText {
  text: string;
  whole: boolean;
  /** The same text as one flat string, once an envelope holding it has been hashed. */
  flat?: string;
}

/**
 * The canonical text of an event's content written field by field, its keys in their canonical
 * order (data, id, metadata, schemaVersion, streamId, type), with the metadata's text kept per
 * object; null for any content the general path must write (another key, a missing field).
 */
function envelopeText(
  content: HashedContent,
  metadataTexts: Map<object, MetadataText>,
): {
  text: string;
  metadata: MetadataText;
  dataAt: { start: number; end: number };
  metadataAt: number;
} | null {
  const { streamId, id, type, schemaVersion, data, metadata } = content;
  let keys = 0;
  for (const key in content) if (Object.prototype.hasOwnProperty.call(content, key)) keys += 1;
  if (
    keys !== ENVELOPE_KEYS ||
    (content as { toJSON?: unknown }).toJSON != null ||
    typeof streamId !== 'string' ||
    typeof id !== 'string' ||
    typeof type !== 'string' ||
    typeof schemaVersion !== 'number' ||
    !Number.isFinite(schemaVersion) ||
    data === undefined ||
    metadata === null ||
    typeof metadata !== 'object'
  )
    return null;
  let metadataText = metadataTexts.get(metadata);
  if (metadataText === undefined) {
    const hashed = hashedForm(content);
    metadataText = { text: canonicalJson(hashed.metadata), whole: hashed === content };
    metadataTexts.set(metadata, metadataText);
  }
  const dataText = canonicalJson(data);
  const head = `{"data":${dataText},"id":${JSON.stringify(id)},"metadata":`;
  const text =
    `${head}${metadataText.text},` +
    `"schemaVersion":${JSON.stringify(schemaVersion)},"streamId":${JSON.stringify(streamId)},` +
    `"type":${JSON.stringify(type)}}`;
  const dataAt = { start: DATA_AT, end: DATA_AT + dataText.length };
  return { text, metadata: metadataText, dataAt, metadataAt: head.length };
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
