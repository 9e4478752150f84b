import * as path from 'node:path';
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
});
