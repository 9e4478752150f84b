import { checkBallot, leastExceeding, leastReaching, TallyInput } from './ballot-check';
import { evaluateMajorityBallot } from '../../../src/workflow/vote-rules/majority-ballot';
import fc from 'fast-check';

const rule = {
  quorum: { numerator: 2, denominator: 3 },
  pass: { numerator: 1, denominator: 2 },
  base: 'members' as const,
  headBreaksTie: true,
};
const tally = (overrides: Partial<TallyInput> = {}): TallyInput => ({
  members: 13,
  summoned: 13,
  present: 12,
  for: 10,
  against: 2,
  abstain: 0,
  invalid: 0,
  ...overrides,
});

describe('live ballot arithmetic of the tally form', () => {
  it('shows the quorum and threshold of 13 members: at least 9 present, more than 6.5 for', () => {
    const check = checkBallot(rule, tally());
    expect(check).toMatchObject({
      verdict: 'passes',
      quorumNeeded: 9,
      passThreshold: 6.5,
      forNeeded: 7,
      cast: 12,
      findings: [],
    });
  });

  it('6 of 13 fails; 8 present of 13 summoned has no quorum, on the present field', () => {
    expect(checkBallot(rule, tally({ for: 6, against: 6 })).verdict).toBe('fails');
    const noQuorum = checkBallot(rule, tally({ present: 8, for: 6, against: 2 }));
    expect(noQuorum.verdict).toBe('no_quorum');
    expect(noQuorum.findings).toEqual([
      { field: 'present', key: 'no_quorum', values: { present: 8, summoned: 13, needed: 9 } },
    ]);
  });

  it('exactly half goes to the head where the rule allows, and fails where it does not', () => {
    const even = tally({ members: 12, summoned: 12, present: 12, for: 6, against: 6 });
    expect(checkBallot(rule, even).verdict).toBe('tie');
    expect(checkBallot({ ...rule, headBreaksTie: false }, even).verdict).toBe('fails');
  });

  it('names the field of an inconsistent tally and waits for missing counts', () => {
    expect(checkBallot(rule, tally({ against: 3 })).findings).toEqual([
      { field: 'present', key: 'sum_mismatch', values: { cast: 13, present: 12 } },
    ]);
    expect(checkBallot(rule, tally({ summoned: 14 })).findings[0]).toMatchObject({
      field: 'summoned',
      key: 'summoned_over_members',
    });
    expect(checkBallot(rule, tally({ for: null })).verdict).toBe('incomplete');
    expect(checkBallot(rule, tally({ for: -1 })).findings[0]).toMatchObject({
      field: 'for',
      key: 'count_invalid',
    });
  });

  it('uses the base the step names (those summoned)', () => {
    const check = checkBallot(
      { ...rule, base: 'summoned' },
      tally({ members: 20, summoned: 13, present: 12, for: 7, against: 5 }),
    );
    expect(check).toMatchObject({ verdict: 'passes', passThreshold: 6.5, forNeeded: 7 });
  });

  it('least counts are exact at the boundary', () => {
    expect(leastReaching({ numerator: 2, denominator: 3 }, 12)).toBe(8);
    expect(leastReaching({ numerator: 2, denominator: 3 }, 13)).toBe(9);
    expect(leastExceeding({ numerator: 1, denominator: 2 }, 12)).toBe(7);
    expect(leastExceeding({ numerator: 1, denominator: 2 }, 13)).toBe(7);
  });

  it('agrees with the engine’s verdict on every consistent tally (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.boolean(),
        fc.constantFrom('members' as const, 'summoned' as const),
        (members, a, b, c, d, headBreaksTie, base) => {
          const present = a + b + c + d;
          fc.pre(present >= 1 && present <= members);
          const summoned = Math.max(present, Math.min(members, present + 3));
          const counts = { members, summoned, present, for: a, against: b, abstain: c, invalid: d };
          const r = { ...rule, base, headBreaksTie };
          const engine = evaluateMajorityBallot(r, counts).outcome;
          const live = checkBallot(r, counts).verdict;
          const expected = {
            passed: 'passes',
            failed: 'fails',
            no_quorum: 'no_quorum',
            tie_needs_head: 'tie',
            invalid_tally: 'invalid',
          }[engine];
          expect(live).toBe(expected);
        },
      ),
    );
  });
});
