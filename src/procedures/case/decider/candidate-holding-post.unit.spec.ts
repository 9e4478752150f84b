import { DomainRuleViolation } from './domain-rule-violation';
import { PersonFactsForVetting } from './case.context';
import { refuseCandidateHoldingPost } from './candidate-holding-post';

const holder = {
  target: { positionId: 'pos-head', rank: 5 },
  holdsTargetPost: true,
  termRecord: {
    posts: [
      { positionId: 'pos-head', from: '2025-07-01', termEnd: '2030-07-01', decisionRef: '15/QĐ' },
    ],
    pastPosts: [],
    ratings: [],
  },
} as unknown as PersonFactsForVetting;
const appointment = { postAlreadyHeld: { route: 're-appointment' } };
const field = 'candidates[0].personId';

describe('a candidate who holds the post the case fills', () => {
  it('is refused where the definition names another route for a post held, with the hold and its term', () => {
    const refusal = (() => {
      try {
        refuseCandidateHoldingPost(
          'p-an',
          holder,
          { definition: appointment, day: '2026-12-01' },
          field,
        );
      } catch (e) {
        return e as DomainRuleViolation;
      }
    })();
    expect(refusal).toMatchObject({
      rule: 'appointment.already_holds_post',
      category: 'unprocessable',
      field,
      details: { heldSince: '2025-07-01', termEnd: '2030-07-01' },
    });
    expect(refusal?.message).toBe(
      'candidates[0].personId: p-an already holds pos-head since 2025-07-01 (term until 2030-07-01): a nomination puts forward someone for a post they do not hold; to renew the term held, use re-appointment',
    );
  });

  it('is not refused by a definition for the holder (re-appointment, extension), nor when not holding it', () => {
    const on = { definition: {}, day: '2026-12-01' };
    expect(() => refuseCandidateHoldingPost('p-an', holder, on, field)).not.toThrow();
    const notHolding = { ...holder, holdsTargetPost: false };
    const onAppointment = { definition: appointment, day: '2026-12-01' };
    expect(() =>
      refuseCandidateHoldingPost('p-an', notHolding, onAppointment, field),
    ).not.toThrow();
  });
});
