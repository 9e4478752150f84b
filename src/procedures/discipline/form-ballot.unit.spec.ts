import { evaluateFormBallot, FormBallotRule, FormBallotTally } from './form-ballot';

const party: FormBallotRule = {
  forms: ['reprimand', 'warning', 'removal_from_post', 'expulsion'],
  quorum: { numerator: 2, denominator: 3 },
  pass: { numerator: 1, denominator: 2 },
  accumulateFromHeaviest: true,
  cellProposal: { forms: ['expulsion'], share: { numerator: 2, denominator: 3 } },
};
const council: FormBallotRule = {
  ...party,
  forms: ['reprimand', 'warning', 'demotion', 'removal_from_post', 'dismissal'],
  accumulateFromHeaviest: false,
};

const tally = (
  votesByForm: Record<string, number>,
  extra: Partial<FormBallotTally> = {},
): FormBallotTally => {
  const cast = Object.values(votesByForm).reduce((a, b) => a + b, 0);
  const noDiscipline = extra.noDiscipline ?? 0;
  const invalid = extra.invalid ?? 0;
  return {
    members: 13,
    summoned: 13,
    present: cast + noDiscipline + invalid,
    invalid,
    noDiscipline,
    votesByForm,
    ...extra,
  };
};

describe('discipline ballot over forms', () => {
  it('chooses a form that alone has more than half of the members', () => {
    expect(evaluateFormBallot(party, tally({ warning: 7, reprimand: 6 }))).toEqual({
      outcome: 'form_chosen',
      form: 'warning',
      accumulated: false,
      reason: 'warning: 7 votes, more than 6.5 of 13 members',
    });
  });

  it('adds votes from the heaviest form down when no form passes alone (Party rule)', () => {
    // 13 members: expulsion 0, removal 4, warning 3, reprimand 5, none 1. Alone: nothing > 6.5.
    // From the heaviest: removal 4 → + warning 3 = 7 > 6.5 → warning.
    const result = evaluateFormBallot(
      party,
      tally({ removal_from_post: 4, warning: 3, reprimand: 5 }, { noDiscipline: 1 }),
    );
    expect(result).toMatchObject({ outcome: 'form_chosen', form: 'warning', accumulated: true });
    expect(result.outcome === 'form_chosen' && result.reason).toBe(
      'no form had more than 6.5 of 13 members alone; adding from the heaviest: expulsion 0 + removal_from_post 4 + warning 3 = 7, so warning',
    );
  });

  it('counts the whole membership, not those present, as the base', () => {
    // 11 of 13 present; reprimand 6 of 13 is not more than 6.5, and accumulation reaches only 6 + 0.
    const result = evaluateFormBallot(party, tally({ reprimand: 6 }, { noDiscipline: 5 }));
    expect(result).toEqual({
      outcome: 'no_discipline',
      reason:
        'no form reached more than 6.5 of 13 members, even added from the heaviest down (most: reprimand 6; no discipline 5)',
    });
  });

  it('does not accumulate on the civil-service council, where each form must pass alone', () => {
    const result = evaluateFormBallot(
      council,
      tally({ dismissal: 4, removal_from_post: 3, warning: 6 }),
    );
    expect(result.outcome).toBe('no_discipline');
  });

  it('accumulation reaches the lightest form when needed, and stops at none', () => {
    expect(
      evaluateFormBallot(
        party,
        tally(
          { expulsion: 1, removal_from_post: 1, warning: 1, reprimand: 3 },
          { noDiscipline: 7 },
        ),
      ),
    ).toMatchObject({ outcome: 'no_discipline' });
    expect(
      evaluateFormBallot(
        party,
        tally(
          { expulsion: 2, removal_from_post: 1, warning: 2, reprimand: 3 },
          { noDiscipline: 5 },
        ),
      ),
    ).toMatchObject({ outcome: 'form_chosen', form: 'reprimand', accumulated: true });
  });

  it('expulsion needs two thirds of the cell to propose it', () => {
    const votes = tally({ expulsion: 8, warning: 5 });
    expect(evaluateFormBallot(party, votes)).toMatchObject({ outcome: 'expulsion_not_proposed' });
    expect(evaluateFormBallot(party, votes, { cellMembers: 10, for: 6 })).toEqual({
      outcome: 'expulsion_not_proposed',
      reason: "expulsion needs at least 6.67 of the cell's 10 members to propose it; 6 did",
    });
    expect(evaluateFormBallot(party, votes, { cellMembers: 9, for: 6 })).toMatchObject({
      outcome: 'form_chosen',
      form: 'expulsion',
    });
  });

  it('refuses inconsistent tallies, unknown forms and a missing quorum, naming the field', () => {
    expect(evaluateFormBallot(party, { ...tally({ warning: 7 }), present: 9 })).toMatchObject({
      outcome: 'invalid_tally',
      field: 'present',
    });
    expect(evaluateFormBallot(party, tally({ demotion: 7 }))).toMatchObject({
      outcome: 'invalid_tally',
      field: 'votesByForm.demotion',
    });
    expect(evaluateFormBallot(party, { ...tally({ warning: -1 }), present: 5 })).toMatchObject({
      outcome: 'invalid_tally',
      field: 'votesByForm.warning',
    });
    expect(
      evaluateFormBallot(party, {
        ...tally({ warning: 8 }),
        members: 20,
        summoned: 14,
        present: 8,
      }),
    ).toEqual({
      outcome: 'no_quorum',
      reason: 'no quorum: 8 of 14 summoned present, needs at least 10 (2/3 of 14)',
    });
  });
});
