import { evaluateNomination, NominationRule } from './nomination-ballot';

const rule: NominationRule = {
  quorum: { numerator: 2, denominator: 3 },
  pass: { numerator: 1, denominator: 2 },
  fallbackCount: 2,
};

describe('nomination ballot (giới thiệu nhân sự)', () => {
  it('selects the person with the most votes and more than half of those summoned', () => {
    const result = evaluateNomination(rule, {
      members: 25,
      summoned: 24,
      present: 23,
      invalid: 1,
      candidates: [
        { personId: 'p-an', votes: 15 },
        { personId: 'p-binh', votes: 7 },
      ],
    });
    expect(result).toEqual({
      outcome: 'selected',
      selected: ['p-an'],
      reason: 'selected p-an: 15 of 24 summoned, needs the most votes and more than 12',
    });
  });

  it('sends the top two forward when nobody passes', () => {
    const result = evaluateNomination(rule, {
      members: 25,
      summoned: 25,
      present: 24,
      invalid: 0,
      candidates: [
        { personId: 'p-an', votes: 10 },
        { personId: 'p-binh', votes: 9 },
        { personId: 'p-cuong', votes: 5 },
      ],
    });
    expect(result.outcome).toBe('fallback');
    expect(result.outcome === 'fallback' && result.selected).toEqual(['p-an', 'p-binh']);
    expect(result.outcome === 'fallback' && result.reason).toBe(
      'nobody passed (p-an had 10 of 25 summoned, needs the most votes and more than 12.5); forward: p-an (10), p-binh (9)',
    );
  });

  it('sends everyone tied for second place forward rather than drawing lots', () => {
    const result = evaluateNomination(rule, {
      members: 20,
      summoned: 20,
      present: 20,
      invalid: 0,
      candidates: [
        { personId: 'p-a', votes: 8 },
        { personId: 'p-b', votes: 6 },
        { personId: 'p-c', votes: 6 },
      ],
    });
    expect(result.outcome === 'fallback' && result.selected).toEqual(['p-a', 'p-b', 'p-c']);
  });

  it('does not select anyone on a tie for first place, even above half', () => {
    const result = evaluateNomination(rule, {
      members: 10,
      summoned: 4,
      present: 4,
      invalid: 0,
      candidates: [
        { personId: 'p-a', votes: 2 },
        { personId: 'p-b', votes: 2 },
      ],
    });
    expect(result.outcome).toBe('fallback');
  });

  it('names the line of a candidate listed twice or with votes that are no count', () => {
    const tally = (candidates: { personId: string; votes: number }[]) =>
      evaluateNomination(rule, { members: 10, summoned: 10, present: 10, invalid: 0, candidates });
    expect(
      tally([
        { personId: 'p-a', votes: 4 },
        { personId: 'p-a', votes: 3 },
      ]),
    ).toMatchObject({ field: 'candidates[1].personId', reason: 'p-a is listed twice' });
    expect(
      tally([
        { personId: 'p-a', votes: 4 },
        { personId: 'p-b', votes: -1 },
      ]),
    ).toMatchObject({
      field: 'candidates[1].votes',
      reason: 'votes for p-b must be a whole number ≥ 0',
    });
  });

  it('refuses more ballots than members present, and a quorum shortfall', () => {
    expect(
      evaluateNomination(rule, {
        members: 10,
        summoned: 10,
        present: 8,
        invalid: 1,
        candidates: [{ personId: 'p-a', votes: 8 }],
      }),
    ).toMatchObject({
      outcome: 'invalid_tally',
      field: 'candidates',
      reason: '9 ballots counted, but 8 present',
    });
    expect(
      evaluateNomination(rule, {
        members: 10,
        summoned: 10,
        present: 6,
        invalid: 0,
        candidates: [{ personId: 'p-a', votes: 6 }],
      }).outcome,
    ).toBe('no_quorum');
  });
});
