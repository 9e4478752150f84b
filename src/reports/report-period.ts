import { parseDayRange } from '../common/input/calendar-date';

export interface ReportPeriod {
  from: string;
  to: string;
}

/**
 * The period a report counts, both days included: `from` and `to` as calendar days (a 400 naming
 * the field otherwise); by default from the first of January of this year to today in Vietnam.
 */
export function parseReportPeriod(
  from: string | undefined,
  to: string | undefined,
  today: string,
): ReportPeriod {
  return parseDayRange(from, to, { from: `${today.slice(0, 4)}-01-01`, to: today }) as ReportPeriod;
}
