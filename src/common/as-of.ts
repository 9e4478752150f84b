import { isCalendarDate, isIsoInstant } from './input/calendar-date';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { endOfVietnamDay, vietnamDay } from './vietnam-day';

/** The moment an `asOf` query names, and its day in Vietnam. */
export interface AsOf {
  instant: Date;
  day: string;
}

/** An explicit offset at the end of an ISO date-time (`Z`, `+07:00`). */
const OFFSET = /(?:Z|[+-]\d{2}:\d{2})$/i;

/**
 * The one reading of every `asOf` query (cases, discipline cases, the register, eligibility,
 * discipline records), as staff mean it: a day alone (`2026-12-01`) is the end of that day in
 * Vietnam (2026-12-01T23:59:59.999+07:00), so everything recorded that day counts; an ISO
 * date-time is that instant, and one without an offset is read as Vietnam time. A day that is not
 * on the calendar (`2026-02-30`), a time out of range or anything else is a 400 naming `asOf`.
 */
export function parseAsOf(value: string | undefined): AsOf | undefined {
  if (value === undefined) return undefined;
  if (isCalendarDate(value)) return { instant: endOfVietnamDay(value), day: value };
  if (isIsoInstant(value)) {
    const instant = new Date(OFFSET.test(value) ? value : `${value}+07:00`);
    if (!Number.isNaN(instant.getTime())) return { instant, day: vietnamDay(instant) };
  }
  throw new DomainRuleViolation(
    'query.as_of',
    `asOf: ${JSON.stringify(value).slice(0, 40)} is neither a calendar day YYYY-MM-DD nor an ISO 8601 date-time, e.g. 2026-12-01 or 2026-12-01T08:00:00+07:00`,
    'invalid',
    'asOf',
  );
}
