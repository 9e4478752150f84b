import { lunarNewYear, lunarToGregorian } from './vietnamese-lunar';

describe('Vietnamese lunar calendar (UTC+7)', () => {
  it.each([
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2031, '2031-01-23'],
  ])('puts Tết %i on %s', (year, day) => {
    expect(lunarNewYear(year)).toBe(day);
  });

  it('reckons in UTC+7, not China’s UTC+8: Tết 2007 on 17 Feb, 2030 on 2 Feb, 2053 on 18 Feb', () => {
    // China's new year falls a day later in each of these years (18 Feb 2007, 3 Feb 2030,
    // 19 Feb 2053); the Vietnamese calendar published for 2007 kept 17 Feb.
    expect(lunarNewYear(2007)).toBe('2007-02-17');
    expect(lunarNewYear(2030)).toBe('2030-02-02');
    expect(lunarNewYear(2053)).toBe('2053-02-18');
  });

  it('finds Giỗ Tổ Hùng Vương, the 10th of the 3rd lunar month', () => {
    expect(lunarToGregorian(2025, 3, 10)).toBe('2025-04-07');
    expect(lunarToGregorian(2026, 3, 10)).toBe('2026-04-26');
    expect(lunarToGregorian(2027, 3, 10)).toBe('2027-04-16');
    expect(lunarToGregorian(2031, 3, 10)).toBe('2031-04-01');
  });
});
