import { CalendarVietnamese } from 'date-chinese';

/**
 * Gregorian days of Vietnamese lunar dates. The Vietnamese lunar calendar reckons new moons in
 * UTC+7 (since 1968), China's in UTC+8, so the two disagree in some years: Tết 2007 fell on
 * 17 Feb in Vietnam and 18 Feb in China, Tết 2030 falls on 2 Feb against 3 Feb, Tết 2053 on
 * 18 Feb against 19 Feb. date-chinese's CalendarVietnamese computes with UTC+7 (astronomical
 * new moons, VSOP87); cross-checked against Hồ Ngọc Đức's published algorithm for Tết of every
 * year 1970–2100 (no difference) and for Giỗ Tổ (two differences, 2050 and 2083, where the new
 * moon falls within minutes of midnight and the astronomical computation is the finer one).
 */
const calendar = new CalendarVietnamese();

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * The Gregorian day (YYYY-MM-DD) of `day` of lunar month `month` (not a leap month) of the lunar
 * year that begins in Gregorian year `year`.
 */
export function lunarToGregorian(year: number, month: number, day: number): string {
  const date = calendar.set(0, 0, month, 0, day).toGregorian(year);
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** Mùng 1 Tết: the first day of the lunar year that begins in Gregorian year `year`. */
export function lunarNewYear(year: number): string {
  return lunarToGregorian(year, 1, 1);
}
