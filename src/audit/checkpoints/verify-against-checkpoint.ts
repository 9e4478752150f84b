import { EventStore } from '../../event-store/event-store.port';
import { chainHash } from '../../event-store/hash-chain';
import { storedNameMatchesVersion } from '../../event-store/stored-event-names';
import { Keyring } from './checkpoint-keys';
import {
  CheckpointRefused,
  CheckpointSummary,
  comparePositions,
  digestOf,
  loadWitness,
  summaryOf,
  Witness,
} from './checkpoint-witness';
import { WitnessDirectory } from './witness-directory';

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
