import { EventStore } from '../../event-store/event-store.port';
import { chainHash } from '../../event-store/hash-chain';
import { storedNameMatchesVersion } from '../../event-store/stored-event-names';
import { Keyring, SigningKey, signBytes } from './checkpoint-keys';
import {
  CheckpointRefused,
  digestOf,
  loadWitness,
  rootOf,
  StoreDisagrees,
} from './checkpoint-witness';
import {
  CheckpointPayload,
  checkpointDigest,
  SignedCheckpoint,
  signedBytes,
  WitnessDirectory,
  WitnessLine,
} from './witness-directory';

export interface CreateCheckpointInput {
  store: EventStore;
  dir: WitnessDirectory;
  key: SigningKey;
  keyring: Keyring;
  now: Date;
  /** Asks an RFC 3161 authority to time-stamp the signed bytes; its answer is kept beside them. */
  timestamp?: (signed: Buffer) => Promise<Buffer>;
  pageSize?: number;
  /** The service stopping: a long read of new events ends between two pages, nothing signed. */
  abandon?: AbortSignal;
}

export interface CreatedCheckpoint {
  created: boolean;
  signed: SignedCheckpoint;
}

/**
 * Signs a checkpoint over everything the store holds now. Incremental: only events after the
 * previous checkpoint are read; each is hashed from its stored content and must extend the chain
 * the outside copy holds (else the store was changed under the covered history, and nothing is
 * signed). Nothing new since the last checkpoint → the last one stands (`created: false`).
 */
export async function createCheckpoint(input: CreateCheckpointInput): Promise<CreatedCheckpoint> {
  const { store, dir, key, keyring } = input;
  const witness = loadWitness(dir, keyring, false);
  const previous = witness.latest;
  let position = previous?.checkpoint.position ?? null;
  const lines: WitnessLine[] = [];
  for (;;) {
    input.abandon?.throwIfAborted();
    const page = await store.readAllStored(position ?? 'start', input.pageSize ?? 2000);
    for (const event of page) {
      const stream = witness.streams.get(event.streamId) ?? { revision: -1, head: '' };
      if (event.revision !== stream.revision + 1)
        throw new StoreDisagrees(
          `stream ${event.streamId}: revision ${event.revision} follows covered revision ${stream.revision} (run audit verify)`,
        );
      const digest = digestOf(event);
      const link = chainHash(stream.revision < 0 ? null : Buffer.from(stream.head, 'hex'), digest);
      if (
        link.toString('hex') !== event.hash ||
        !storedNameMatchesVersion(event.storedType, event.schemaVersion)
      )
        throw new StoreDisagrees(
          `stream ${event.streamId} revision ${event.revision}: stored hash does not extend the covered chain (run audit verify)`,
        );
      stream.revision = event.revision;
      stream.head = link.toString('hex');
      witness.streams.set(event.streamId, stream);
      lines.push([event.position, event.streamId, event.revision, digest.toString('hex')]);
      position = event.position;
    }
    if (page.length < (input.pageSize ?? 2000)) break;
  }
  if (previous && lines.length === 0) return { created: false, signed: previous };
  const payload: CheckpointPayload = {
    format: 'cadreflow-checkpoint/1',
    sequence: (previous?.checkpoint.sequence ?? 0) + 1,
    position,
    events: witness.events + lines.length,
    streams: witness.streams.size,
    root: rootOf(witness.streams).root,
    createdAt: input.now.toISOString(),
    keyId: key.keyId,
    previous: previous ? checkpointDigest(previous.checkpoint) : null,
  };
  const bytes = signedBytes(payload);
  const signed: SignedCheckpoint = { checkpoint: payload, signature: signBytes(key, bytes) };
  // A checkpoint the verifiers would refuse is not written: it would break the chain for every
  // later one (before: a key retired while the service ran went on signing until a restart).
  const refusal = keyring.check(key.keyId, bytes, signed.signature, payload.createdAt);
  if (refusal)
    throw new CheckpointRefused(
      `checkpoint ${payload.sequence} not signed: ${refusal.message} (sign with a key CHECKPOINT_PUBLIC_KEYS_DIR trusts: CHECKPOINT_SIGNING_KEY_FILE, CHECKPOINT_KEY_ID, and restart)`,
      payload.sequence,
      refusal.code,
    );
  if (input.timestamp) signed.timestampToken = (await input.timestamp(bytes)).toString('base64');
  dir.write(signed, lines);
  return { created: true, signed };
}
