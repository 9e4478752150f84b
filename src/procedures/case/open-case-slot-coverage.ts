import { Inject, Injectable } from '@nestjs/common';
import { CoverageRecord } from '../../common/coverage-record';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';

/**
 * The stream recording that every case left open from before open-case slots existed has its
 * claim in its slot's stream (`OpenCaseSlotsAllClaimed`, written once by OpenCaseSlotBackfill).
 * Its kind, `caseslots`, names no record (slot streams are `caseslot-…`).
 */
export const OPEN_CASE_SLOT_COVERAGE_STREAM = 'caseslots-coverage';

/**
 * Whether a slot never claimed must still be looked up in the case list: a case opened before
 * slots existed holds its slot without a claim, so every opening of a free slot also asked the
 * case list for such a case (one statement an opening). Once OpenCaseSlotBackfill has claimed the
 * slot of every such case still open and recorded it, the slot's stream alone answers: every
 * opening since claims its slot before or with its case.
 */
@Injectable()
export class OpenCaseSlotCoverage extends CoverageRecord {
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(store, OPEN_CASE_SLOT_COVERAGE_STREAM);
  }
}
