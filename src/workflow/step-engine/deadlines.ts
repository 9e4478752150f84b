import { addCalendarDays, WorkingDayCalendar } from '../calendar/working-day-calendar';
import { StepDefinition } from '../definitions/procedure-definition';
import { StepContext } from './step-context';

/**
 * A legal time limit that governs some of a case's steps: the civil-service time to decide
 * (thời hạn xử lý kỷ luật) governs every step of the case, the talk with a cadre who resigns
 * (hạn trao đổi với cán bộ, counted from the letter) the talk. A step it governs is never due
 * after it, whatever the step's own time limit says.
 */
export interface GoverningDeadline {
  /** Its last day. */
  dueOn: string;
  /** Which limit it is, as the views name it (e.g. `discipline.time_limit`). */
  rule: string;
  /** The steps it governs. */
  stepIds: string[];
  /** More limits, each on other steps (a resignation's talk and its decision). */
  others?: Omit<GoverningDeadline, 'others'>[];
}

/** The limit that governs this step, of the case's (null: none does). */
export function limitGoverning(
  stepId: string | undefined,
  governing: GoverningDeadline | null | undefined,
): Omit<GoverningDeadline, 'others'> | null {
  if (!governing || stepId === undefined) return null;
  return [governing, ...(governing.others ?? [])].find((l) => l.stepIds.includes(stepId)) ?? null;
}

/** A step's own due day, no later than the legal limit governing it (when one does). */
export function withinGoverningDeadline(
  stepId: string | undefined,
  due: string | null,
  governing: GoverningDeadline | null | undefined,
): string | null {
  const limit = limitGoverning(stepId, governing);
  if (due === null || !limit) return due;
  return limit.dueOn < due ? limit.dueOn : due;
}

/**
 * When a step that becomes current today is due, under its definition and the calendar: working
 * days, or calendar days whose last day moves to the next working day when it is off; never after
 * the legal limit governing it (`context.governingDeadline`).
 */
export function dueOn(step: StepDefinition | undefined, context: StepContext): string | null {
  return withinGoverningDeadline(
    step?.id,
    dueFrom(step, context.today, context.calendar),
    context.governingDeadline,
  );
}

/** The step's own due day, for a step that became current on `from` (a deadline counted again). */
export function dueFrom(
  step: StepDefinition | undefined,
  from: string,
  calendar: WorkingDayCalendar,
): string | null {
  if (!step?.deadline) return null;
  if (step.deadline.workingDays) return calendar.addWorkingDays(from, step.deadline.workingDays);
  return calendar.periodEnd(addCalendarDays(from, step.deadline.days ?? 0));
}
