import { EventStore, StoredEventRecord } from '../../event-store/event-store.port';
import { Keyring } from './checkpoint-keys';
import {
  CheckpointRefusalCode,
  CheckpointRefused,
  CheckpointSummary,
  comparePositions,
  loadWitness,
  summaryOf,
  Witness,
  WitnessStream,
} from './checkpoint-witness';
import {
  CheckpointFinding,
  coveredEventFinding,
  FirstFinding,
  insertedFinding,
} from './checkpoint-finding';
import { WitnessDirectory } from './witness-directory';
import { assertHoldsRecorded, RecordedCheckpoint } from './recorded-checkpoint';

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
  refusedCode?: CheckpointRefusalCode;
}

/** The first covered revision where the stored stream and the checkpoint part, or null. */
function firstParting(
  streamId: string,
  events: StoredEventRecord[],
  stream: WitnessStream,
): FirstFinding | null {
  if (events.length === 0)
    return {
      kind: 'deleted-stream',
      streamId,
      revision: 0,
      position: stream.positions![0],
      detail: `all ${stream.revision + 1} covered events are gone`,
    };
  for (let revision = 0; revision <= stream.revision; revision += 1) {
    const event = events[revision];
    if (!event || event.revision !== revision) {
      const isTail = events.length === revision;
      return {
        kind: isTail ? 'deleted-tail' : 'deleted-event',
        streamId,
        revision,
        position: stream.positions![revision],
        detail: isTail
          ? `revisions ${revision}..${stream.revision} are gone (the checkpoint covers up to ${stream.revision})`
          : `revision ${revision} is gone`,
      };
    }
    const finding = coveredEventFinding(event, stream, events[revision - 1]?.hash ?? null);
    if (finding) return finding;
  }
  return null;
}

const unchecked = (
  status: 'refused' | 'no-checkpoint',
  notYetCovered: number,
  refused?: CheckpointRefused,
): StreamCheckpointCheck => ({
  status,
  checkpoint: null,
  coveredRevision: null,
  notYetCovered,
  ...(refused === undefined ? {} : { refusedBecause: refused.message, refusedCode: refused.code }),
});

export async function checkStreamAgainstCheckpoint(input: {
  store: EventStore;
  dir: WitnessDirectory;
  keyring: Keyring;
  streamId: string;
  /** The latest checkpoint the database records: a folder without it is refused, not unsigned. */
  recorded?: RecordedCheckpoint | null;
}): Promise<StreamCheckpointCheck> {
  let witness: Witness;
  try {
    assertHoldsRecorded(input.dir, input.recorded);
    witness = loadWitness(input.dir, input.keyring, (id) => id === input.streamId);
  } catch (error) {
    if (!(error instanceof CheckpointRefused)) throw error;
    return unchecked('refused', 0, error);
  }
  const events = await input.store.readStreamStored(input.streamId);
  if (!witness.latest) return unchecked('no-checkpoint', events.length);
  const checkpoint = summaryOf(witness.latest.checkpoint);
  const at = witness.latest.checkpoint.position;
  const stream = witness.streams.get(input.streamId);
  const coveredRevision = stream?.revision ?? null;
  const after = events.filter((event) => event.revision > (stream?.revision ?? -1)).length;
  const early = stream
    ? null
    : events.find((event) => at !== null && comparePositions(event.position, at) <= 0);
  const parting = stream
    ? firstParting(input.streamId, events, stream)
    : early && insertedFinding(early);
  if (parting)
    return {
      status: 'parted',
      checkpoint,
      coveredRevision,
      notYetCovered: after,
      finding: { ...parting, further: 0 },
    };
  return {
    status: stream && after === 0 ? 'covered' : 'not-yet-covered',
    checkpoint,
    coveredRevision,
    notYetCovered: after,
  };
}
