import { DomainEvent } from '../../../common/stream-decider';
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
  closed: boolean;
  missed: string[];
}

export const initialDeadlineWatch = (): DeadlineWatch => ({
  currentStepId: null,
  currentStepDueOn: null,
  closed: false,
  missed: [],
});

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
      return {
        ...state,
        currentStepId: e.data.nextStepId,
        currentStepDueOn: e.data.nextStepDueOn ?? null,
        closed: e.data.nextStepId === null,
      };
    case 'StepCorrected': {
      // The corrected version says where the case stands; a case it ends is closed by the event after it.
      const next = (e.data.corrected.data.nextStepId as string | null) ?? null;
      const dueOn = (e.data.corrected.data.nextStepDueOn as string | null) ?? null;
      return { ...state, currentStepId: next, currentStepDueOn: dueOn, closed: next === null };
    }
    case 'CaseRejected':
    case 'CaseWithdrawn':
    case 'DisciplineCaseClosed':
      return { ...state, closed: true, currentStepId: null };
    case 'DeadlineMissed':
      return { ...state, missed: [...state.missed, e.data.stepId] };
    case 'StepDeadlineRecomputed':
      return e.data.stepId === state.currentStepId
        ? { ...state, currentStepDueOn: e.data.dueOn }
        : state;
    case 'DisciplineTimeLimitExtended':
      return dueCountedAgain(state, e.data.currentStepDue);
    case 'VettingItemResolved':
    case 'VettingItemFlaggedFromRecord':
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
 * happens when the step was done in time, the case closed, the miss is already recorded, or the
 * timer is for a due day a recomputation replaced (its own timer carries the new day).
 */
export function decideDeadlineMissed(
  state: DeadlineWatch,
  command: DeadlineCommand,
): DomainEvent[] {
  const { stepId } = command.data;
  if (state.closed || state.currentStepId !== stepId || state.missed.includes(stepId)) return [];
  if (state.currentStepDueOn !== null && state.currentStepDueOn !== command.data.dueOn) return [];
  return [{ type: 'DeadlineMissed', data: command.data }];
}

export const deadlineDecider = {
  initialState: initialDeadlineWatch,
  evolve: evolveDeadlineWatch,
  decide: (state: DeadlineWatch, command: DeadlineCommand) => decideDeadlineMissed(state, command),
};
