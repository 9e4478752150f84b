import { WorkingDayCalendar, addCalendarDays } from '../../workflow/calendar/working-day-calendar';
import { RuleSet, ruleValue } from '../../workflow/rule-sets/rule-set';

interface LeadTime {
  amount: number;
  unit: 'days' | 'working_days';
}

/**
 * A re-appointment's notice deadline and whether the case opened after it: `openBy` is the term
 * end minus the rule set's `reappointment.leadTime` (its citation is the rule set's), and a case
 * opened after that day is late by the days (or working days) between. The opening computes its
 * facts with it, and a correction of the term end computes them again for the day the case opened.
 */
export interface NoticeDeadline {
  openBy: string;
  late: boolean;
  daysLate?: number;
  lateUnit?: LeadTime['unit'];
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function noticeDeadline(
  ruleSet: RuleSet,
  calendar: WorkingDayCalendar,
  termEnd: string,
  openedOn: string,
): NoticeDeadline {
  const lead = ruleValue<LeadTime>(ruleSet, 'reappointment.leadTime');
  const openBy =
    lead.unit === 'working_days'
      ? calendar.subtractWorkingDays(termEnd, lead.amount)
      : addCalendarDays(termEnd, -lead.amount);
  if (openedOn <= openBy) return { openBy, late: false };
  const daysLate =
    lead.unit === 'working_days'
      ? calendar.workingDaysBetween(openBy, openedOn)
      : daysBetween(openBy, openedOn);
  return { openBy, late: true, daysLate, lateUnit: lead.unit };
}
