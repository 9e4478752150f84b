import { RuleSet, ruleValue } from '../rule-sets/rule-set';

interface AgeSchedule {
  startMonths: number;
  stepMonths: number;
  capMonths: number;
  /** The age for one who reached it before the base year (Bộ luật Lao động 2012 art. 187). */
  beforeBaseYearMonths: number;
}

/** Retirement ages rising each year from a base year up to a cap (Nghị định 135/2020 schedule). */
interface RetirementAgeRule {
  baseYear: number;
  male: AgeSchedule;
  female: AgeSchedule;
}

function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** The last day of the month a day falls in. */
function endOfMonth(day: string): string {
  const [y, m] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${day.slice(0, 8)}${String(last).padStart(2, '0')}`;
}

/**
 * The day a person retires under the rule set's schedule: the end of the last day of the month in
 * which they reach the age (Nghị định 135/2020 art. 3(1), read in an English translation
 * (vanbanphapluat.co), the Vietnamese text not checked; restated by nld.com.vn, 26 Nov 2020, as
 * "kết thúc ngày cuối cùng của tháng đủ tuổi nghỉ hưu"). Before Dec 2026 this was the birthday
 * itself, up to a month early: a man born 1 Dec 1969 retired on 1 Dec 2031, not 31 Dec.
 */
export function retirementDate(
  ruleSet: RuleSet,
  dateOfBirth: string,
  gender: 'male' | 'female',
): string {
  return endOfMonth(ageReachedOn(ruleSet, dateOfBirth, gender));
}

/** The day a person reaches retirement age under the rule set's schedule. */
function ageReachedOn(ruleSet: RuleSet, dateOfBirth: string, gender: 'male' | 'female'): string {
  const rule = ruleValue<RetirementAgeRule>(ruleSet, 'retirement.age');
  const schedule = rule[gender];
  // Before the base year the older law's age held (men 60, women 55): before, the base year's
  // age was applied to earlier years, and a man born 1 Jan 1960 retired on 30 Apr 2020, not 31 Jan.
  const ageIn = (year: number) =>
    year < rule.baseYear
      ? schedule.beforeBaseYearMonths
      : Math.min(
          schedule.capMonths,
          schedule.startMonths + schedule.stepMonths * (year - rule.baseYear),
        );
  // The age that applies is the one of the year in which the person reaches it.
  for (
    let year = Number(dateOfBirth.slice(0, 4)) + 40;
    year < Number(dateOfBirth.slice(0, 4)) + 80;
    year += 1
  ) {
    const date = addMonths(dateOfBirth, ageIn(year));
    if (Number(date.slice(0, 4)) <= year) return date;
  }
  return addMonths(dateOfBirth, schedule.capMonths);
}

/** Whole years from one day to another (floor), e.g. years in post or years to retirement. */
export function wholeYearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
  return years;
}

export { addMonths };
