import { addCalendarDays, WorkingDayCalendar } from '../calendar/working-day-calendar';
import { addMonths } from './retirement';

/** A time limit as a rule set states it: so many calendar days, working days or months. */
export type PeriodUnit = 'days' | 'working_days' | 'months';

/**
 * The last day of a period of `amount` units from a day: working days on the working-day
 * calendar; a period in calendar days or months that ends on a day off ends on the next working
 * day (Civil Code art. 148).
 */
export function endOfPeriod(
  calendar: WorkingDayCalendar,
  from: string,
  amount: number,
  unit: PeriodUnit,
): string {
  switch (unit) {
    case 'working_days':
      return calendar.addWorkingDays(from, amount);
    case 'days':
      return calendar.periodEnd(addCalendarDays(from, amount));
    case 'months':
      return calendar.periodEnd(addMonths(from, amount));
    default: {
      const unknown: never = unit;
      throw new Error(`period unit ${String(unknown)} is not known`);
    }
  }
}
