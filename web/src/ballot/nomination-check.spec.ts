import { nominationCountFindings, nominationsOverPresent } from './nomination-check';

describe('the nomination tally live check', () => {
  it('finds 20 + 15 nominations and 1 invalid ballot too many for 24 present', () => {
    expect(nominationsOverPresent([20, 15], 1, 24)).toEqual({ cast: 36, present: 24 });
  });

  it('says nothing while a number is missing or when the ballots fit', () => {
    expect(nominationsOverPresent([20, null], 1, 24)).toBeNull();
    expect(nominationsOverPresent([12, 11], 1, 24)).toBeNull();
  });

  it('finds 20 present of 15 summoned on «Số có mặt», as the ballot does', () => {
    expect(nominationCountFindings({ members: 25, summoned: 15, present: 20, invalid: 0 })).toEqual(
      [{ field: 'present', key: 'present_over_summoned', values: { present: 20, summoned: 15 } }],
    );
    expect(
      nominationCountFindings({ members: 13, summoned: 15, present: null, invalid: -1 }),
    ).toEqual([
      { field: 'invalid', key: 'count_invalid', values: { value: -1 } },
      { field: 'summoned', key: 'summoned_over_members', values: { summoned: 15, members: 13 } },
    ]);
    expect(nominationCountFindings({ members: 25, summoned: 25, present: 24, invalid: 1 })).toEqual(
      [],
    );
  });
});
