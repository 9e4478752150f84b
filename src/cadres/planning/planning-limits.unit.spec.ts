import { RegistryRuleViolation } from '../registry-rule-violation';
import { consecutiveYearsNotCompleted } from '../person/consecutive-ratings';
import { assertPersonHasRoomInPool, assertPostHasRoomInPool } from './planning-pool-limits';
import { assertReviewWithinLimits } from './planning-review';

const limits = {
  maxPeoplePerPost: { value: 3, citation: 'QĐ 50' },
  maxPostsPerPersonPerLevel: { value: 3, citation: 'QĐ 50' },
  termYears: { value: 5, citation: 'QĐ 50' },
  plannableTerms: { value: { termOfOffice: '2025-2030', termsAhead: 1 }, citation: 'QĐ 50' },
  workingTime: { minTerms: { value: 1, citation: 'QĐ 50' }, retiresOn: () => '2050-12-31' },
};
const refusal = (fn: () => void): RegistryRuleViolation => {
  try {
    fn();
  } catch (error) {
    return error as RegistryRuleViolation;
  }
  throw new Error('not refused');
};

describe('planning-pool limits', () => {
  it('refuses a fourth person for a post with the counts, names and citation', () => {
    expect(() =>
      assertPostHasRoomInPool('pos-x', '2025-2030', ['a', 'b'], limits.maxPeoplePerPost),
    ).not.toThrow();
    const error = refusal(() =>
      assertPostHasRoomInPool('pos-x', '2025-2030', ['a', 'b', 'c'], limits.maxPeoplePerPost),
    );
    expect(error.rule).toBe('planning_pool.post_full');
    expect(error.message).toBe(
      'planning pool full: post pos-x has 3 of 3 people in term 2025-2030 (a, b, c) (QĐ 50)',
    );
  });

  it('counts a person’s posts of the same level and term only', () => {
    const levelOf = { p1: 4, p2: 4, p3: 4, p4: 4, high: 5 };
    const entries = ['p1', 'p2', 'p3'].map((positionId) => ({ positionId, term: '2025-2030' }));
    const check =
      (positionId: string, term = '2025-2030') =>
      () =>
        assertPersonHasRoomInPool(
          'a',
          entries,
          { positionId, term },
          { maxPostsPerLevel: limits.maxPostsPerPersonPerLevel, levelOf },
        );
    expect(refusal(check('p4')).rule).toBe('planning_pool.person_full');
    expect(check('high')).not.toThrow();
    expect(check('p1')).not.toThrow();
    expect(check('p4', '2030-2035')).not.toThrow();
  });

  it('judges a review after its removals, so a full pool may swap people', () => {
    const before = {
      plannedByPost: new Map([['pos-x', ['a', 'b', 'c']]]),
      entriesByPerson: new Map(),
      levelOf: { 'pos-x': 4 },
    };
    const review = {
      reviewId: 'r',
      orgUnitId: 'ou',
      term: '2025-2030',
      reviewedOn: '2026-11-30',
      decisionRef: 'x',
      added: [{ personId: 'd', positionId: 'pos-x' }],
      removed: [] as { personId: string; positionId: string; reason: string }[],
    };
    expect(refusal(() => assertReviewWithinLimits(review, before, limits)).message).toMatch(
      /post pos-x would have 4 of 3 people/,
    );
    review.removed.push({ personId: 'a', positionId: 'pos-x', reason: 'age' });
    expect(() => assertReviewWithinLimits(review, before, limits)).not.toThrow();
  });
});

describe('consecutive years not completing duties', () => {
  const ratings = [
    { year: 2022, rating: 'not_completed' as const },
    { year: 2023, rating: 'good' as const },
    { year: 2024, rating: 'not_completed' as const },
    { year: 2025, rating: 'not_completed' as const },
  ];
  it('finds the run ending in the year asked about when it is long enough', () => {
    expect(consecutiveYearsNotCompleted(ratings, 2025, 2)).toEqual([2024, 2025]);
    expect(consecutiveYearsNotCompleted(ratings, 2025, 3)).toBeNull();
    expect(consecutiveYearsNotCompleted(ratings, 2024, 2)).toBeNull();
  });
  it('breaks the run on a year without a rating', () => {
    expect(
      consecutiveYearsNotCompleted(
        [
          { year: 2023, rating: 'not_completed' },
          { year: 2025, rating: 'not_completed' },
        ],
        2025,
        2,
      ),
    ).toBeNull();
  });
});
