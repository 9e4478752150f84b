import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import { DomainRuleViolation } from '../../procedures/case/decider/domain-rule-violation';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT =
  /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-](\d{2}):(\d{2}))?)?$/;

const daysInMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * A day `YYYY-MM-DD` that exists on the Gregorian calendar, years 0001–9999.
 * `Date.parse` is not enough: V8 reads `2026-02-30` as 2 March, and PostgreSQL then refuses it
 * (or, in a jsonb event, stores a day that never was).
 */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** An ISO 8601 time: a calendar day, optionally with `Thh:mm[:ss[.ffffff]]` and `Z` or `±hh:mm`. */
export function isIsoInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = INSTANT.exec(value);
  if (!match || !isCalendarDate(match[1])) return false;
  const [, , hours, minutes, seconds, , offsetHours, offsetMinutes] = match;
  const within = (part: string | undefined, max: number) =>
    part === undefined || Number(part) <= max;
  return (
    within(hours, 23) &&
    within(minutes, 59) &&
    within(seconds, 59) &&
    within(offsetHours, 23) &&
    within(offsetMinutes, 59) &&
    !Number.isNaN(Date.parse(value))
  );
}

const shown = (value: unknown): string => JSON.stringify(value)?.slice(0, 40) ?? String(value);

/** Class-validator decorator for every date field of a body: `2026-02-30` and `0000-00-00` are refused. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property}: ${shown(args?.value)} is not a calendar date YYYY-MM-DD`,
      },
    },
    options,
  );
}

/** A day query parameter (`from`, `to`): undefined when absent, 400 naming it when not a calendar date. `asOf` is read by `parseAsOf`. */
export function parseDayParam(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isCalendarDate(value))
    throw new DomainRuleViolation(
      `query.${name}`,
      `${name}: ${shown(value)} is not a calendar date YYYY-MM-DD`,
      'invalid',
      name,
    );
  return value;
}

/**
 * `from` and `to` query days: each a calendar day (or its default when absent), `to` not before
 * `from` (400 `query.period_reversed` naming `to`).
 */
export function parseDayRange(
  from: string | undefined,
  to: string | undefined,
  defaults: { from?: string; to?: string } = {},
): { from?: string; to?: string } {
  const range = {
    from: parseDayParam('from', from) ?? defaults.from,
    to: parseDayParam('to', to) ?? defaults.to,
  };
  if (range.from !== undefined && range.to !== undefined && range.to < range.from)
    throw new DomainRuleViolation(
      'query.period_reversed',
      `to: ${range.to} is before from (${range.from})`,
      'invalid',
      'to',
    );
  return range;
}
