import { addCalendarDays } from '../calendar/working-day-calendar';
import { StepDefinition } from '../definitions/procedure-definition';
import { StepContext } from './step-context';

/**
 * When a step that becomes current today is due, under its definition and the calendar: working
 * days, or calendar days whose last day moves to the next working day when it is off.
 */
export function dueOn(step: StepDefinition | undefined, context: StepContext): string | null {
  if (!step?.deadline) return null;
  if (step.deadline.workingDays)
    return context.calendar.addWorkingDays(context.today, step.deadline.workingDays);
  return context.calendar.periodEnd(addCalendarDays(context.today, step.deadline.days ?? 0));
}
