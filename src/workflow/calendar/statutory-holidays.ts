import Holidays from 'date-holidays';

/**
 * The public holidays of any year as the Labour Code sets them, before the year's official
 * schedule (per-year overrides in seeds/calendar) is known.
 *
 * Bộ luật Lao động 2019 (Luật 45/2019/QH14) art. 112(1): Tết Dương lịch 1 day (1 Jan); Tết Âm
 * lịch 5 days; Victory Day 1 day (30 Apr); International Labour Day 1 day (1 May); National Day
 * 2 days (2 Sep and the day before or after); Giỗ Tổ Hùng Vương 1 day (10th of the 3rd lunar
 * month). Art. 112(3): the Prime Minister fixes which 5 Tết days and which National Day day each
 * year — until that decision is published this module takes the usual choice (the last day of
 * the lunar year and the first four of the new one; 1 Sep, or 3 Sep when 2 Sep is a Monday) and
 * the year is provisional. Art. 111(3): a holiday that falls on the weekly rest day is taken on
 * the next working day. Citation checked against press restatements of the Code and of the 2026
 * schedule (Tết 16–20 Feb 2026 = 29 Chạp to mùng 4); the Code's own text was not available here.
 */
export interface StatutoryYear {
  year: number;
  /** Every day off the Code gives, compensating days included (YYYY-MM-DD, sorted). */
  daysOff: string[];
}

const TET_DAYS_BEFORE_NEW_YEAR = 1;
const TET_DAYS_FROM_NEW_YEAR = 4;

const lunarAnchors = new Holidays('VN');

function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function shift(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return toDay(date);
}

function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** A lunar-calendar day of `year`, as date-holidays computes it (its rule `vietnamese M-0-D`). */
function lunarDay(year: number, rule: string): string {
  const found = lunarAnchors
    .getHolidays(year)
    .find((holiday) => holiday.rule === `vietnamese ${rule}`);
  if (!found) throw new Error(`no lunar date ${rule} in ${year}`);
  return found.date.slice(0, 10);
}

function nationalDayPair(year: number): string[] {
  const nationalDay = `${year}-09-02`;
  const monday = new Date(`${nationalDay}T00:00:00Z`).getUTCDay() === 1;
  return [nationalDay, shift(nationalDay, monday ? 1 : -1)];
}

export function statutoryHolidays(year: number): StatutoryYear {
  const lunarNewYear = lunarDay(year, '1-0-1');
  const tet: string[] = [];
  for (let offset = -TET_DAYS_BEFORE_NEW_YEAR; offset < TET_DAYS_FROM_NEW_YEAR; offset += 1) {
    tet.push(shift(lunarNewYear, offset));
  }
  const holidays = [
    `${year}-01-01`,
    ...tet,
    lunarDay(year, '3-0-10'),
    `${year}-04-30`,
    `${year}-05-01`,
    ...nationalDayPair(year),
  ];
  const off = new Set(holidays);
  for (const holiday of [...holidays].sort()) {
    if (!isWeekend(holiday)) continue;
    let compensation = shift(holiday, 1);
    while (isWeekend(compensation) || off.has(compensation)) compensation = shift(compensation, 1);
    off.add(compensation);
  }
  return { year, daysOff: [...off].sort() };
}
