import type { TFunction } from 'i18next';
import { impossibleDay } from './dates';
import { dayProblem } from './day-problem';

const t = ((key: string, values?: { day?: string }) =>
  key === 'day.noSuchDay'
    ? `Ngày ${values?.day} không có thật`
    : `«${key}»`) as unknown as TFunction;

describe('a day field told a day the calendar has not', () => {
  it('says the day does not exist (before: «Ngày theo dạng dd/mm/yyyy», though it was)', () => {
    expect(impossibleDay('31/11/2026')).toBe('31/11/2026');
    expect(impossibleDay(' 29/2/2027 ')).toBe('29/02/2027');
    expect(dayProblem('31/11/2026', t, 'form.badDay')).toBe('Ngày 31/11/2026 không có thật');
  });

  it('keeps asking for dd/mm/yyyy when the text is not of that form, and has nothing to say of a real day', () => {
    expect(impossibleDay('2026-11-31')).toBeNull();
    expect(impossibleDay('30/11/2026')).toBeNull();
    expect(impossibleDay('29/02/2028')).toBeNull();
    expect(dayProblem('ngày mai', t, 'form.badDay')).toBe('«form.badDay»');
    expect(dayProblem('', t, 'form.badDay')).toBe('«form.badDay»');
  });
});
