import * as path from 'node:path';
import { loadRuleSets } from '../rule-sets/rule-set-loader';
import { retirementDate, wholeYearsBetween } from './retirement';

const [vn2022] = loadRuleSets(path.resolve(__dirname, '../../../seeds/rule-sets'));

describe('retirement age schedule (Nghị định 135/2020)', () => {
  it('gives 60 years 3 months to a man reaching it in 2021, retiring at the end of that month', () => {
    expect(retirementDate(vn2022, '1961-01-15', 'male')).toBe('2021-04-30');
  });
  it('caps at 62 for men and 60 for women', () => {
    expect(retirementDate(vn2022, '1975-06-01', 'male')).toBe('2037-06-30');
    expect(retirementDate(vn2022, '1985-06-01', 'female')).toBe('2045-06-30');
  });
  it('retires at the end of the month the age is reached (before: on the birthday, up to a month early)', () => {
    expect(retirementDate(vn2022, '1969-12-01', 'male')).toBe('2031-12-31');
    expect(retirementDate(vn2022, '1972-08-15', 'female')).toBe('2030-12-31');
  });
  it("gives the older law's age to one who reached it before 2021 (Bộ luật Lao động 2012 art. 187; before: the 2021 age)", () => {
    expect(retirementDate(vn2022, '1960-01-01', 'male')).toBe('2020-01-31');
    expect(retirementDate(vn2022, '1960-12-15', 'male')).toBe('2020-12-31');
    expect(retirementDate(vn2022, '1965-06-10', 'female')).toBe('2020-06-30');
    expect(retirementDate(vn2022, '1961-01-01', 'male')).toBe('2021-04-30');
  });
  it('counts whole years', () => {
    expect(wholeYearsBetween('2021-03-01', '2023-02-28')).toBe(1);
    expect(wholeYearsBetween('2021-03-01', '2023-03-01')).toBe(2);
  });
});
