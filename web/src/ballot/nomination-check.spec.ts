import { nominationsOverPresent } from './nomination-check';

describe('the nomination tally live check', () => {
  it('finds 20 + 15 nominations and 1 invalid ballot too many for 24 present', () => {
    expect(nominationsOverPresent([20, 15], 1, 24)).toEqual({ cast: 36, present: 24 });
  });

  it('says nothing while a number is missing or when the ballots fit', () => {
    expect(nominationsOverPresent([20, null], 1, 24)).toBeNull();
    expect(nominationsOverPresent([12, 11], 1, 24)).toBeNull();
  });
});
