import { randomUUID } from 'node:crypto';
import { Clock } from '../../common/clock';
import { deterministicId } from '../../common/deterministic-id';
import { EventMetadata, RecordedEvent, systemMetadata } from '../../event-store/event-envelope';
import { WrongExpectedRevision } from '../../event-store/event-store.errors';
import { EventStore, StreamAppend } from '../../event-store/event-store.port';
import { caseOpeningPages } from './case-opening-pages';
import { caseDecider } from './decider/case.decider';
import {
  OpenCaseSlotEvent,
  OpenCaseSlotKey,
  openCaseSlotOf,
  openCaseSlotStream,
} from './open-case-slot';
import { OpenCaseSlotCoverage, OPEN_CASE_SLOT_COVERAGE_STREAM } from './open-case-slot-coverage';

const ACTOR = 'system:case-slots';

export interface OpenCaseSlotBackfillReport {
  /** The store already recorded that every open case has its claim: nothing was read. */
  alreadyComplete: boolean;
  /** Case streams found. */
  cases: number;
  /** Of those, open cases from before slots whose slot was claimed now. */
  claimed: number;
}

/**
 * Claims the slot of every case opened before open-case slots existed and still open, then records
 * that every open case holds its slot by a claim (`OpenCaseSlotsAllClaimed`), after which a slot
 * never claimed is free without asking the case list (OpenCaseSlotCoverage). One pass over the
 * case openings in the store's order; only a case whose slot has no stream at all is read whole
 * (every opening since slots claims one), and a claim is written at `no_stream` with an id derived
 * from the case, so a pass cut short and run again (or run by two instances) writes each one once.
 * Openings meanwhile ask the case list as before; one that claims a slot the pass is about to claim
 * makes the pass fail, and the next pass finds the slot claimed.
 */
export class OpenCaseSlotBackfill {
  constructor(
    private readonly store: EventStore,
    private readonly coverage: OpenCaseSlotCoverage,
    private readonly clock: Clock,
  ) {}

  /** One pass; `cancelled` is asked between pages (a stop: the next pass starts over). */
  async run(cancelled: () => boolean = () => false): Promise<OpenCaseSlotBackfillReport> {
    const report: OpenCaseSlotBackfillReport = { alreadyComplete: false, cases: 0, claimed: 0 };
    if (await this.coverage.isComplete()) return { ...report, alreadyComplete: true };
    const metadata = systemMetadata(ACTOR, randomUUID(), this.clock.now());
    // The first open case of a slot in the store's order holds it, as the case list answered.
    const claimedHere = new Set<string>();
    for await (const openings of caseOpeningPages(
      this.store,
      cancelled,
      'open-case slot backfill',
    )) {
      report.cases += openings.length;
      report.claimed += await this.claimUnclaimed(openings, claimedHere, metadata);
    }
    await this.record(report, metadata);
    this.coverage.markComplete();
    return report;
  }

  /** The slots of these openings that have no stream and whose case is still open, claimed. */
  private async claimUnclaimed(
    openings: RecordedEvent[],
    claimedHere: Set<string>,
    metadata: EventMetadata,
  ): Promise<number> {
    const slotStreams = openings.map((opening) => openCaseSlotStream(slotOpenedFor(opening)));
    const slots = await this.store.readStreams(slotStreams.map((streamId) => ({ streamId })));
    const unclaimed = openings.filter((_, at) => slots[at].length === 0);
    if (unclaimed.length === 0) return 0;
    const cases = await this.store.readStreams(unclaimed.map(({ streamId }) => ({ streamId })));
    const appends: StreamAppend[] = [];
    cases.forEach((events) => {
      const state = events.reduce(caseDecider.evolve, caseDecider.initialState());
      if (state.status !== 'open') return;
      const streamId = openCaseSlotStream(openCaseSlotOf(state));
      if (claimedHere.has(streamId)) return;
      claimedHere.add(streamId);
      const claim: OpenCaseSlotEvent = {
        type: 'OpenCaseSlotClaimed',
        data: { caseId: state.caseId, backfilled: true },
      };
      appends.push({
        streamId,
        expectedRevision: 'no_stream',
        events: [
          { id: deterministicId('open-case-slot-backfill', state.caseId), ...claim, metadata },
        ],
      });
    });
    // An opener claiming one of these slots meanwhile makes the write fail: the pass is run again.
    if (appends.length) await this.store.appendMany(appends);
    return appends.length;
  }

  private async record(report: OpenCaseSlotBackfillReport, metadata: EventMetadata): Promise<void> {
    try {
      await this.store.append(
        OPEN_CASE_SLOT_COVERAGE_STREAM,
        [
          {
            id: randomUUID(),
            type: 'OpenCaseSlotsAllClaimed',
            data: { cases: report.cases, claimed: report.claimed },
            metadata,
          },
        ],
        { expectedRevision: 'no_stream' },
      );
    } catch (error) {
      // Another instance's pass recorded it first.
      if (!(error instanceof WrongExpectedRevision)) throw error;
    }
  }
}

/** The slot a case's opening names (as its state holds it: procedure, person, post). */
function slotOpenedFor(opening: RecordedEvent): OpenCaseSlotKey {
  const data = opening.data as Partial<Record<keyof OpenCaseSlotKey | 'definitionId', string>>;
  return openCaseSlotOf({
    procedure: String(data.procedure ?? ''),
    definitionId: String(data.definitionId ?? ''),
    personId: String(data.personId ?? ''),
    positionId: String(data.positionId ?? ''),
  });
}
