import { EventStore, StoredEventRecord } from '../../event-store/event-store.port';
import { chainHash, contentDigest } from '../../event-store/hash-chain';
import { storedNameMatchesVersion } from '../../event-store/stored-event-names';
import { Keyring, SigningKey, signBytes } from './checkpoint-keys';
import {
  compareStreamIds,
  inclusionPath,
  leafHash,
  merkleRoot,
  ProofStep,
  StreamHead,
} from './merkle';
import {
  CheckpointPayload,
  checkpointDigest,
  SignedCheckpoint,
  signedBytes,
  WitnessDirectory,
  WitnessLine,
} from './witness-directory';

/** Both stores' positions are two decimal numbers, `<a>/<b>`, ordered by a then b. */
export function comparePositions(a: string, b: string): number {
  const [a1, a2] = a.split('/').map(BigInt);
  const [b1, b2] = b.split('/').map(BigInt);
  if (a1 !== b1) return a1 < b1 ? -1 : 1;
  if (a2 !== b2) return a2 < b2 ? -1 : 1;
  return 0;
}

/** A checkpoint that cannot be relied on: bad or unknown signature, broken sequence, files that disagree. */
export class CheckpointRefused extends Error {
  constructor(
    message: string,
    readonly sequence?: number,
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
interface WitnessStream {
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

const digestOf = (event: StoredEventRecord): Buffer =>
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
  for (const sequence of dir.sequences()) {
    const signed = dir.readCheckpoint(sequence);
    const payload = signed.checkpoint;
    if (payload.sequence !== sequence || sequence !== expected)
      throw new CheckpointRefused(
        `checkpoint files are not in sequence: expected ${expected}, found ${sequence}`,
        sequence,
      );
    const refusal = keyring.check(
      payload.keyId,
      signedBytes(payload),
      signed.signature,
      payload.createdAt,
    );
    if (refusal)
      throw new CheckpointRefused(`checkpoint ${sequence} refused: ${refusal}`, sequence);
    const previous = latest ? checkpointDigest(latest.checkpoint) : null;
    if (payload.previous !== previous)
      throw new CheckpointRefused(
        `checkpoint ${sequence} does not follow checkpoint ${sequence - 1}`,
        sequence,
      );
    for (const [position, streamId, revision, digest] of dir.readEvents(sequence)) {
      const stream = streams.get(streamId) ?? { revision: -1, head: '' };
      if (revision !== stream.revision + 1)
        throw new CheckpointRefused(
          `events file of checkpoint ${sequence} skips from ${streamId}@${stream.revision} to @${revision}`,
          sequence,
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
      );
    latest = signed;
    expected += 1;
  }
  if (latest && rootOf(streams).root !== latest.checkpoint.root)
    throw new CheckpointRefused(
      `the events files do not rebuild the root checkpoint ${latest.checkpoint.sequence} signs`,
      latest.checkpoint.sequence,
    );
  return { latest, streams, events };
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

export interface CreateCheckpointInput {
  store: EventStore;
  dir: WitnessDirectory;
  key: SigningKey;
  keyring: Keyring;
  now: Date;
  /** Asks an RFC 3161 authority to time-stamp the signed bytes; its answer is kept beside them. */
  timestamp?: (signed: Buffer) => Promise<Buffer>;
  pageSize?: number;
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
  if (input.timestamp) signed.timestampToken = (await input.timestamp(bytes)).toString('base64');
  dir.write(signed, lines);
  return { created: true, signed };
}

export type FindingKind =
  | 'rewritten'
  | 'hash-rewritten'
  | 'deleted-stream'
  | 'deleted-tail'
  | 'deleted-event'
  | 'inserted'
  | 'moved';

/** Where the store and the checkpoint part ways in one stream (the first place; later ones counted). */
export interface CheckpointFinding {
  kind: FindingKind;
  streamId: string;
  revision: number;
  /** The store's position of the event, or the position the checkpoint recorded for it. */
  position: string | null;
  detail: string;
  /** Further events of the same stream that differ after this one. */
  further: number;
}

export interface CheckpointVerification {
  status: 'no-checkpoint' | 'intact' | 'tampered' | 'refused';
  checkpoint: CheckpointSummary | null;
  /** Covered events found as signed. */
  covered: number;
  /** Events after the checkpoint's position: not yet covered by any signed checkpoint. */
  notYetCovered: number;
  findings: CheckpointFinding[];
  refusedBecause?: string;
}

/**
 * Compares the store with the latest signed checkpoint of the outside copy, event by event: a
 * rewritten event, a recomputed chain, a deleted stream or tail, an event inserted among the covered
 * ones, each with the stream and revision (or position) where they part.
 */
export async function verifyAgainstCheckpoint(input: {
  store: EventStore;
  dir: WitnessDirectory;
  keyring: Keyring;
  pageSize?: number;
}): Promise<CheckpointVerification> {
  let witness: Witness;
  try {
    witness = loadWitness(input.dir, input.keyring, true);
  } catch (error) {
    if (!(error instanceof CheckpointRefused)) throw error;
    return {
      status: 'refused',
      checkpoint: null,
      covered: 0,
      notYetCovered: 0,
      findings: [],
      refusedBecause: error.message,
    };
  }
  const limit = input.pageSize ?? 2000;
  const at = witness.latest?.checkpoint.position ?? null;
  const findings = new Map<string, CheckpointFinding>();
  const note = (finding: Omit<CheckpointFinding, 'further'>) => {
    const first = findings.get(finding.streamId);
    if (first) first.further += 1;
    else findings.set(finding.streamId, { ...finding, further: 0 });
  };
  const seen = new Map<string, Uint8Array>();
  const previousStored = new Map<string, string>();
  let covered = 0;
  let notYetCovered = 0;
  let from: string = 'start';
  for (;;) {
    const page = await input.store.readAllStored(from, limit);
    for (const event of page) {
      from = event.position;
      const stream = witness.streams.get(event.streamId);
      const storedPrevious = previousStored.get(event.streamId);
      previousStored.set(event.streamId, event.hash);
      const inCovered = at !== null && comparePositions(event.position, at) <= 0;
      const witnessed = stream && event.revision <= stream.revision;
      if (!inCovered) {
        notYetCovered += 1;
        if (witnessed)
          note({
            kind: 'moved',
            streamId: event.streamId,
            revision: event.revision,
            position: event.position,
            detail: `covered at position ${stream.positions![event.revision]}, now stored after the checkpoint`,
          });
        continue;
      }
      if (!witnessed) {
        note({
          kind: 'inserted',
          streamId: event.streamId,
          revision: event.revision,
          position: event.position,
          detail: 'stored before the checkpoint position but not covered by it',
        });
        continue;
      }
      const marks = seen.get(event.streamId) ?? new Uint8Array(stream.revision + 1);
      marks[event.revision] = 1;
      seen.set(event.streamId, marks);
      const digest = digestOf(event);
      const selfLink = chainHash(
        storedPrevious === undefined || event.revision === 0
          ? null
          : Buffer.from(storedPrevious, 'hex'),
        digest,
      ).toString('hex');
      if (digest.toString('hex') !== stream.digests![event.revision]) {
        note({
          kind: 'rewritten',
          streamId: event.streamId,
          revision: event.revision,
          position: event.position,
          detail:
            selfLink === event.hash
              ? "content differs from the signed checkpoint's; the store's chain was recomputed to match it"
              : "content differs from the signed checkpoint's",
        });
      } else if (event.hash !== stream.links![event.revision]) {
        note({
          kind: 'hash-rewritten',
          streamId: event.streamId,
          revision: event.revision,
          position: event.position,
          detail: "content as signed, but its stored chain link differs from the checkpoint's",
        });
      } else if (!storedNameMatchesVersion(event.storedType, event.schemaVersion)) {
        note({
          kind: 'rewritten',
          streamId: event.streamId,
          revision: event.revision,
          position: event.position,
          detail: `stored name ${event.storedType} does not match schema version ${event.schemaVersion}`,
        });
      } else covered += 1;
    }
    if (page.length < limit) break;
  }
  // Covered events the walk never met: deleted streams, tails, single events.
  for (const [streamId, stream] of witness.streams) {
    if (findings.has(streamId)) continue;
    const marks = seen.get(streamId);
    const missing: number[] = [];
    for (let revision = 0; revision <= stream.revision; revision += 1)
      if (!marks || marks[revision] !== 1) missing.push(revision);
    if (missing.length === 0) continue;
    const first = missing[0];
    const isTail =
      missing[missing.length - 1] === stream.revision &&
      missing.length === stream.revision - first + 1;
    findings.set(streamId, {
      kind: !marks ? 'deleted-stream' : isTail ? 'deleted-tail' : 'deleted-event',
      streamId,
      revision: first,
      position: stream.positions![first],
      detail: !marks
        ? `all ${stream.revision + 1} covered events are gone`
        : isTail
          ? `revisions ${first}..${stream.revision} are gone (the checkpoint covers up to ${stream.revision})`
          : `revision ${first} is gone`,
      further: missing.length - 1,
    });
  }
  return {
    status: findings.size > 0 ? 'tampered' : witness.latest ? 'intact' : 'no-checkpoint',
    checkpoint: witness.latest ? summaryOf(witness.latest.checkpoint) : null,
    covered,
    notYetCovered,
    findings: [...findings.values()],
  };
}

/** Everything an outsider needs to check one case without the service: see scripts/verify-case-proof.mjs. */
export interface CaseProof {
  format: 'cadreflow-case-proof/1';
  streamId: string;
  /** The stream's events exactly as stored (data as written, never upcast). */
  events: StoredEventRecord[];
  checkpoint: SignedCheckpoint;
  /** The stream's leaf in the checkpoint's tree: its last covered revision and chain link. */
  leaf: StreamHead;
  leafIndex: number;
  treeSize: number;
  path: ProofStep[];
  /** Events of the stream recorded after the checkpoint: exported, not covered by this proof. */
  notYetCovered: number;
}

/** The proof for one stream against the latest checkpoint; null when no checkpoint covers it. */
export async function caseProof(input: {
  store: EventStore;
  dir: WitnessDirectory;
  keyring: Keyring;
  streamId: string;
}): Promise<CaseProof | null> {
  const witness = loadWitness(input.dir, input.keyring, false);
  if (!witness.latest || !witness.streams.has(input.streamId)) return null;
  const { heads } = rootOf(witness.streams);
  const leafIndex = heads.findIndex((head) => head.streamId === input.streamId);
  const leaves = heads.map(leafHash);
  const leaf = heads[leafIndex];
  const events = await input.store.readStreamStored(input.streamId);
  return {
    format: 'cadreflow-case-proof/1',
    streamId: input.streamId,
    events,
    checkpoint: witness.latest,
    leaf,
    leafIndex,
    treeSize: heads.length,
    path: inclusionPath(leaves, leafIndex),
    notYetCovered: events.filter((event) => event.revision > leaf.revision).length,
  };
}

/** Stream ids the outside copy covers whose name ends in `-<caseId>` (the case's procedure kind first). */
export function coveredStreamsOf(
  dir: WitnessDirectory,
  keyring: Keyring,
  caseId: string,
  kinds: readonly string[],
): string[] {
  const witness = loadWitness(dir, keyring, false);
  return kinds.map((kind) => `${kind}-${caseId}`).filter((id) => witness.streams.has(id));
}

/** One stream against the latest checkpoint: what the audit screen's hash check shows. */
export interface StreamCheckpointCheck {
  status: 'no-checkpoint' | 'covered' | 'not-yet-covered' | 'parted' | 'refused';
  checkpoint: CheckpointSummary | null;
  /** Last revision of the stream the checkpoint covers (null: none). */
  coveredRevision: number | null;
  /** Events of the stream after the checkpoint. */
  notYetCovered: number;
  /** Where the stream and the checkpoint part, when they do. */
  finding?: CheckpointFinding;
  refusedBecause?: string;
}

export async function checkStreamAgainstCheckpoint(input: {
  store: EventStore;
  dir: WitnessDirectory;
  keyring: Keyring;
  streamId: string;
}): Promise<StreamCheckpointCheck> {
  let witness: Witness;
  try {
    witness = loadWitness(input.dir, input.keyring, (id) => id === input.streamId);
  } catch (error) {
    if (!(error instanceof CheckpointRefused)) throw error;
    return {
      status: 'refused',
      checkpoint: null,
      coveredRevision: null,
      notYetCovered: 0,
      refusedBecause: error.message,
    };
  }
  const events = await input.store.readStreamStored(input.streamId);
  if (!witness.latest)
    return {
      status: 'no-checkpoint',
      checkpoint: null,
      coveredRevision: null,
      notYetCovered: events.length,
    };
  const checkpoint = summaryOf(witness.latest.checkpoint);
  const at = witness.latest.checkpoint.position;
  const stream = witness.streams.get(input.streamId);
  const parted = (
    finding: Omit<CheckpointFinding, 'further'>,
    further = 0,
  ): StreamCheckpointCheck => ({
    status: 'parted',
    checkpoint,
    coveredRevision: stream?.revision ?? null,
    notYetCovered: events.filter((event) => event.revision > (stream?.revision ?? -1)).length,
    finding: { ...finding, further },
  });
  if (!stream) {
    const early = events.find((event) => at !== null && comparePositions(event.position, at) <= 0);
    if (early)
      return parted({
        kind: 'inserted',
        streamId: input.streamId,
        revision: early.revision,
        position: early.position,
        detail: 'stored before the checkpoint position but not covered by it',
      });
    return {
      status: 'not-yet-covered',
      checkpoint,
      coveredRevision: null,
      notYetCovered: events.length,
    };
  }
  if (events.length === 0)
    return parted({
      kind: 'deleted-stream',
      streamId: input.streamId,
      revision: 0,
      position: stream.positions![0],
      detail: `all ${stream.revision + 1} covered events are gone`,
    });
  let previous: string | null = null;
  for (let revision = 0; revision <= stream.revision; revision += 1) {
    const event = events[revision];
    if (!event || event.revision !== revision) {
      const isTail = events.length === revision;
      return parted({
        kind: isTail ? 'deleted-tail' : 'deleted-event',
        streamId: input.streamId,
        revision,
        position: stream.positions![revision],
        detail: isTail
          ? `revisions ${revision}..${stream.revision} are gone (the checkpoint covers up to ${stream.revision})`
          : `revision ${revision} is gone`,
      });
    }
    const digest = digestOf(event);
    const selfLink = chainHash(previous === null ? null : Buffer.from(previous, 'hex'), digest);
    previous = event.hash;
    if (digest.toString('hex') !== stream.digests![revision])
      return parted({
        kind: 'rewritten',
        streamId: input.streamId,
        revision,
        position: event.position,
        detail:
          selfLink.toString('hex') === event.hash
            ? "content differs from the signed checkpoint's; the store's chain was recomputed to match it"
            : "content differs from the signed checkpoint's",
      });
    if (event.hash !== stream.links![revision])
      return parted({
        kind: 'hash-rewritten',
        streamId: input.streamId,
        revision,
        position: event.position,
        detail: "content as signed, but its stored chain link differs from the checkpoint's",
      });
  }
  const later = events.length - (stream.revision + 1);
  return {
    status: later > 0 ? 'not-yet-covered' : 'covered',
    checkpoint,
    coveredRevision: stream.revision,
    notYetCovered: later,
  };
}
