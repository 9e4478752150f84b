import { evaluateCouncilElection } from './council-election';

const rule = { quorum: { numerator: 2, denominator: 3 }, pass: { numerator: 1, denominator: 2 } };
const vote = (delegates: number, present: number, votesFor: number, invalid = 0) => ({
  delegates,
  present,
  for: votesFor,
  against: present - votesFor - invalid,
  invalid,
});

describe('a council’s election (> 50% of all delegates, 2/3 present)', () => {
  it('elects only with more than half of all delegates, not of those present', () => {
    expect(evaluateCouncilElection(rule, vote(31, 21, 16)).outcome).toBe('elected');
    expect(evaluateCouncilElection(rule, vote(31, 21, 15))).toEqual({
      outcome: 'not_elected',
      reason: 'not elected: 15 of 31 delegates for, needs more than 15.5',
    });
    expect(evaluateCouncilElection(rule, vote(30, 30, 15)).outcome).toBe('not_elected');
  });

  it('needs two thirds of all delegates present, exactly two thirds being enough', () => {
    expect(evaluateCouncilElection(rule, vote(30, 20, 20)).outcome).toBe('elected');
    expect(evaluateCouncilElection(rule, vote(30, 19, 19))).toMatchObject({
      outcome: 'no_quorum',
    });
  });

  it('refuses counts that do not add up, or more present than delegates', () => {
    expect(
      evaluateCouncilElection(rule, {
        delegates: 30,
        present: 28,
        for: 20,
        against: 3,
        invalid: 0,
      }),
    ).toMatchObject({ outcome: 'invalid_tally', field: 'present' });
    expect(evaluateCouncilElection(rule, vote(30, 31, 31))).toMatchObject({
      outcome: 'invalid_tally',
      reason: '31 present, but the council has 30 delegates',
    });
  });
});
