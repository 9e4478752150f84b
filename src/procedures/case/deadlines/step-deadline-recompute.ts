import { vietnamDay } from '../../../common/vietnam-day';
import { DomainEvent } from '../../../common/stream-decider';
import { RecordedEvent } from '../../../event-store/event-envelope';
import { WorkingDayCalendar } from '../../../workflow/calendar/working-day-calendar';
import { ProcedureDefinition } from '../../../workflow/definitions/procedure-definition';
import { dueFrom, GoverningDeadline, withinGoverningDeadline } from '../../../workflow/step-engine';
import { currentVisit, StepHistory } from '../../../workflow/step-engine/step-visits';

export interface RecomputeStepDeadline {
  type: 'RecomputeStepDeadline';
  data: { caseId: string; stepId: string; countedFrom: string; previousDueOn: string };
}

export interface RecomputeContext {
  definition: ProcedureDefinition;
  calendar: WorkingDayCalendar;
  /** The legal limit the case's steps may not be due after (a resignation's talk, the time to decide). */
  governingDeadline?: GoverningDeadline | null;
}

/**
 * Where a case (appointment or discipline alike) stands: its current step, that step's due day,
 * and the steps that moved it (which visit of the step is current).
 */
type StepPosition = { status: string } & StepHistory &
  Partial<{
    currentStep: number;
    currentStepDueOn: string | null;
  }>;

/**
 * The day a step became current, from which its time limit was counted, as the decider counted
 * it: the opening's day for the first step, else the day the step that moved the case onto it
 * was held (`heldOn`: a step recorded after the fact, from paper, counts from when it was held,
 * not from when it was typed in), a correction's version when a correction moved it. A step the
 * case stays on, or a correction sends back to (it keeps the due day it had), counts from the
 * step that made it current before. The Vietnam day the event was appended stands in for an
 * event without the day.
 */
export function currentStepCountedFrom(events: RecordedEvent[], stepId: string): string | null {
  for (let i = events.length - 1; i >= 0; i -= 1) {
    const { type, data, metadata } = events[i];
    const opening = type === 'CaseOpened' || type === 'DisciplineCaseOpened';
    const moved = (
      type === 'StepCorrected' ? (data.corrected as { data: Record<string, unknown> }).data : data
    ) as { stepId?: unknown; nextStepId?: unknown; heldOn?: unknown };
    const startedHere = opening
      ? data.firstStepId === stepId
      : moved.nextStepId === stepId && moved.stepId !== stepId;
    if (!startedHere) continue;
    const day = opening ? data.openedOn : moved.heldOn;
    return typeof day === 'string' ? day : vietnamDay(new Date(metadata.occurredAt));
  }
  return null;
}

/**
 * Counts the current step's time limit again under the calendar and definition now in force, no
 * later than the legal limit governing it (a deadline stored before that cap was applied gets
 * it). Nothing happens when the case moved on (another step, closed) or the stored due day was
 * already replaced, or when the count gives the same day.
 */
export function decideStepDeadlineRecompute(
  state: StepPosition,
  command: RecomputeStepDeadline,
  context: RecomputeContext,
): DomainEvent[] {
  if (state.status !== 'open' || state.currentStep === undefined) return [];
  const { caseId, stepId, countedFrom, previousDueOn } = command.data;
  const step = context.definition.steps[state.currentStep];
  if (step?.id !== stepId || state.currentStepDueOn !== previousDueOn) return [];
  const dueOn = withinGoverningDeadline(
    step.id,
    dueFrom(step, countedFrom, context.calendar),
    context.governingDeadline,
  );
  if (dueOn === null || dueOn === previousDueOn) return [];
  // The visit names the timer the new day's takes over from: a step the case came to again has
  // its own (step-deadline.saga.ts).
  const visit = currentVisit(state, stepId);
  return [
    {
      type: 'StepDeadlineRecomputed',
      data: {
        caseId,
        stepId,
        countedFrom,
        previousDueOn,
        dueOn,
        calendarVersion: context.calendar.version,
        provisional: context.calendar.isProvisionalBetween(countedFrom, dueOn),
        ...(visit > 1 ? { stepVisit: visit } : {}),
      },
    },
  ];
}
