import { isCalendarDate, isIsoInstant } from './calendar-date';

describe('calendar dates', () => {
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['0001-01-01', true],
    ['9999-12-31', true],
    ['2026-02-29', false],
    ['1900-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-13-45', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['0000-00-00', false],
    ['0000-01-01', false],
    ['2026-1-5', false],
    [' 2026-01-05', false],
    ['2026-01-05T00:00:00Z', false],
    [20260105, false],
  ])('%p is a calendar date: %p', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });

  it.each([
    ['2026-01-31', true],
    ['2026-01-31T08:00', true],
    ['2026-01-31T08:00:00Z', true],
    ['2026-01-31T08:00:00.123Z', true],
    ['2026-01-31T08:00:00.123456+07:00', true],
    ['2026-02-30T08:00:00Z', false],
    ['2026-01-31T24:00:00Z', false],
    ['2026-01-31T08:60:00Z', false],
    ['2026-01-31T08:00:00+25:00', false],
    ['2026-01-31 08:00:00Z', false],
    ['yesterday', false],
    ['March 7, 2026', false],
    ['+275760-09-13', false],
  ])('%p is an ISO instant: %p', (value, expected) => {
    expect(isIsoInstant(value)).toBe(expected);
  });
});
