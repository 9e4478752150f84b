import { decisionRefInBrackets } from './dates';

describe('a decision number inside brackets', () => {
  it('gives its day after a comma, in one pair of brackets (before: "15/QĐ-UBND (07/12/2026)" inside another)', () => {
    expect(`Khiển trách (${decisionRefInBrackets('15/QĐ-UBND (2026-12-07)')})`).toBe(
      'Khiển trách (15/QĐ-UBND, 07/12/2026)',
    );
  });

  it('leaves a number without a day, or with words in its brackets, as written', () => {
    expect(decisionRefInBrackets('15/QĐ-UBND')).toBe('15/QĐ-UBND');
    expect(decisionRefInBrackets('15/QĐ-UBND (bản sao)')).toBe('15/QĐ-UBND (bản sao)');
  });
});
