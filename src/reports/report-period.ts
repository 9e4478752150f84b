import { parseDayParam } from '../common/input/calendar-date';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';

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
  const period = {
    from: parseDayParam('from', from) ?? `${today.slice(0, 4)}-01-01`,
    to: parseDayParam('to', to) ?? today,
  };
  if (period.to < period.from)
    throw new DomainRuleViolation(
      'query.period_reversed',
      `to: ${period.to} is before from (${period.from})`,
      'invalid',
      'to',
    );
  return period;
}
