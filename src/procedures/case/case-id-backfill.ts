import { randomUUID } from 'node:crypto';
import { Clock } from '../../common/clock';
import { deterministicId } from '../../common/deterministic-id';
import { parseStreamName } from '../../audit/stream-name';
import { EventMetadata, RecordedEvent, systemMetadata } from '../../event-store/event-envelope';
import { WrongExpectedRevision } from '../../event-store/event-store.errors';
import { EventStore, StreamAppend } from '../../event-store/event-store.port';
import { CaseIdCoverage, CASE_ID_COVERAGE_STREAM } from './case-id-coverage';
import { CaseIdEvent, caseIdHolder, caseIdStream } from './case-id-reservation';
import { caseOpeningPages } from './case-opening-pages';

const ACTOR = 'system:case-ids';

export interface CaseIdBackfillReport {
  /** The store already recorded that every case has its reservation: nothing was read. */
  alreadyComplete: boolean;
  /** Case streams found. */
  cases: number;
  /** Of those, cases from before reservations that were reserved now. */
  reserved: number;
  /** Ids whose reservation names another procedure's case (two cases of one id from before). */
  heldByAnother: string[];
}

/**
 * Reserves the id of every case opened before id reservations existed, then records that every
 * case stream has its reservation (`CaseIdsAllReserved`), after which a case id is looked up in
 * its reservation stream alone (CaseIdCoverage). One pass over the case streams' events in the
 * store's order; each reservation is written at the revision read and with an id derived from the
 * case, so a pass cut short and run again (or run by two instances) writes each one once. Openings
 * meanwhile reserve their own ids; until the record exists, lookups probe as before.
 */
export class CaseIdBackfill {
  constructor(
    private readonly store: EventStore,
    private readonly coverage: CaseIdCoverage,
    private readonly clock: Clock,
  ) {}

  /** One pass; `cancelled` is asked between pages (a stop: the next pass starts over). */
  async run(cancelled: () => boolean = () => false): Promise<CaseIdBackfillReport> {
    const report: CaseIdBackfillReport = {
      alreadyComplete: false,
      cases: 0,
      reserved: 0,
      heldByAnother: [],
    };
    if (await this.coverage.isComplete()) return { ...report, alreadyComplete: true };
    const correlationId = randomUUID();
    for await (const openings of caseOpeningPages(this.store, cancelled, 'case id backfill'))
      await this.reserveOpenings(openings, report, correlationId);
    await this.record(report, correlationId);
    this.coverage.markComplete();
    return report;
  }

  /** These case openings whose id no reservation holds, reserved. */
  private async reserveOpenings(
    events: RecordedEvent[],
    report: CaseIdBackfillReport,
    correlationId: string,
  ): Promise<void> {
    const openings = events.map((event) => {
      const { kind, id } = parseStreamName(event.streamId);
      return { procedure: kind, caseId: id };
    });
    report.cases += openings.length;
    const reservations = await this.store.readStreams(
      openings.map(({ caseId }) => ({ streamId: caseIdStream(caseId) })),
    );
    const appends: StreamAppend[] = [];
    // The first case of an id in the store's order gets it, as when it was reserved before.
    const reservedHere = new Map<string, string>();
    openings.forEach(({ procedure, caseId }, at) => {
      const events = reservations[at];
      const holder = reservedHere.get(caseId) ?? caseIdHolder(events)?.procedure;
      if (holder === procedure) return;
      if (holder !== undefined) return void report.heldByAnother.push(caseId);
      reservedHere.set(caseId, procedure);
      const event: CaseIdEvent = {
        type: 'CaseIdReserved',
        data: { caseId, procedure, backfilled: true },
      };
      appends.push({
        streamId: caseIdStream(caseId),
        expectedRevision: events.at(-1)?.revision ?? 'no_stream',
        events: [
          {
            id: deterministicId('case-id-backfill', caseId, procedure, String(events.length)),
            ...event,
            metadata: this.metadata(correlationId),
          },
        ],
      });
    });
    // An opener reserving one of these ids meanwhile makes the write fail: the pass is run again.
    if (appends.length) await this.store.appendMany(appends);
    report.reserved += appends.length;
  }

  private async record(report: CaseIdBackfillReport, correlationId: string): Promise<void> {
    try {
      await this.store.append(
        CASE_ID_COVERAGE_STREAM,
        [
          {
            id: randomUUID(),
            type: 'CaseIdsAllReserved',
            data: {
              cases: report.cases,
              reserved: report.reserved,
              heldByAnother: report.heldByAnother.length,
            },
            metadata: this.metadata(correlationId),
          },
        ],
        { expectedRevision: 'no_stream' },
      );
    } catch (error) {
      // Another instance's pass recorded it first.
      if (!(error instanceof WrongExpectedRevision)) throw error;
    }
  }

  private metadata(correlationId: string): EventMetadata {
    return systemMetadata(ACTOR, correlationId, this.clock.now());
  }
}
