import { Logger } from '@nestjs/common';
import { StoredEventRecord } from '../../event-store/event-store.port';
import { chainHash, contentDigest } from '../../event-store/hash-chain';
import { Keyring } from './checkpoint-keys';
import { compareStreamIds, leafHash, merkleRoot, StreamHead } from './merkle';
import {
  CheckpointPayload,
  checkpointDigest,
  checkpointFileName,
  SignedCheckpoint,
  signedBytes,
  UnreadableCheckpointFile,
  WitnessDirectory,
  WitnessLine,
} from './witness-directory';

const logger = new Logger('Checkpoints');

/** Both stores' positions are two decimal numbers, `<a>/<b>`, ordered by a then b. */
export function comparePositions(a: string, b: string): number {
  const [a1, a2] = a.split('/').map(BigInt);
  const [b1, b2] = b.split('/').map(BigInt);
  if (a1 !== b1) return a1 < b1 ? -1 : 1;
  if (a2 !== b2) return a2 < b2 ? -1 : 1;
  return 0;
}

/**
 * Why a checkpoint is refused, as a code a screen can name in its own language (the message says
 * it in English with the file, key or stream).
 */
export type CheckpointRefusalCode =
  | 'unreadable_file'
  | 'not_signed'
  | 'out_of_sequence'
  | 'unknown_key'
  | 'key_rotated_out'
  | 'bad_signature'
  | 'does_not_follow'
  | 'events_unreadable'
  | 'events_skip'
  | 'events_count'
  | 'root_not_rebuilt'
  /** The database records a checkpoint CHECKPOINT_DIR does not hold (recorded-checkpoint.ts). */
  | 'recorded_checkpoint_missing'
  /** A file of CHECKPOINT_PUBLIC_KEYS_DIR cannot be read (keys-directory-unreadable.ts). */
  | 'keys_unreadable';

/** A checkpoint that cannot be relied on: bad or unknown signature, broken sequence, files that disagree. */
export class CheckpointRefused extends Error {
  constructor(
    message: string,
    readonly sequence: number | undefined,
    readonly code: CheckpointRefusalCode,
  ) {
    super(message);
    this.name = 'CheckpointRefused';
  }
}

/** The store disagrees with the covered history: a new checkpoint would sign over tampering. */
export class StoreDisagrees extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreDisagrees';
  }
}

/** What the outside copy says about one stream. */
export interface WitnessStream {
  /** Revision of the last covered event (−1: none). */
  revision: number;
  /** Chain link of that event, hex. */
  head: string;
  /** Per revision, when kept: content digest, chain link, position. */
  digests?: string[];
  links?: string[];
  positions?: string[];
}

export interface Witness {
  latest: SignedCheckpoint | null;
  streams: Map<string, WitnessStream>;
  events: number;
}

/** The content digest of an event as stored: what its chain link hashes. */
export const digestOf = (event: StoredEventRecord): Buffer =>
  contentDigest({
    streamId: event.streamId,
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
  });

/** Root over the heads of `streams` (its leaves in order too, for proofs). */
export function rootOf(streams: Map<string, WitnessStream>): { root: string; heads: StreamHead[] } {
  const heads = [...streams.entries()]
    .map(([streamId, stream]) => ({ streamId, revision: stream.revision, hash: stream.head }))
    .sort((a, b) => compareStreamIds(a.streamId, b.streamId));
  return { root: merkleRoot(heads.map(leafHash)).toString('hex'), heads };
}

/**
 * Reads the outside copy: every checkpoint's signature (unknown or rotated-out key → refused), the
 * chain of checkpoints, and the events files, which must rebuild exactly the latest signed root.
 * `keepEvents` keeps each event's digest for verification (memory grows with the store).
 */
export function loadWitness(
  dir: WitnessDirectory,
  keyring: Keyring,
  keepEvents: boolean | ((streamId: string) => boolean),
): Witness {
  const streams = new Map<string, WitnessStream>();
  let latest: SignedCheckpoint | null = null;
  let events = 0;
  let expected = 1;
  const sequences = dir.sequences();
  for (const sequence of sequences) {
    const signed = readSigned(dir, sequence, sequence === sequences[sequences.length - 1]);
    if (!signed) break;
    const payload = signed.checkpoint;
    checkSignedInSequence(signed, sequence, expected, latest, keyring);
    for (const [position, streamId, revision, digest] of readEventLines(dir, sequence)) {
      const stream = streams.get(streamId) ?? { revision: -1, head: '' };
      if (revision !== stream.revision + 1)
        throw new CheckpointRefused(
          `events file of checkpoint ${sequence} skips from ${streamId}@${stream.revision} to @${revision}`,
          sequence,
          'events_skip',
        );
      const link = chainHash(
        stream.revision < 0 ? null : Buffer.from(stream.head, 'hex'),
        Buffer.from(digest, 'hex'),
      ).toString('hex');
      stream.revision = revision;
      stream.head = link;
      if (keepEvents === true || (keepEvents !== false && keepEvents(streamId))) {
        (stream.digests ??= []).push(digest);
        (stream.links ??= []).push(link);
        (stream.positions ??= []).push(position);
      }
      streams.set(streamId, stream);
      events += 1;
    }
    if (payload.events !== events)
      throw new CheckpointRefused(
        `checkpoint ${sequence} signs ${payload.events} events, its files hold ${events}`,
        sequence,
        'events_count',
      );
    latest = signed;
    expected += 1;
  }
  if (latest && rootOf(streams).root !== latest.checkpoint.root)
    throw new CheckpointRefused(
      `the events files do not rebuild the root checkpoint ${latest.checkpoint.sequence} signs`,
      latest.checkpoint.sequence,
      'root_not_rebuilt',
    );
  return { latest, streams, events };
}

/**
 * The checkpoint in file `sequence`, or null for an unreadable LAST file: a signing that crashed
 * while writing it in place (before writes went through a temporary file), like an events file
 * left without its checkpoint. It signed nothing anyone has relied on; the next signing sets it
 * aside and takes its sequence. An unreadable file with checkpoints after it, or one that is JSON
 * but no signed checkpoint, is refused, named.
 */
function readSigned(
  dir: WitnessDirectory,
  sequence: number,
  last: boolean,
): SignedCheckpoint | null {
  let signed: SignedCheckpoint;
  try {
    signed = dir.readCheckpoint(sequence);
  } catch (error) {
    if (!(error instanceof UnreadableCheckpointFile)) throw error;
    if (!last)
      throw new CheckpointRefused(
        `${error.message}, yet checkpoints follow it`,
        sequence,
        'unreadable_file',
      );
    logger.warn(
      `${error.message}: the leftover of a signing that crashed, skipped (the next checkpoint sets it aside and takes its sequence)`,
    );
    return null;
  }
  const payload = (signed as Partial<SignedCheckpoint> | null)?.checkpoint;
  if (!payload || typeof payload !== 'object' || typeof signed.signature !== 'string')
    throw new CheckpointRefused(
      `checkpoint file ${checkpointFileName(sequence)} holds no signed checkpoint`,
      sequence,
      'not_signed',
    );
  return signed;
}

/** The events file of checkpoint `sequence`; one missing or unreadable is refused, named. */
function* readEventLines(dir: WitnessDirectory, sequence: number): Generator<WitnessLine> {
  try {
    yield* dir.readEvents(sequence);
  } catch (error) {
    throw new CheckpointRefused(
      `events file of checkpoint ${sequence} is unreadable: ${(error as Error).message}`,
      sequence,
      'events_unreadable',
    );
  }
}

/**
 * The checkpoint read from file `sequence` is checkpoint `expected` of the chain: numbered so (in
 * its file name and its payload), signed by a key the keyring accepts for its date, and following
 * the previous checkpoint (`latest`) by its digest.
 */
function checkSignedInSequence(
  signed: SignedCheckpoint,
  sequence: number,
  expected: number,
  latest: SignedCheckpoint | null,
  keyring: Keyring,
): void {
  const payload = signed.checkpoint;
  if (payload.sequence !== sequence || sequence !== expected)
    throw new CheckpointRefused(
      `checkpoint files are not in sequence: expected ${expected}, found ${sequence}`,
      sequence,
      'out_of_sequence',
    );
  const refusal = keyring.check(
    payload.keyId,
    signedBytes(payload),
    signed.signature,
    payload.createdAt,
  );
  if (refusal)
    throw new CheckpointRefused(
      `checkpoint ${sequence} refused: ${refusal.message}`,
      sequence,
      refusal.code,
    );
  const previous = latest ? checkpointDigest(latest.checkpoint) : null;
  if (payload.previous !== previous)
    throw new CheckpointRefused(
      `checkpoint ${sequence} does not follow checkpoint ${sequence - 1}`,
      sequence,
      'does_not_follow',
    );
}

export interface CheckpointSummary {
  sequence: number;
  position: string | null;
  events: number;
  streams: number;
  root: string;
  createdAt: string;
  keyId: string;
}

export const summaryOf = (payload: CheckpointPayload): CheckpointSummary => ({
  sequence: payload.sequence,
  position: payload.position,
  events: payload.events,
  streams: payload.streams,
  root: payload.root,
  createdAt: payload.createdAt,
  keyId: payload.keyId,
});
