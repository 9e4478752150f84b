import { EventStore, StoredEventRecord } from '../../event-store/event-store.port';
import { storedNameMatchesVersion } from '../../event-store/stored-event-names';
import { chainBreakAt, chainBreakReason } from '../../event-store/stored-chain-verification';
import { Keyring } from './checkpoint-keys';
import {
  CheckpointRefusalCode,
  CheckpointRefused,
  CheckpointSummary,
  comparePositions,
  loadWitness,
  summaryOf,
  Witness,
} from './checkpoint-witness';
import { WitnessDirectory } from './witness-directory';
import { assertHoldsRecorded, RecordedCheckpoint } from './recorded-checkpoint';
import {
  CheckpointFinding,
  coveredEventFinding,
  FirstFinding,
  insertedFinding,
  missingFinding,
} from './checkpoint-finding';

export type { CheckpointFinding, FindingKind } from './checkpoint-finding';

export interface CheckpointVerification {
  status: 'no-checkpoint' | 'intact' | 'tampered' | 'refused';
  checkpoint: CheckpointSummary | null;
  /** Covered events found as signed. */
  covered: number;
  /** Events after the checkpoint's position: not yet covered by any signed checkpoint. */
  notYetCovered: number;
  findings: CheckpointFinding[];
  refusedBecause?: string;
  refusedCode?: CheckpointRefusalCode;
}

/**
 * One walk over the store in position order, keeping the first finding per stream: covered events
 * against the checkpoint, and every event after it against its own chain (content and link, as
 * `verifyStream` checks a stream), so a change the checkpoint cannot see yet is not passed over.
 */
class CheckpointWalk {
  readonly findings = new Map<string, CheckpointFinding>();
  /** Per covered stream, which covered revisions the walk met. */
  private readonly seen = new Map<string, Uint8Array>();
  /** Per stream, the last event the walk met: its revision and stored link. */
  private readonly previousStored = new Map<string, { revision: number; hash: string }>();
  /** The first chain break after the checkpoint per stream, reported when nothing else is. */
  private readonly chainBreaks = new Map<string, CheckpointFinding>();
  covered = 0;
  notYetCovered = 0;

  constructor(
    private readonly witness: Witness,
    private readonly at: string | null,
  ) {}

  visit(event: StoredEventRecord): void {
    const stream = this.witness.streams.get(event.streamId);
    const last = this.previousStored.get(event.streamId);
    this.previousStored.set(event.streamId, { revision: event.revision, hash: event.hash });
    const storedPrevious = last?.hash;
    const inCovered = this.at !== null && comparePositions(event.position, this.at) <= 0;
    const witnessed = stream && event.revision <= stream.revision;
    if (!inCovered) {
      this.notYetCovered += 1;
      if (witnessed)
        this.note({
          kind: 'moved',
          streamId: event.streamId,
          revision: event.revision,
          position: event.position,
          detail: `covered at position ${stream.positions![event.revision]}, now stored after the checkpoint`,
        });
      else this.checkChain(event, last);
      return;
    }
    if (!witnessed) return this.note(insertedFinding(event));
    const marks = this.seen.get(event.streamId) ?? new Uint8Array(stream.revision + 1);
    marks[event.revision] = 1;
    this.seen.set(event.streamId, marks);
    const previous = storedPrevious === undefined || event.revision === 0 ? null : storedPrevious;
    const finding = coveredEventFinding(event, stream, previous) ?? misnamed(event);
    if (finding) this.note(finding);
    else this.covered += 1;
  }

  /** An event after the checkpoint against the link of the one before it in its stream. */
  private checkChain(event: StoredEventRecord, last?: { revision: number; hash: string }): void {
    const expected = last ? last.revision + 1 : 0;
    const broken = chainBreakAt(event, expected, last && expected > 0 ? last.hash : null);
    if (!broken) return;
    const first = this.chainBreaks.get(event.streamId);
    if (first) first.further += 1;
    else
      this.chainBreaks.set(event.streamId, {
        kind: 'chain-broken',
        streamId: event.streamId,
        revision: broken === 'revision_missing' ? expected : event.revision,
        position: event.position,
        detail:
          broken === 'revision_missing'
            ? `not yet covered: revision ${expected} is missing (revision ${event.revision} comes next)`
            : `not yet covered: ${chainBreakReason(broken, expected)}`,
        further: 0,
      });
  }

  /**
   * Covered events the walk never met: deleted streams, tails, single events; then the chain
   * breaks after the checkpoint of streams with no other finding (a covered tail deleted under
   * later events shows as that, not as the gap it leaves).
   */
  noteMissing(): void {
    for (const [streamId, stream] of this.witness.streams) {
      if (this.findings.has(streamId)) continue;
      const marks = this.seen.get(streamId);
      const missing: number[] = [];
      for (let revision = 0; revision <= stream.revision; revision += 1)
        if (!marks || marks[revision] !== 1) missing.push(revision);
      if (missing.length > 0)
        this.findings.set(streamId, missingFinding(streamId, stream, missing, !marks));
    }
    for (const [streamId, broken] of this.chainBreaks)
      if (!this.findings.has(streamId)) this.findings.set(streamId, broken);
  }

  private note(finding: FirstFinding): void {
    const first = this.findings.get(finding.streamId);
    if (first) first.further += 1;
    else this.findings.set(finding.streamId, { ...finding, further: 0 });
  }
}

/** A stored name whose version suffix is not the event's schema version: the name was rewritten. */
function misnamed(event: StoredEventRecord): FirstFinding | null {
  if (storedNameMatchesVersion(event.storedType, event.schemaVersion)) return null;
  return {
    kind: 'rewritten',
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    detail: `stored name ${event.storedType} does not match schema version ${event.schemaVersion}`,
  };
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
  /** The latest checkpoint the database records: a folder without it is refused, not unsigned. */
  recorded?: RecordedCheckpoint | null;
}): Promise<CheckpointVerification> {
  let witness: Witness;
  try {
    assertHoldsRecorded(input.dir, input.recorded);
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
      refusedCode: error.code,
    };
  }
  const limit = input.pageSize ?? 2000;
  const walk = new CheckpointWalk(witness, witness.latest?.checkpoint.position ?? null);
  let from: string = 'start';
  for (;;) {
    const page = await input.store.readAllStored(from, limit);
    for (const event of page) {
      from = event.position;
      walk.visit(event);
    }
    if (page.length < limit) break;
  }
  walk.noteMissing();
  return {
    status: walk.findings.size > 0 ? 'tampered' : witness.latest ? 'intact' : 'no-checkpoint',
    checkpoint: witness.latest ? summaryOf(witness.latest.checkpoint) : null,
    covered: walk.covered,
    notYetCovered: walk.notYetCovered,
    findings: [...walk.findings.values()],
  };
}
