import { DomainEvent } from '../../common/stream-decider';

export const STEP_DEADLINE_TIMER = 'step-deadline';

/** A step's deadline falls due at the end of its last day in Vietnam (UTC+7). */
export function endOfVietnamDay(day: string): string {
  return new Date(`${day}T17:00:00.000Z`).toISOString();
}

/** The part of a case stream the deadline check needs: which step is current, and what already lapsed. */
export interface DeadlineWatch {
  currentStepId: string | null;
  closed: boolean;
  missed: string[];
}

export const initialDeadlineWatch = (): DeadlineWatch => ({
  currentStepId: null,
  closed: false,
  missed: [],
});

/** Reads any procedure's case events by their common fields (firstStepId, nextStepId, stepId). */
export function evolveDeadlineWatch(state: DeadlineWatch, event: DomainEvent): DeadlineWatch {
  const data = event.data as { firstStepId?: string; nextStepId?: string | null; stepId?: string };
  if (
    event.type === 'CaseRejected' ||
    event.type === 'CaseWithdrawn' ||
    event.type === 'DisciplineCaseClosed'
  )
    return { ...state, closed: true, currentStepId: null };
  if (event.type === 'DeadlineMissed' && data.stepId)
    return { ...state, missed: [...state.missed, data.stepId] };
  if (typeof data.firstStepId === 'string') return { ...state, currentStepId: data.firstStepId };
  if (data.nextStepId !== undefined)
    return { ...state, currentStepId: data.nextStepId, closed: data.nextStepId === null };
  return state;
}

export type DeadlineCommand = {
  type: 'RecordDeadlineMissed';
  data: { caseId: string; stepId: string; dueOn: string; missedAt: string };
};

/**
 * A missed deadline is an event on the case, not a log line; it does not block the step. Nothing
 * happens when the step was done in time, the case closed, or the miss is already recorded.
 */
export function decideDeadlineMissed(
  state: DeadlineWatch,
  command: DeadlineCommand,
): DomainEvent[] {
  const { stepId } = command.data;
  if (state.closed || state.currentStepId !== stepId || state.missed.includes(stepId)) return [];
  return [{ type: 'DeadlineMissed', data: command.data }];
}

export const deadlineDecider = {
  initialState: initialDeadlineWatch,
  evolve: evolveDeadlineWatch,
  decide: (state: DeadlineWatch, command: DeadlineCommand) => decideDeadlineMissed(state, command),
};
