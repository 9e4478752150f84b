import { DomainEvent } from '../../../common/stream-decider';
import { StepCorrectedData } from '../../../workflow/step-engine';
import { asCaseStreamEvent } from '../case-stream';

export const STEP_DEADLINE_TIMER = 'step-deadline';

/** A step's deadline falls due at the end of its last day in Vietnam (UTC+7). */
export function endOfVietnamDay(day: string): string {
  return new Date(`${day}T17:00:00.000Z`).toISOString();
}

/** The part of a case stream the deadline check needs: which step is current, and what already lapsed. */
export interface DeadlineWatch {
  currentStepId: string | null;
  /** The current step's due day: a timer for another day is one a recomputation replaced. */
  currentStepDueOn: string | null;
  /** The current step's visit (`stepVisits`), as the event that made it current names it. */
  currentStepVisit: number;
  closed: boolean;
  /**
   * The current step's deadline was missed on this visit. A step the case comes to again (a
   * vetting found incomplete after all, a decision step reached again) may miss it again; each
   * visit's miss is recorded once.
   */
  currentStepMissed: boolean;
}

export const initialDeadlineWatch = (): DeadlineWatch => ({
  currentStepId: null,
  currentStepDueOn: null,
  currentStepVisit: 1,
  closed: false,
  currentStepMissed: false,
});

/** The case moved onto a step (again, or another), or stayed on the one it was on. */
function moved(
  state: DeadlineWatch,
  next: { stepId: string | null; dueOn: string | null; visit: number | undefined; anew: boolean },
): DeadlineWatch {
  return {
    ...state,
    currentStepId: next.stepId,
    currentStepDueOn: next.dueOn,
    closed: next.stepId === null,
    ...(next.anew ? { currentStepVisit: next.visit ?? 1, currentStepMissed: false } : {}),
  };
}

/** Follows any procedure's case events, by type, to the step that is current and what lapsed. */
export function evolveDeadlineWatch(state: DeadlineWatch, event: DomainEvent): DeadlineWatch {
  const e = asCaseStreamEvent(event);
  switch (e.type) {
    case 'CaseOpened':
    case 'DisciplineCaseOpened':
      return {
        ...state,
        currentStepId: e.data.firstStepId,
        currentStepDueOn: e.data.firstStepDueOn ?? null,
      };
    case 'ProposalRecorded':
    case 'MeetingRecorded':
    case 'NominationTallied':
    case 'BallotTallied':
    case 'ElectionResultRecorded':
    case 'CandidatesRegistered':
    case 'ExamScoresRecorded':
    case 'VettingItemsRecorded':
    case 'DecisionIssued':
    case 'DisciplineStepRecorded':
    case 'DisciplineBallotTallied':
    case 'DisciplineDecided':
    case 'DisciplineTimeBarred':
      return moved(state, {
        stepId: e.data.nextStepId,
        dueOn: e.data.nextStepDueOn ?? null,
        visit: e.data.nextStepVisit,
        anew: e.data.nextStepId !== e.data.stepId,
      });
    case 'StepCorrected':
      return correctedTo(state, e.data);
    case 'CaseRejected':
    case 'CaseWithdrawn':
    case 'DisciplineCaseClosed':
      return { ...state, closed: true, currentStepId: null };
    case 'DeadlineMissed':
      return e.data.stepId === state.currentStepId ? { ...state, currentStepMissed: true } : state;
    case 'StepDeadlineRecomputed':
      return e.data.stepId === state.currentStepId
        ? { ...state, currentStepDueOn: e.data.dueOn }
        : state;
    case 'DisciplineTimeLimitExtended':
      return dueCountedAgain(state, e.data.currentStepDue);
    case 'VettingItemResolved':
    case 'VettingItemFlaggedFromRecord':
    case 'VettingItemClearedFromRecord':
    case 'RenewedTermCorrected':
    case 'DisciplineComplaintFiled':
    case 'DisciplineComplaintReviewed':
      return state;
    default: {
      const unknownType: never = e;
      void unknownType;
      return state;
    }
  }
}

/**
 * The corrected version says where the case stands; a case it ends is closed by the event after
 * it. A step it sends the case to (or back to) is a new visit; one the replaced version had sent
 * it to already, the same.
 */
function correctedTo(state: DeadlineWatch, data: StepCorrectedData): DeadlineWatch {
  const next = (data.corrected.data.nextStepId as string | null) ?? null;
  return moved(state, {
    stepId: next,
    dueOn: (data.corrected.data.nextStepDueOn as string | null) ?? null,
    visit: data.nextStepVisit,
    anew: next !== data.replacedNextStepId,
  });
}

/** A longer time to decide that gave the current step another due day. */
function dueCountedAgain(
  state: DeadlineWatch,
  due: { stepId: string; dueOn: string } | undefined,
): DeadlineWatch {
  return due?.stepId === state.currentStepId ? { ...state, currentStepDueOn: due.dueOn } : state;
}

export type DeadlineCommand = {
  type: 'RecordDeadlineMissed';
  data: { caseId: string; stepId: string; dueOn: string; missedAt: string };
};

/**
 * A missed deadline is an event on the case, not a log line; it does not block the step. Nothing
 * happens when the step was done in time, the case closed, the miss is already recorded for the
 * step's current visit, or the timer is for a due day a recomputation replaced (its own timer
 * carries the new day). A timer of an earlier visit of the step with the current one's due day
 * records the current visit's miss: that day passed with the step undone all the same.
 */
export function decideDeadlineMissed(
  state: DeadlineWatch,
  command: DeadlineCommand,
): DomainEvent[] {
  const { stepId } = command.data;
  if (state.closed || state.currentStepId !== stepId || state.currentStepMissed) return [];
  if (state.currentStepDueOn !== null && state.currentStepDueOn !== command.data.dueOn) return [];
  const visit = state.currentStepVisit > 1 ? { stepVisit: state.currentStepVisit } : {};
  return [{ type: 'DeadlineMissed', data: { ...command.data, ...visit } }];
}

export const deadlineDecider = {
  initialState: initialDeadlineWatch,
  evolve: evolveDeadlineWatch,
  decide: (state: DeadlineWatch, command: DeadlineCommand) => decideDeadlineMissed(state, command),
};
