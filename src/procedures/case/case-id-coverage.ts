import { Inject, Injectable } from '@nestjs/common';
import { CoverageRecord } from '../../common/coverage-record';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { LegacyCaseIds } from './case-id-reservation';

/**
 * The stream recording that every case stream in the store has its id reservation
 * (`CaseIdsAllReserved`, written once by CaseIdBackfill). Its kind, `caseids`, names no record.
 */
export const CASE_ID_COVERAGE_STREAM = 'caseids-coverage';

/**
 * Whether a case id must still be looked for in the case streams of every procedure. Cases opened
 * before reservations existed have no reservation stream, so each lookup of an id also read the
 * first event of nine candidate case streams (90,000 of the 100,000 streams a batch of 10,000
 * transfers read). Once CaseIdBackfill has reserved every such case and recorded it, the
 * reservation stream alone answers: every opening since writes its reservation before or with
 * its case (the KurrentDB adapter, which appends stream by stream, writes it first), and a
 * reservation is released only while its case stream is absent (CaseIdReservations).
 */
@Injectable()
export class CaseIdCoverage extends CoverageRecord implements LegacyCaseIds {
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(store, CASE_ID_COVERAGE_STREAM);
  }

  async probesNeeded(): Promise<boolean> {
    return !(await this.isComplete());
  }
}
