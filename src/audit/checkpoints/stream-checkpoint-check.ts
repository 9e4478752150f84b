import { EventStore } from '../../event-store/event-store.port';
import { chainHash } from '../../event-store/hash-chain';
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
import { CheckpointFinding } from './verify-against-checkpoint';
import { WitnessDirectory } from './witness-directory';

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
