import { RegistryRuleViolation } from '../registry-rule-violation';
import { assertPlannableTerm, plannableTerms } from './planning-term';

const rule = { termOfOffice: '2025-2030', termsAhead: 1 };
const cited = { value: rule, citation: 'Quy định 377-QĐ/TW' };

describe('the terms open to planning (planning.plannableTerms)', () => {
  it('are the current term of office and the next, the current running through its last year', () => {
    expect(plannableTerms(rule, 5, '2026-12-06')).toEqual(['2025-2030', '2030-2035']);
    expect(plannableTerms(rule, 5, '2022-03-01')).toEqual(['2020-2025', '2025-2030']);
    expect(plannableTerms(rule, 5, '2030-12-31')).toEqual(['2025-2030', '2030-2035']);
    expect(plannableTerms(rule, 5, '2031-01-01')).toEqual(['2030-2035', '2035-2040']);
  });

  it('refuses a term further ahead or between two terms of office, naming the term and the rule', () => {
    const refusal = (term: string) => {
      try {
        assertPlannableTerm(term, cited, 5, '2026-12-06');
      } catch (error) {
        return error as RegistryRuleViolation;
      }
      throw new Error(`${term} not refused`);
    };
    const far = refusal('2051-2056');
    expect(far).toMatchObject({
      rule: 'planning_pool.term_not_plannable',
      category: 'unprocessable',
      field: 'term',
    });
    expect(far.message).toBe(
      'term: 2051-2056 is not a term of office and starts in 2051, after 2030-2035; on 2026-12-06 the terms open to planning are 2025-2030, 2030-2035 (Quy định 377-QĐ/TW)',
    );
    expect(refusal('2035-2040').message).toMatch(
      /^term: 2035-2040 starts in 2035, after 2030-2035/,
    );
    expect(refusal('2026-2031').message).toMatch(/^term: 2026-2031 is not a term of office;/);
    expect(refusal('2020-2025').message).toMatch(/^term: 2020-2025 comes before 2025-2030;/);
    for (const term of ['2025-2030', '2030-2035'])
      expect(() => assertPlannableTerm(term, cited, 5, '2026-12-06')).not.toThrow();
  });
});
