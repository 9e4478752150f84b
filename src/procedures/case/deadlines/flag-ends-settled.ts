import { evolveAll } from '../../../common/decided-append';
import { NewEvent } from '../../../event-store/event-envelope';
import { writtenWith } from '../../../sagas/written-with';
import { caseDecider } from '../decider/case.decider';
import { CaseState } from '../decider/case.state';
import { closesCase } from './closed-case-timers';
import { VETTING_FLAG_END_SAGA } from './vetting-flag-end';

/**
 * A write that closes a case whose vetting never recorded a flag ending by time marks its closing
 * event as the vetting-flag-end saga's own (`writtenWith`): the case has no timer of that saga to
 * cancel, and the saga leaves the event be instead of reading the case's stream to find none (one
 * read a case, issue 21). The case's state holds every event before the write (appended at its
 * revision), so the mark is true whichever write it goes with; a case that ever had such a timer
 * is left unmarked and swept as before.
 */
export function markedFlagEndsSettled(state: CaseState, events: readonly NewEvent[]): NewEvent[] {
  if (state.status !== 'open') return [...events];
  const after = evolveAll(caseDecider, state, events);
  if (after.status === 'open' || after.status === 'none' || after.flagEndsByTime)
    return [...events];
  return events.map((event) =>
    closesCase(event) ? writtenWith(event, VETTING_FLAG_END_SAGA) : event,
  );
}
