import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { nationalDayPair, statutoryHolidays, tetDays } from './statutory-holidays';
import { loadCalendar, WorkingDayCalendar } from './working-day-calendar';

const seeds = path.resolve(__dirname, '../../../seeds');
const official = loadCalendar(path.join(seeds, 'calendar'));
const codeOnly = new WorkingDayCalendar();

describe('statutory holidays of any year (Bộ luật Lao động 2019 art. 111(3), 112)', () => {
  it('gives Tết five days: the last day of the lunar year and the first four of the new one (art. 112(1)(b))', () => {
    // 2027: mùng 1 on Sat 6 Feb; 2030: Sat 2 Feb (UTC+7; China's is 3 Feb); 2031: Thu 23 Jan.
    expect(tetDays(2027)).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
    ]);
    expect(tetDays(2030)).toEqual([
      '2030-02-01',
      '2030-02-02',
      '2030-02-03',
      '2030-02-04',
      '2030-02-05',
    ]);
    expect(tetDays(2031)).toEqual([
      '2031-01-22',
      '2031-01-23',
      '2031-01-24',
      '2031-01-25',
      '2031-01-26',
    ]);
  });

  it('takes a Tết day that falls on the weekend on the next working day (art. 111(3))', () => {
    // 2027: Sat 6 and Sun 7 Feb are taken Wed 10 and Thu 11 Feb: off Fri 5 to Thu 11 Feb.
    for (const day of ['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11']) {
      expect(codeOnly.isWorkingDay(day)).toBe(false);
    }
    expect(codeOnly.isWorkingDay('2027-02-12')).toBe(true);
    // 2030: Sat 2 and Sun 3 Feb taken Wed 6 and Thu 7 Feb; back at work Fri 8 Feb.
    expect(statutoryHolidays(2030).daysOff).toEqual(
      expect.arrayContaining([
        '2030-02-01',
        '2030-02-04',
        '2030-02-05',
        '2030-02-06',
        '2030-02-07',
      ]),
    );
    expect(codeOnly.isWorkingDay('2030-02-08')).toBe(true);
    // 2031: Sat 25 and Sun 26 Jan taken Mon 27 and Tue 28 Jan.
    expect(codeOnly.isWorkingDay('2031-01-28')).toBe(false);
    expect(codeOnly.isWorkingDay('2031-01-29')).toBe(true);
  });

  it('compensates the fixed holidays too (art. 111(3))', () => {
    expect(statutoryHolidays(2027).daysOff).toContain('2027-05-03'); // 1 May a Saturday
    expect(statutoryHolidays(2028).daysOff).toContain('2028-01-03'); // 1 Jan a Saturday
    // 30 Apr 2028 a Sunday: Mon 1 May is itself a holiday, so Tue 2 May.
    expect(statutoryHolidays(2028).daysOff).toContain('2028-05-02');
    // 2 Sep 2029 a Sunday, with Sat 1 Sep: both taken Mon 3 and Tue 4 Sep.
    expect(statutoryHolidays(2029).daysOff).toEqual(
      expect.arrayContaining(['2029-09-03', '2029-09-04']),
    );
  });

  it('gives Giỗ Tổ Hùng Vương on the 10th of the 3rd lunar month (art. 112(1)(e))', () => {
    expect(statutoryHolidays(2027).daysOff).toContain('2027-04-16');
    expect(statutoryHolidays(2031).daysOff).toContain('2031-04-01');
  });

  it('pairs National Day with the adjacent day that joins the weekend (art. 112(1)(đ), (3))', () => {
    expect(nationalDayPair(2024)).toEqual(['2024-09-02', '2024-09-03']); // Monday (2024 practice)
    expect(nationalDayPair(2027)).toEqual(['2027-09-02', '2027-09-03']); // Thursday (2021 practice)
    expect(nationalDayPair(2030)).toEqual(['2030-09-02', '2030-09-03']); // Monday
    expect(nationalDayPair(2031)).toEqual(['2031-09-02', '2031-09-01']); // Tuesday
  });
});

describe('official schedules override the Code (seeds/calendar)', () => {
  it('2026: Fri 2 Jan off, Sat 10 Jan worked (VPCP 12729/VPCP-KGVX, 25 Dec 2025)', () => {
    expect(official.isWorkingDay('2026-01-02')).toBe(false);
    expect(official.isWorkingDay('2026-01-10')).toBe(true);
    expect(codeOnly.isWorkingDay('2026-01-02')).toBe(true);
  });

  it('2026: National Day 29 Aug–2 Sep, Mon 31 Aug off and Sat 22 Aug worked (VPCP, Oct 2025)', () => {
    expect(official.isWorkingDay('2026-08-31')).toBe(false);
    expect(official.isWorkingDay('2026-08-22')).toBe(true);
    expect(official.isWorkingDay('2026-09-01')).toBe(false);
    expect(official.isWorkingDay('2026-09-03')).toBe(true);
  });

  it('2026: Tết Mon 16 to Fri 20 Feb, 29 Chạp to mùng 4', () => {
    expect(official.workingDaysBetween('2026-02-13', '2026-02-23')).toBe(1);
  });

  it('names its version by the years it knows, and changes when a year file changes', () => {
    expect(official.version).toMatch(/^official:2025,2026#[0-9a-f]{12}$/);
    expect(codeOnly.version).toBe('official:none');
    const amended = new WorkingDayCalendar([
      { year: 2026, daysOff: ['2026-01-01'], workingDays: [] },
    ]);
    expect(amended.version).not.toBe(official.version);
  });

  it('calls a period provisional when it crosses a year with no official schedule', () => {
    expect(official.isProvisionalBetween('2026-12-20', '2027-01-15')).toBe(true);
    expect(official.isProvisionalBetween('2026-03-02', '2026-03-16')).toBe(false);
    expect(official.isProvisionalBetween('2031-01-02', '2031-05-20')).toBe(true);
  });
});

describe('a re-appointment notice in 2031', () => {
  it('falls 90 working days before the term ends, counting Tết 2031 and its compensating days', () => {
    // The whole set vn-2025 keeps Quy định 377-QĐ/TW's 90 working days for the cases that pinned
    // it (the composed State sets count Nghị định 170/2025's 90 calendar days).
    const set = JSON.parse(readFileSync(path.join(seeds, 'rule-sets/vn-2025.json'), 'utf8')) as {
      params: Record<string, { value: { amount: number; unit: string } }>;
    };
    const lead = set.params['reappointment.leadTime'].value;
    expect(lead).toEqual({ amount: 90, unit: 'working_days' });
    // Term ends Tue 20 May 2031. Between 2 Jan and 20 May the weekdays off are Tết 22–24 and
    // 27–28 Jan (two of them compensating the weekend), Giỗ Tổ Tue 1 Apr, 30 Apr and 1 May.
    expect(official.subtractWorkingDays('2031-05-20', lead.amount)).toBe('2031-01-02');
  });
});
