import { pendingClaimsOf, PostSeatClaim } from './post-seat-claims';
import { PostHolder } from './post-holders';

const claim = (from: string, termEnd: string | null): PostSeatClaim => ({
  personId: 'p-a',
  from,
  termEnd,
  recordedAt: '2026-12-06T10:00:00.000Z',
});
const held = (from: string, termEnd: string | null, endsOn: string | null = null): PostHolder => ({
  personId: 'p-a',
  fullName: 'Người p-a',
  from,
  termEnd,
  endsOn,
});

describe('a seat claim not yet on its holder’s record (pendingClaimsOf)', () => {
  const extension = claim('2027-02-05', '2027-05-31');

  it('an extension’s claim counts until the post it extends runs to its end, then is the hold on record', () => {
    // Before the record takes the extended term: the days from the term's end are the claim's.
    expect(pendingClaimsOf([extension], 'p-a', [held('2022-03-01', '2027-02-05')])).toEqual([
      extension,
    ]);
    // Once it does, the claim is that hold (before: counted beside it, one holder filling two seats).
    expect(pendingClaimsOf([extension], 'p-a', [held('2022-03-01', '2027-05-31')])).toEqual([]);
  });

  it('a hold a decision ended before the claim’s end is not it; one beginning on its first day is', () => {
    const again = claim('2027-02-05', null);
    expect(pendingClaimsOf([again], 'p-a', [held('2020-01-01', null, '2025-01-01')])).toEqual([
      again,
    ]);
    expect(pendingClaimsOf([again], 'p-a', [held('2027-02-05', '2032-02-05')])).toEqual([]);
    expect(pendingClaimsOf([again], 'p-b', [])).toEqual([]);
  });
});
