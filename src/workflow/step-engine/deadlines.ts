import { addCalendarDays, WorkingDayCalendar } from '../calendar/working-day-calendar';
import { StepDefinition } from '../definitions/procedure-definition';
import { StepContext } from './step-context';

/**
 * When a step that becomes current today is due, under its definition and the calendar: working
 * days, or calendar days whose last day moves to the next working day when it is off.
 */
export function dueOn(step: StepDefinition | undefined, context: StepContext): string | null {
  return dueFrom(step, context.today, context.calendar);
}

/** The same, for a step that became current on `from` (a deadline counted again). */
export function dueFrom(
  step: StepDefinition | undefined,
  from: string,
  calendar: WorkingDayCalendar,
): string | null {
  if (!step?.deadline) return null;
  if (step.deadline.workingDays) return calendar.addWorkingDays(from, step.deadline.workingDays);
  return calendar.periodEnd(addCalendarDays(from, step.deadline.days ?? 0));
}
