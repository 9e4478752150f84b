import { Injectable } from '@nestjs/common';
import { WrittenStreamFolds } from '../../common/written-stream-folds';
import { WorkflowDispatch } from '../../sagas/workflow-command';
import { CaseState } from './decider/case.state';

/** Case streams whose state one process keeps after writing them (a few kilobytes each). */
const WRITTEN_CASES_KEPT = 5_000;

/**
 * The case streams this process wrote last, as `CaseCommandRunner` left them: a case's next step
 * is decided on what its last one wrote, without a read.
 *
 * A saga's command set off by a case event may take the case's state from here too, when the
 * kept state is at or after that event: it is a state the stream really had since the event, as
 * a read would have given a moment later (and a redelivered event is read later still), so the
 * sagas' rules, which hold for any state from their event on, decide the same. Otherwise (kept
 * before the event, or nothing kept: another instance wrote the case) the command reads.
 */
@Injectable()
export class WrittenCases extends WrittenStreamFolds<CaseState> {
  constructor() {
    super(WRITTEN_CASES_KEPT);
  }

  /** The kept state of `streamId` when it includes the event that set the command off, else null. */
  sinceCause(streamId: string, dispatch: WorkflowDispatch): CaseState | null {
    const kept = this.get(streamId);
    const cause = dispatch.cause;
    if (!kept || !cause || cause.streamId !== streamId || kept.revision < cause.revision)
      return null;
    return kept.state;
  }
}
