import { percentVi } from './report-workbook';
import { ruleSetNameVi } from '../workflow/rule-sets/rule-set-name-vi';
import { isNonLocal, provinceKey } from './non-local';
import { ageOn, poolAgainstTargets } from './planning-targets';

describe('non-local leaders', () => {
  it('compares provinces without diacritics, case or "Tỉnh"/"Thành phố"', () => {
    expect(provinceKey('Thành phố Hà Nội')).toBe('ha noi');
    expect(isNonLocal('Hà Nội', 'Thành phố Hà Nội')).toBe(false);
    expect(isNonLocal('ha noi', 'Thành phố Hà Nội')).toBe(false);
    expect(isNonLocal('Nghệ An', 'Tỉnh Quảng Ninh')).toBe(true);
    expect(isNonLocal(null, 'Tỉnh Quảng Ninh')).toBeNull();
    expect(isNonLocal('Nghệ An', null)).toBeNull();
  });
});

describe('planning pool against its targets', () => {
  const targets = { womenPercent: 25, youngPercent: 15, youngUnderAge: { central: 45, local: 40 } };
  it('counts each person once, women and those under the local age limit on the day', () => {
    const result = poolAgainstTargets(
      [
        { personId: 'a', gender: 'female', dateOfBirth: '1987-12-03' },
        { personId: 'a', gender: 'female', dateOfBirth: '1987-12-03' },
        { personId: 'b', gender: 'male', dateOfBirth: '1970-01-01' },
        { personId: 'c', gender: 'male', dateOfBirth: '1980-01-01' },
        { personId: 'd', gender: 'male', dateOfBirth: null },
      ],
      targets,
      '2027-12-02',
    );
    expect(result.people).toBe(4);
    expect(result.women).toEqual({ count: 1, percent: 25, targetPercent: 25, met: true });
    // a turns 40 on 3 Dec 2027: still young on the 2nd.
    expect(result.young).toMatchObject({ count: 1, percent: 25, underAge: 40, met: true });
  });
  it('an empty pool meets no target', () => {
    expect(poolAgainstTargets([], targets, '2026-01-01').women).toEqual({
      count: 0,
      percent: null,
      targetPercent: 25,
      met: false,
    });
  });
  it('ages in whole years', () => {
    expect(ageOn('1986-12-02', '2026-12-01')).toBe(39);
    expect(ageOn('1986-12-02', '2026-12-02')).toBe(40);
  });
});

describe('the workbook in Vietnamese', () => {
  it('writes a share with a decimal comma as the screen does (before: "66.7%")', () => {
    expect(percentVi(66.7)).toBe('66,7%');
    expect(percentVi(100)).toBe('100%');
    expect(percentVi(null)).toBe('');
  });

  it('names a rule set by the day its rules took effect and its instruments, never its id', () => {
    expect(
      ruleSetNameVi({
        title: 'State track from 2025-10-08: Nghị định 170/2025; Luật Cán bộ, công chức 2025',
        effectiveFrom: '2025-10-08',
      }),
    ).toBe(
      'Các quy định có hiệu lực ngày 08/10/2025: Nghị định 170/2025; Luật Cán bộ, công chức 2025',
    );
  });
});
