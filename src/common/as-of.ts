import { isCalendarDate, isIsoInstant } from './input/calendar-date';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { endOfVietnamDay, vietnamDay } from './vietnam-day';

/** The moment an `asOf` query names, and its day in Vietnam. */
export interface AsOf {
  /**
   * The last millisecond the `asOf` names: a replay up to it takes everything recorded within
   * it (the store keeps microseconds; see `ReadStreamOptions.until`).
   */
  lastMillisecond: Date;
  /** The first millisecond it names: a period starting at it (`from`) takes it whole. */
  firstMillisecond: Date;
  day: string;
}

/** A day in Vietnam, which keeps no daylight saving. */
const DAY_MS = 24 * 3600 * 1000;

/** An explicit offset at the end of an ISO date-time (`Z`, `+07:00`). */
const OFFSET = /(?:Z|[+-]\d{2}:\d{2})$/i;

/** The time of an ISO date-time as written: minutes, then seconds, then a fraction of a second. */
const TIME_AS_WRITTEN = /T\d{2}:\d{2}(:\d{2}(?:\.(\d+))?)?/;

/**
 * How long the written time lasts, in milliseconds: a minute for `08:00`, a second for
 * `08:00:00`, a tenth for `08:00:00.5`, a millisecond for three digits or more (a `Date`, and so
 * a replay, names nothing finer than a millisecond).
 */
function spanWritten(value: string): number {
  const [, seconds, fraction] = TIME_AS_WRITTEN.exec(value) ?? [];
  if (seconds === undefined) return 60_000;
  if (fraction === undefined) return 1000;
  return 10 ** Math.max(0, 3 - fraction.length);
}

/**
 * The one reading of every `asOf` query (cases, discipline cases, the register, eligibility,
 * discipline records), as staff mean it: a moment lasts as long as it is written precisely, and
 * everything recorded within it counts. A day alone (`2026-12-01`) is the whole day in Vietnam
 * (through 2026-12-01T23:59:59.999+07:00); an ISO date-time the whole minute, second or
 * millisecond it names, so the `recordedAt` a history shows (to the millisecond, the store keeps
 * microseconds) includes that event. One without an offset is read as Vietnam time. A day that
 * is not on the calendar (`2026-02-30`), a time out of range or anything else is a 400 naming
 * `asOf`.
 */
export function parseAsOf(value: string | undefined): AsOf | undefined {
  if (value === undefined) return undefined;
  if (isCalendarDate(value)) {
    const lastMillisecond = endOfVietnamDay(value);
    const firstMillisecond = new Date(lastMillisecond.getTime() - DAY_MS + 1);
    return { lastMillisecond, firstMillisecond, day: value };
  }
  if (isIsoInstant(value)) {
    const start = new Date(OFFSET.test(value) ? value : `${value}+07:00`);
    if (!Number.isNaN(start.getTime())) {
      const lastMillisecond = new Date(start.getTime() + spanWritten(value) - 1);
      return { lastMillisecond, firstMillisecond: start, day: vietnamDay(lastMillisecond) };
    }
  }
  throw new DomainRuleViolation(
    'query.as_of',
    `asOf: ${JSON.stringify(value).slice(0, 40)} is neither a calendar day YYYY-MM-DD nor an ISO 8601 date-time, e.g. 2026-12-01 or 2026-12-01T08:00:00+07:00`,
    'invalid',
    'asOf',
  );
}
