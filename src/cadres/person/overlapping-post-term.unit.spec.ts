import { PostAssigned } from './person.events';
import { PastPost, PostHeld } from './person.state';
import { overlappingTermViolation } from './overlapping-post-term';

const held = (from: string, termEnd: string | null): PostHeld => ({
  positionId: 'pos-a',
  from,
  termEnd,
  decisionRef: `QĐ ${from}`,
});
const ended = (from: string, endedOn: string): PastPost => ({
  ...held(from, null),
  endedOn,
  reason: 'removed',
  endedBy: 'QĐ-KL',
  caseId: null,
});
const term = (from: string, termEnd: string | null): PostAssigned['data'] => ({
  personId: 'p-a',
  positionId: 'pos-a',
  from,
  termEnd,
  decisionRef: 'QĐ new',
});

describe('a term of a post overlapping another of the same post on record', () => {
  it('refuses a term running into one held from a later day, naming termEnd and that term', () => {
    const record = { posts: [held('2040-01-01', null)], pastPosts: [] };
    const violation = overlappingTermViolation(record, term('2026-01-01', '2099-01-01'));
    expect(violation).toMatchObject({
      rule: 'post.term_overlaps',
      category: 'conflict',
      field: 'termEnd',
    });
    expect(violation?.message).toContain('from 2040-01-01 to no end (QĐ 2040-01-01)');
    expect(overlappingTermViolation(record, term('2026-01-01', null))?.field).toBe('termEnd');
  });

  it('refuses a term starting inside an ended one, naming from', () => {
    const record = { posts: [], pastPosts: [ended('2016-01-01', '2021-01-01')] };
    expect(overlappingTermViolation(record, term('2019-01-01', '2024-01-01'))).toMatchObject({
      rule: 'post.term_overlaps',
      field: 'from',
    });
  });

  it('takes a term that ends the day another starts, one after an ended term, a renewal and the same start', () => {
    const record = {
      posts: [held('2021-01-01', '2026-01-01')],
      pastPosts: [ended('2016-01-01', '2021-01-01')],
    };
    expect(overlappingTermViolation(record, term('2011-01-01', '2016-01-01'))).toBeNull();
    // A new term of the post held (a re-appointment): the term held ends where it starts.
    expect(overlappingTermViolation(record, term('2025-06-01', '2030-06-01'))).toBeNull();
    // The same start: the term held, its end changed, judged as such.
    expect(overlappingTermViolation(record, term('2021-01-01', '2027-01-01'))).toBeNull();
    // Another post is no overlap.
    expect(
      overlappingTermViolation(record, { ...term('2019-01-01', null), positionId: 'pos-b' }),
    ).toBeNull();
  });

  it('judges no case decision and no term ended before it began', () => {
    const record = {
      posts: [held('2040-01-01', null)],
      pastPosts: [ended('2030-01-01', '2030-01-01')],
    };
    expect(
      overlappingTermViolation(record, { ...term('2026-01-01', null), caseId: 'c-1' }),
    ).toBeNull();
    expect(
      overlappingTermViolation({ ...record, posts: [] }, term('2029-01-01', '2031-01-01')),
    ).toBeNull();
  });
});
