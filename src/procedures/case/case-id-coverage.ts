import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { LegacyCaseIds } from './case-id-reservation';

/**
 * The stream recording that every case stream in the store has its id reservation
 * (`CaseIdsAllReserved`, written once by CaseIdBackfill). Its kind, `caseids`, names no record.
 */
export const CASE_ID_COVERAGE_STREAM = 'caseids-coverage';

/** While the store has no such record, how long one read of it answers before it is read again. */
const RECHECK_MS = 1_000;

/**
 * Whether a case id must still be looked for in the case streams of every procedure. Cases opened
 * before reservations existed have no reservation stream, so each lookup of an id also read the
 * first event of nine candidate case streams (90,000 of the 100,000 streams a batch of 10,000
 * transfers read). Once CaseIdBackfill has reserved every such case and recorded it, the
 * reservation stream alone answers: every opening since writes its reservation before or with
 * its case (the KurrentDB adapter, which appends stream by stream, writes it first), and a
 * reservation is released only while its case stream is absent (CaseIdReservations).
 *
 * Once the record is read, the answer is kept for the life of the process: the store only ever
 * gains reservations. Until then it is read at most once a second.
 */
@Injectable()
export class CaseIdCoverage implements LegacyCaseIds {
  private complete = false;
  private lastCheck: { at: number; answer: Promise<boolean> } | null = null;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async probesNeeded(): Promise<boolean> {
    return !(await this.isComplete());
  }

  /** Whether the store records that every case stream has its reservation. */
  isComplete(): Promise<boolean> {
    if (this.complete) return Promise.resolve(true);
    const now = performance.now();
    if (!this.lastCheck || now - this.lastCheck.at >= RECHECK_MS) {
      const answer = this.store.streamRevision(CASE_ID_COVERAGE_STREAM).then(
        (revision) => (this.complete ||= revision !== null),
        // Unknown is answered as not complete: the lookups then probe, which is always right.
        () => false,
      );
      this.lastCheck = { at: now, answer };
    }
    return this.lastCheck.answer;
  }

  /** The record was written (by this process's backfill). */
  markComplete(): void {
    this.complete = true;
  }
}
