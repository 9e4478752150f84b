import { isPlanningPoolRepeat } from './planning-pool-repeat';

const pool = [{ positionId: 'pos-a', term: '2025-2030', decisionRef: '92-QĐ/TU' }];
const entry = (decisionRef: string, term = '2025-2030') => ({
  personId: 'p-a',
  positionId: 'pos-a',
  term,
  decisionRef,
});

describe('a planning-pool entry sent again', () => {
  it('is a repeat when identical, and not one when the pool has no entry for that post and term', () => {
    expect(isPlanningPoolRepeat(pool, entry('92-QĐ/TU'))).toBe(true);
    expect(isPlanningPoolRepeat(pool, entry('92-QĐ/TU', '2030-2035'))).toBe(false);
  });

  it('is refused with another decision, naming decisionRef and the decision on record', () => {
    expect(() => isPlanningPoolRepeat(pool, entry('91-QĐ/TU'))).toThrow(
      expect.objectContaining({
        rule: 'planning_pool.other_decision',
        category: 'conflict',
        field: 'decisionRef',
        message: expect.stringContaining('by 92-QĐ/TU, not 91-QĐ/TU'),
      }),
    );
  });
});
