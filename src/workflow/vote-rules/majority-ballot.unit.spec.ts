import fc from 'fast-check';
import { evaluateMajorityBallot, MajorityRule } from './majority-ballot';
import { BallotTally } from './tally';

const TWO_THIRDS = { numerator: 2, denominator: 3 };
const HALF = { numerator: 1, denominator: 2 };
const ofMembers: MajorityRule = {
  quorum: TWO_THIRDS,
  pass: HALF,
  base: 'members',
  headBreaksTie: false,
};
const ofSummoned: MajorityRule = { ...ofMembers, base: 'summoned' };
const withHead: MajorityRule = { ...ofMembers, headBreaksTie: true };

function tally(t: Partial<BallotTally> & Pick<BallotTally, 'for'>): BallotTally {
  const members = t.members ?? 13;
  const summoned = t.summoned ?? members;
  const against = t.against ?? 0;
  const abstain = t.abstain ?? 0;
  const invalid = t.invalid ?? 0;
  return {
    members,
    summoned,
    present: t.present ?? t.for + against + abstain + invalid,
    for: t.for,
    against,
    abstain,
    invalid,
  };
}

describe('majority ballot (bỏ phiếu kín)', () => {
  it('fails with 6 of 13 members for, naming the numbers', () => {
    expect(evaluateMajorityBallot(ofMembers, tally({ for: 6, against: 6, abstain: 0 }))).toEqual({
      outcome: 'failed',
      reason: 'failed: 6 of 13 members for, needs more than 6.5',
    });
  });

  it('passes with 7 of 13 members for', () => {
    expect(evaluateMajorityBallot(ofMembers, tally({ for: 7, against: 3 }))).toEqual({
      outcome: 'passed',
      reason: 'passed: 7 of 13 members for, needs more than 6.5',
    });
  });

  it('counts against the total membership, not those present', () => {
    // 7 of 10 present is a majority of those present but not of the 15 members.
    const result = evaluateMajorityBallot(
      ofMembers,
      tally({ members: 15, summoned: 15, for: 7, against: 3 }),
    );
    expect(result).toEqual({
      outcome: 'failed',
      reason: 'failed: 7 of 15 members for, needs more than 7.5',
    });
  });

  it('uses those summoned as the base where the step says so', () => {
    const t = tally({ members: 20, summoned: 12, for: 7, against: 2 });
    expect(evaluateMajorityBallot(ofSummoned, t)).toEqual({
      outcome: 'passed',
      reason: 'passed: 7 of 12 summoned for, needs more than 6',
    });
    expect(evaluateMajorityBallot(ofMembers, t).outcome).toBe('failed');
  });

  it('needs at least two thirds of those summoned present', () => {
    expect(evaluateMajorityBallot(ofMembers, tally({ for: 8, present: 8 }))).toEqual({
      outcome: 'no_quorum',
      reason: 'no quorum: 8 of 13 summoned present, needs at least 9 (2/3 of 13)',
    });
    expect(evaluateMajorityBallot(ofMembers, tally({ members: 12, for: 8 })).outcome).toBe(
      'passed',
    );
  });

  describe('a tie at exactly half', () => {
    const tie = tally({ members: 12, for: 6, against: 6 });
    it('fails where the rule gives the head no casting decision', () => {
      expect(evaluateMajorityBallot(ofMembers, tie)).toEqual({
        outcome: 'failed',
        reason: 'failed: 6 of 12 members for, needs more than 6',
      });
    });
    it('waits for the head where the rule allows, then records the decision and the dissent', () => {
      expect(evaluateMajorityBallot(withHead, tie).outcome).toBe('tie_needs_head');
      expect(evaluateMajorityBallot(withHead, tie, 'for')).toEqual({
        outcome: 'passed',
        reason: "passed by the head's decision on a tie: 6 of 12 members for, exactly 6",
        decidedByHead: { decision: 'for', dissent: 6 },
      });
      expect(evaluateMajorityBallot(withHead, tie, 'against').outcome).toBe('failed');
    });
    it('ignores a head decision when there is no tie', () => {
      expect(
        evaluateMajorityBallot(withHead, tally({ members: 12, for: 5, against: 7 }), 'for').outcome,
      ).toBe('failed');
    });
  });

  it.each([
    [
      { members: 13, summoned: 13, present: 12, for: 7, against: 3, abstain: 1, invalid: 0 },
      'present',
      'for + against + abstain + invalid = 11, but 12 present',
    ],
    [
      { members: 13, summoned: 10, present: 11, for: 7, against: 4, abstain: 0, invalid: 0 },
      'present',
      '11 present, but only 10 summoned',
    ],
    [
      { members: 9, summoned: 10, present: 10, for: 7, against: 3, abstain: 0, invalid: 0 },
      'summoned',
      '10 summoned, but the collective has 9 members',
    ],
    [
      { members: 13, summoned: 13, present: 10, for: 7.5, against: 2.5, abstain: 0, invalid: 0 },
      'for',
      'for must be a whole number ≥ 0 (got 7.5)',
    ],
    [
      { members: 13, summoned: 13, present: 10, for: -1, against: 11, abstain: 0, invalid: 0 },
      'for',
      'for must be a whole number ≥ 0 (got -1)',
    ],
  ])('refuses an inconsistent tally %j naming the field', (t, field, reason) => {
    expect(evaluateMajorityBallot(ofMembers, t)).toEqual({
      outcome: 'invalid_tally',
      field,
      reason,
    });
  });

  it('property: passes exactly when for × 2 > base and quorum holds (without tie-breaking)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }).chain((members) =>
          fc.integer({ min: 1, max: members }).chain((summoned) =>
            fc.integer({ min: 0, max: summoned }).chain((present) =>
              fc.integer({ min: 0, max: present }).chain((forVotes) =>
                fc.integer({ min: 0, max: present - forVotes }).map((against) => ({
                  members,
                  summoned,
                  present,
                  for: forVotes,
                  against,
                  abstain: present - forVotes - against,
                  invalid: 0,
                })),
              ),
            ),
          ),
        ),
        (t) => {
          const result = evaluateMajorityBallot(ofMembers, t);
          if (t.present * 3 < t.summoned * 2) return result.outcome === 'no_quorum';
          return result.outcome === (t.for * 2 > t.members ? 'passed' : 'failed');
        },
      ),
    );
  });
});
