import Holidays from 'date-holidays';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DefinitionFileError } from '../definition-error';

/** Per-year corrections published each year: the official Tết break and swapped working days. */
export interface CalendarYearOverride {
  year: number;
  daysOff: string[];
  /** Weekend days declared working days (swapped days, làm bù). */
  workingDays: string[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

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
 * Working days (ngày làm việc) for deadlines: Monday to Friday, less Vietnamese public holidays
 * (date-holidays, fixed and lunar), less the year's extra days off, plus swapped working days.
 */
export class WorkingDayCalendar {
  private readonly daysOff = new Set<string>();
  private readonly extraWorkingDays = new Set<string>();
  private readonly holidaysByYear = new Map<number, Set<string>>();
  private readonly holidays = new Holidays('VN');

  constructor(overrides: CalendarYearOverride[] = []) {
    for (const year of overrides) {
      for (const day of year.daysOff) this.daysOff.add(day);
      for (const day of year.workingDays) this.extraWorkingDays.add(day);
    }
  }

  isWorkingDay(day: string): boolean {
    if (this.extraWorkingDays.has(day)) return true;
    const weekday = dayOfWeek(day);
    if (weekday === 0 || weekday === 6) return false;
    return !this.daysOff.has(day) && !this.publicHolidays(Number(day.slice(0, 4))).has(day);
  }

  /** The day n working days after `day` (n ≥ 0; `day` itself does not count). */
  addWorkingDays(day: string, n: number): string {
    let current = day;
    let left = n;
    while (left > 0) {
      current = addCalendarDays(current, 1);
      if (this.isWorkingDay(current)) left -= 1;
    }
    return current;
  }

  /** The day n working days before `day`. */
  subtractWorkingDays(day: string, n: number): string {
    let current = day;
    let left = n;
    while (left > 0) {
      current = addCalendarDays(current, -1);
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

  private publicHolidays(year: number): Set<string> {
    let days = this.holidaysByYear.get(year);
    if (!days) {
      days = new Set(
        this.holidays
          .getHolidays(year)
          .filter((holiday) => holiday.type === 'public')
          .map((holiday) => holiday.date.slice(0, 10)),
      );
      this.holidaysByYear.set(year, days);
    }
    return days;
  }
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
