import { DomainRuleViolation } from '../workflow/case/domain-rule-violation';
import { endOfVietnamDay, isCalendarDay, vietnamDay } from './vietnam-day';

/** The moment an `asOf` query names, and its day in Vietnam. */
export interface AsOf {
  instant: Date;
  day: string;
}

const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * `asOf` as staff mean it: a day alone (`2026-12-01`) is the end of that day in Vietnam
 * (2026-12-01T23:59:59.999+07:00), so everything recorded that day counts; an ISO date-time is
 * that instant, and one without an offset is read as Vietnam time.
 */
export function parseAsOf(value: string | undefined): AsOf | undefined {
  if (value === undefined) return undefined;
  if (isCalendarDay(value)) return { instant: endOfVietnamDay(value), day: value };
  const match = DATE_TIME.exec(value);
  if (match && isCalendarDay(match[1])) {
    const instant = new Date(match[2] ? value : `${value}+07:00`);
    if (!Number.isNaN(instant.getTime())) return { instant, day: vietnamDay(instant) };
  }
  throw new DomainRuleViolation(
    'query.as_of',
    `asOf: "${value}" is neither a day YYYY-MM-DD nor an ISO date-time`,
    'invalid',
    'asOf',
  );
}
