import { PastPost, PostHeld } from './person.state';
import { postEndedByDecision } from './post-ended-by-decision';

const term: PostHeld = {
  positionId: 'pos-head',
  from: '2023-06-01',
  termEnd: '2028-06-01',
  decisionRef: '21-QĐ/UBND',
};
const ended = (endedOn: string, reason: string, endedBy: string): PastPost => ({
  ...term,
  endedOn,
  reason,
  endedBy,
  caseId: null,
});

describe('a post a decision has ended before its term ran out', () => {
  it('is the last holding of it, once no term of it is held (a later day included)', () => {
    const cut = ended('2026-12-01', 'appointed to pos-other (case a-1)', 'QĐ-a');
    expect(postEndedByDecision({ posts: [], pastPosts: [cut] }, 'pos-head')).toBe(cut);
  });

  it('is none while a term of the post is held (renewed: the old term is past, the new one held)', () => {
    const renewed = ended('2028-06-01', 'renewed', 'QĐ-r');
    const next = { ...term, from: '2028-06-01', termEnd: '2033-06-01', decisionRef: 'QĐ-r' };
    expect(postEndedByDecision({ posts: [next], pastPosts: [renewed] }, 'pos-head')).toBeNull();
  });

  it('is none when the term ran out by itself: a re-appointment decided late still renews it', () => {
    const ranOut = ended('2028-06-01', 'term ended (case r-0)', '21-QĐ/UBND');
    expect(postEndedByDecision({ posts: [], pastPosts: [ranOut] }, 'pos-head')).toBeNull();
  });
});
