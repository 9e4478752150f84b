import { lunarNewYear, lunarToGregorian } from './vietnamese-lunar';

/**
 * The public holidays of any year as the Labour Code sets them, before the year's official
 * schedule (per-year overrides in seeds/calendar) is known.
 *
 * Bộ luật Lao động 2019 (Luật 45/2019/QH14) art. 112(1): (a) Tết Dương lịch 1 day (1 Jan); (b)
 * Tết Âm lịch 5 days; (c) Victory Day 1 day (30 Apr); (d) International Labour Day 1 day (1 May);
 * (đ) National Day 2 days (2 Sep and one day right before or after it); (e) Giỗ Tổ Hùng Vương 1
 * day (10th of the 3rd lunar month). Art. 112(3): the Prime Minister fixes which 5 Tết days and which National Day day
 * each year; neither the Code nor Nghị định 145/2020/NĐ-CP names a default. Until the decision is
 * published this module takes the usual choice:
 * - Tết: the last day of the lunar year and the first four of the new one (2026: 29 Chạp to mùng
 *   4, 16–20 Feb, as the Prime Minister then decided);
 * - National Day: the adjacent day that joins the weekend — 3 Sep when 2 Sep is a Monday (2024:
 *   31 Aug–3 Sep) or a Thursday (2021: 2–3 Sep), otherwise 1 Sep (2022, 2023, 2025, 2026);
 * and the year is provisional. Art. 111(3): a holiday that falls on the weekly rest day (Saturday
 * or Sunday for civil servants) is taken on the next working day. Citation checked against press
 * restatements of the Code and of the 2021–2026 schedules; the Code's own text was not available
 * here.
 */
export interface StatutoryYear {
  year: number;
  /** Every day off the Code gives, compensating days included (YYYY-MM-DD, sorted). */
  daysOff: string[];
}

const TET_DAYS_BEFORE_NEW_YEAR = 1;
const TET_DAYS_FROM_NEW_YEAR = 4;
const MONDAY = 1;
const THURSDAY = 4;

function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function shift(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return toDay(date);
}

function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

function isWeekend(day: string): boolean {
  return weekday(day) === 0 || weekday(day) === 6;
}

/** The five Tết days: the last day of the old lunar year and the first four of the new one. */
export function tetDays(year: number): string[] {
  const newYear = lunarNewYear(year);
  const days: string[] = [];
  for (let offset = -TET_DAYS_BEFORE_NEW_YEAR; offset < TET_DAYS_FROM_NEW_YEAR; offset += 1) {
    days.push(shift(newYear, offset));
  }
  return days;
}

/** 2 Sep and the adjacent day that joins the weekend. */
export function nationalDayPair(year: number): string[] {
  const nationalDay = `${year}-09-02`;
  const dayAfter = [MONDAY, THURSDAY].includes(weekday(nationalDay));
  return [nationalDay, shift(nationalDay, dayAfter ? 1 : -1)];
}

export function statutoryHolidays(year: number): StatutoryYear {
  const holidays = [
    `${year}-01-01`,
    ...tetDays(year),
    lunarToGregorian(year, 3, 10),
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
