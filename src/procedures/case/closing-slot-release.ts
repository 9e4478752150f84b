import { evolveAll } from '../../common/decided-append';
import { AlongsideWrite } from '../../common/stream-command-runner';
import { StreamAppend } from '../../event-store/event-store.port';
import { EventMetadata, NewEvent } from '../../event-store/event-envelope';
import { writtenWith } from '../../sagas/written-with';
import { OPEN_CASE_SLOT_RELEASE_SAGA } from './open-case-slot-release.saga';
import { caseDecider } from './decider/case.decider';
import { CaseState } from './decider/case.state';
import { OpenCaseSlots } from './open-case-slots';
import { openCaseSlotOf, slotsToRelease } from './open-case-slot';

/**
 * A command that closes an open case (decides, rejects, withdraws it) frees the case's open-case
 * slot in the same write as its events: before, the release was a second read and write after the
 * case's, one more round trip on the decision's answer and a window in which a crash left the
 * slot held (the release saga mended it later). `plan` is the write's `alongside`; it runs on
 * every attempt, and remembers whether the attempt that wrote planned the release (or found that
 * the case holds no slot), so `releaseUnlessWritten` does not release it again. Where that write
 * is all or nothing, the closing is marked so that the release saga leaves it be too.
 */
export class ClosingSlotRelease {
  private planned = false;

  constructor(
    private readonly slots: OpenCaseSlots,
    private readonly caseId: string,
    private readonly metadata: EventMetadata,
    private readonly atomic: boolean,
  ) {}

  readonly plan = async (
    state: CaseState,
    events: readonly NewEvent[],
  ): Promise<AlongsideWrite> => {
    this.planned = false;
    const unchanged = { appends: [], events: [...events] };
    if (state.status !== 'open') return unchanged;
    const after = evolveAll(caseDecider, state, events);
    if (after.status === 'open' || after.status === 'none') return unchanged;
    let release: StreamAppend | null = null;
    for (const slot of slotsToRelease(after))
      release ??= await this.slots.planRelease(slot, this.caseId, after.status, this.metadata);
    this.planned = true;
    return {
      appends: release ? [release] : [],
      // The release saga sees only the closing event among them.
      events: this.atomic
        ? events.map((event) => writtenWith(event, OPEN_CASE_SLOT_RELEASE_SAGA))
        : [...events],
    };
  };

  /**
   * After the write: a case that it closed frees its slot here unless the write did (`plan`):
   * a correction that rejects a case again, or a repeated delivery of the command (a saga, or a
   * retry after a crash), which releases again; the release does nothing once the case no
   * longer holds the slot.
   */
  async releaseUnlessWritten(result: {
    state: CaseState;
    appended: readonly { type: string }[];
    replayed: boolean;
  }): Promise<void> {
    const { state } = result;
    // An opening's claim went with it: its closing here may release the slot without a read.
    const opened = !result.replayed && result.appended[0]?.type === 'CaseOpened';
    if (this.atomic && opened && state.status !== 'none')
      this.slots.claimWritten(openCaseSlotOf(state), this.caseId);
    if (state.status === 'open' || state.status === 'none' || result.appended.length === 0) return;
    if (this.planned && !result.replayed) return;
    for (const slot of slotsToRelease(state))
      await this.slots.release(slot, this.caseId, state.status, this.metadata);
  }
}
