import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DefinitionFileError } from '../definition-error';
import { statutoryHolidays } from './statutory-holidays';

/**
 * A year's official schedule for civil servants (the Ministry of Home Affairs' notice after the
 * Prime Minister's decision): every day off of the year and the weekend days worked in exchange.
 * Where a year has one, it replaces the schedule computed from the Labour Code.
 */
export interface CalendarYearOverride {
  year: number;
  daysOff: string[];
  /** Weekend days declared working days (swapped days, làm bù). */
  workingDays: string[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Sums of `addWorkingDays` remembered (a few per day in use); past this all are forgotten. */
const WORKING_DAY_SUMS_KEPT = 10_000;

function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function dayOfWeek(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export function addCalendarDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return toDay(date);
}

/**
 * Working days (ngày làm việc) for deadlines: Monday to Friday, less the year's public holidays:
 * the official schedule where the year has one, otherwise the Labour Code's holidays with their
 * compensating days (statutory-holidays.ts), and such a year is provisional.
 */
export class WorkingDayCalendar {
  private readonly officialDaysOff = new Map<number, Set<string>>();
  private readonly extraWorkingDays = new Set<string>();
  private readonly statutoryByYear = new Map<number, Set<string>>();
  private readonly workingDaySums = new Map<string, string>();
  /**
   * Names what the calendar knows: the years with an official schedule and a digest of their
   * days. A new or corrected year file gives a new version, and deadlines computed under the old
   * one are recomputed (calendar-adoption.ts).
   */
  readonly version: string;

  constructor(overrides: CalendarYearOverride[] = []) {
    for (const year of overrides) {
      this.officialDaysOff.set(year.year, new Set(year.daysOff));
      for (const day of year.workingDays) this.extraWorkingDays.add(day);
    }
    this.version = calendarVersion(overrides);
  }

  /** The years whose official schedule is known, in order. */
  get officialYears(): number[] {
    return [...this.officialDaysOff.keys()].sort((a, b) => a - b);
  }

  isWorkingDay(day: string): boolean {
    if (this.extraWorkingDays.has(day)) return true;
    const weekday = dayOfWeek(day);
    if (weekday === 0 || weekday === 6) return false;
    return !this.daysOffOf(Number(day.slice(0, 4))).has(day);
  }

  /**
   * True when the year's official schedule is not known yet, so a deadline counted through it may
   * move once the schedule is published (the Tết break and National Day are chosen each year).
   */
  isProvisional(day: string): boolean {
    return !this.officialDaysOff.has(Number(day.slice(0, 4)));
  }

  /**
   * True when a period counted from `from` to `to` crosses a year whose official schedule is not
   * known: its end may move once the schedule is published.
   */
  isProvisionalBetween(from: string, to: string): boolean {
    const [first, last] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))].sort((a, b) => a - b);
    for (let year = first; year <= last; year += 1) {
      if (!this.officialDaysOff.has(year)) return true;
    }
    return false;
  }

  /** `day` when it is a working day, otherwise the next working day. */
  onOrNextWorkingDay(day: string): string {
    let current = day;
    while (!this.isWorkingDay(current)) current = addCalendarDays(current, 1);
    return current;
  }

  /**
   * The last day of a period counted in calendar days or months: when it falls on a weekend or a
   * holiday, the period ends with the next working day (Bộ luật Dân sự 2015 art. 148(5) [text not
   * checked here]).
   */
  periodEnd(lastDay: string): string {
    return this.onOrNextWorkingDay(lastDay);
  }

  /** The day n working days after `day` (n ≥ 0; `day` itself does not count). */
  addWorkingDays(day: string, n: number): string {
    return this.rememberedSum(day, n);
  }

  /** The day n working days before `day`. */
  subtractWorkingDays(day: string, n: number): string {
    return this.rememberedSum(day, -n);
  }

  /**
   * Every case opened on a day asks the same few sums (one per step deadline), and every decision
   * on a term end its re-appointment notice: the calendar never changes once built, so each sum is
   * counted once, day by day, and then remembered.
   */
  private rememberedSum(day: string, n: number): string {
    const key = `${day}${n < 0 ? '' : '+'}${n}`;
    let sum = this.workingDaySums.get(key);
    if (sum === undefined) {
      if (this.workingDaySums.size >= WORKING_DAY_SUMS_KEPT) this.workingDaySums.clear();
      sum = this.countWorkingDays(day, n);
      this.workingDaySums.set(key, sum);
    }
    return sum;
  }

  /** `n` working days on from `day` (back from it when `n` is negative). */
  private countWorkingDays(day: string, n: number): string {
    const step = n < 0 ? -1 : 1;
    let current = day;
    let left = Math.abs(n);
    while (left > 0) {
      current = addCalendarDays(current, step);
      if (this.isWorkingDay(current)) left -= 1;
    }
    return current;
  }

  /** Working days after `from` up to and including `to` (negative when `to` is earlier). */
  workingDaysBetween(from: string, to: string): number {
    if (to < from) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) {
      if (this.isWorkingDay(day)) count += 1;
    }
    return count;
  }

  private daysOffOf(year: number): Set<string> {
    const official = this.officialDaysOff.get(year);
    if (official) return official;
    let days = this.statutoryByYear.get(year);
    if (!days) {
      days = new Set(statutoryHolidays(year).daysOff);
      this.statutoryByYear.set(year, days);
    }
    return days;
  }
}

/** `official:2025,2026#<digest>`, or `official:none` for a calendar computed from the Code only. */
function calendarVersion(overrides: CalendarYearOverride[]): string {
  if (overrides.length === 0) return 'official:none';
  const sorted = [...overrides].sort((a, b) => a.year - b.year);
  const canonical = sorted.map((year) => ({
    year: year.year,
    daysOff: [...year.daysOff].sort(),
    workingDays: [...year.workingDays].sort(),
  }));
  const digest = createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 12);
  return `official:${sorted.map((year) => year.year).join(',')}#${digest}`;
}

export function loadCalendar(dir: string): WorkingDayCalendar {
  if (!existsSync(dir)) return new WorkingDayCalendar();
  const overrides = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<CalendarYearOverride>;
      if (!Number.isInteger(raw.year))
        throw new DefinitionFileError(file, 'year', 'must be a year');
      for (const field of ['daysOff', 'workingDays'] as const) {
        const days = raw[field];
        if (
          !Array.isArray(days) ||
          !days.every((d) => typeof d === 'string' && DAY.test(d) && d.startsWith(String(raw.year)))
        ) {
          throw new DefinitionFileError(file, field, `must list dates YYYY-MM-DD of ${raw.year}`);
        }
      }
      return raw as CalendarYearOverride;
    });
  return new WorkingDayCalendar(overrides);
}
