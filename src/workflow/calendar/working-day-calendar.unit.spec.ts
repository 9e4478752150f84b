import * as path from 'node:path';
import { statutoryHolidays } from './statutory-holidays';
import { loadCalendar, WorkingDayCalendar } from './working-day-calendar';

const calendar = loadCalendar(path.resolve(__dirname, '../../../seeds/calendar'));

describe('working-day calendar (ngày làm việc)', () => {
  it('skips weekends', () => {
    expect(calendar.isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-11-23')).toBe(true);
    expect(calendar.addWorkingDays('2026-11-20', 1)).toBe('2026-11-23');
  });

  it('knows the fixed public holidays without any override', () => {
    const bare = new WorkingDayCalendar();
    expect(bare.isWorkingDay('2027-09-02')).toBe(false); // National Day
    expect(bare.isWorkingDay('2027-04-30')).toBe(false); // Reunification Day
    expect(bare.isWorkingDay('2027-05-01')).toBe(false);
  });

  it('takes the official Tết break and swapped days from the year file', () => {
    for (const day of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) {
      expect(calendar.isWorkingDay(day)).toBe(false);
    }
    expect(calendar.isWorkingDay('2025-04-26')).toBe(true); // a Saturday worked in exchange
    expect(calendar.isWorkingDay('2026-04-27')).toBe(false); // Hùng Kings' day observed
  });

  it('counts 10 working days across Tết 2026', () => {
    // From Thu 12 Feb: Fri 13, then the break 14–22 Feb, then 23–27 Feb and 2–5 Mar.
    expect(calendar.addWorkingDays('2026-02-12', 10)).toBe('2026-03-05');
    expect(calendar.workingDaysBetween('2026-02-12', '2026-03-05')).toBe(10);
    expect(calendar.subtractWorkingDays('2026-03-05', 10)).toBe('2026-02-12');
  });

  it('remembers sums forward and back from the same day apart', () => {
    for (let asked = 0; asked < 2; asked += 1) {
      expect(calendar.addWorkingDays('2026-02-12', 10)).toBe('2026-03-05');
      expect(calendar.subtractWorkingDays('2026-02-12', 10)).toBe('2026-01-29');
      expect(calendar.subtractWorkingDays('2026-03-05', 10)).toBe('2026-02-12');
      expect(calendar.subtractWorkingDays('2026-03-05', 0)).toBe('2026-03-05');
    }
  });

  it('keeps the official 2026 New Year swap: Friday 2 Jan off, Saturday 10 Jan worked', () => {
    expect(calendar.isWorkingDay('2026-01-02')).toBe(false);
    expect(calendar.isWorkingDay('2026-01-10')).toBe(true);
    expect(calendar.addWorkingDays('2025-12-31', 1)).toBe('2026-01-05');
  });

  it('computes a year with no official schedule from the Labour Code, and says it is provisional', () => {
    // The Code's schedule for 2026 is the official one but for the two swaps (2 Jan, 31 Aug).
    expect(statutoryHolidays(2026).daysOff).toEqual([
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-26',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-09-01',
      '2026-09-02',
    ]);
    const bare = new WorkingDayCalendar();
    expect(bare.isProvisional('2031-06-01')).toBe(true);
    expect(calendar.isProvisional('2026-06-01')).toBe(false);
    // Tết 2031: new year on Thu 23 Jan; 22–26 Jan off, the weekend's two days on Mon 27 and Tue 28.
    for (const day of ['2031-01-22', '2031-01-23', '2031-01-24', '2031-01-27', '2031-01-28']) {
      expect(bare.isWorkingDay(day)).toBe(false);
    }
    expect(bare.isWorkingDay('2031-01-29')).toBe(true);
    // 1 May 2027 is a Saturday: Monday 3 May is off instead.
    expect(bare.isWorkingDay('2027-05-03')).toBe(false);
    // National Day on Monday 2 Sep 2024 takes the day after.
    expect(statutoryHolidays(2024).daysOff).toEqual(
      expect.arrayContaining(['2024-09-02', '2024-09-03']),
    );
  });

  it("lets a year's official schedule replace the computed one (2025: no compensating 3 Feb)", () => {
    expect(statutoryHolidays(2025).daysOff).toContain('2025-02-03');
    expect(calendar.isWorkingDay('2025-02-03')).toBe(true);
    expect(calendar.isWorkingDay('2025-01-27')).toBe(false);
  });

  it('ends a period counted in calendar days on the next working day when its last day is off (Civil Code art. 148)', () => {
    // Saturday 20 Feb 2027 → Monday 22 Feb.
    expect(calendar.periodEnd('2027-02-20')).toBe('2027-02-22');
    // Inside the Tết 2031 break (22–28 Jan) → Wednesday 29 Jan.
    expect(calendar.periodEnd('2031-01-24')).toBe('2031-01-29');
    // A working day stays.
    expect(calendar.periodEnd('2027-02-18')).toBe('2027-02-18');
  });
});
