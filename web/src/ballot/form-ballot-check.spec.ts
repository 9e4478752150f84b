import { checkFormBallot, FormTallyInput } from './form-ballot-check';

const party = {
  forms: ['reprimand', 'warning', 'removal_from_post', 'expulsion'],
  quorum: { numerator: 2, denominator: 3 },
  pass: { numerator: 1, denominator: 2 },
  accumulateFromHeaviest: true,
};
const tally = (overrides: Partial<FormTallyInput> = {}): FormTallyInput => ({
  members: 13,
  summoned: 13,
  present: 13,
  invalid: 0,
  noDiscipline: 4,
  votesByForm: { reprimand: 9 },
  ...overrides,
});

describe('live arithmetic of the discipline form ballot', () => {
  it('shows the quorum and threshold of 13 members and the form chosen', () => {
    expect(checkFormBallot(party, tally())).toMatchObject({
      verdict: 'form_chosen',
      outcome: { form: 'reprimand' },
      quorumNeeded: 9,
      passThreshold: 6.5,
      votesNeeded: 7,
      cast: 13,
    });
  });

  it('waits for every count, then finds no quorum or a sum that does not add up', () => {
    expect(checkFormBallot(party, tally({ noDiscipline: null })).verdict).toBe('incomplete');
    expect(checkFormBallot(party, tally({ present: 8 })).verdict).toBe('invalid_tally');
    expect(
      checkFormBallot(party, tally({ present: 8, noDiscipline: 0, votesByForm: { reprimand: 8 } }))
        .verdict,
    ).toBe('no_quorum');
  });

  it('adds votes up from the heaviest form on the Party track', () => {
    const check = checkFormBallot(
      party,
      tally({ noDiscipline: 3, votesByForm: { warning: 5, removal_from_post: 3, reprimand: 2 } }),
    );
    expect(check.outcome).toMatchObject({ form: 'warning', accumulated: true });
  });
});
