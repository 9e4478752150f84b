import { EventStore, StoredEventRecord } from '../../event-store/event-store.port';
import { Keyring } from './checkpoint-keys';
import { loadWitness, rootOf } from './checkpoint-witness';
import { inclusionPath, leafHash, ProofStep, StreamHead } from './merkle';
import { SignedCheckpoint, WitnessDirectory } from './witness-directory';

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
