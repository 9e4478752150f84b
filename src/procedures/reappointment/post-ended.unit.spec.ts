import { refusePostEndedByDecision } from './post-ended';

/**
 * A decision ending the post withdraws its open re-appointment (`withdrawnWhenPostEnds`); one
 * taken before that withdrawal, or on a post ended by another way, is still refused here.
 */
describe('a re-appointment decided after another decision ended the post', () => {
  const post = {
    positionId: 'pos-h',
    from: '2023-06-01',
    termEnd: '2028-06-01',
    decisionRef: '21-QĐ',
  };

  it('is refused, naming the decision that ended it, while a post still held is renewed', () => {
    const cut = {
      ...post,
      endedOn: '2026-12-01',
      reason: 'rotated',
      endedBy: 'QĐ-rot',
      caseId: null,
    };
    expect(() => refusePostEndedByDecision({ posts: [], pastPosts: [cut] }, 'pos-h')).toThrow(
      expect.objectContaining({
        rule: 'reappointment.post_ended',
        field: 'positionId',
        details: { endedOn: '2026-12-01', endedBy: 'QĐ-rot', termEnd: '2028-06-01' },
        message: expect.stringContaining(
          'decision QĐ-rot ends pos-h (held since 2023-06-01, 21-QĐ) on 2026-12-01, before its term ends on 2028-06-01: there is no term to renew',
        ),
      }),
    );
    expect(() =>
      refusePostEndedByDecision({ posts: [post], pastPosts: [] }, 'pos-h'),
    ).not.toThrow();
  });

  it('is refused over a removal decided on the holding’s stream and not on the record yet', () => {
    const removal = {
      caseId: 'm-1',
      procedure: 'removal',
      orgUnitId: 'ou-town',
      personId: 'p-1',
      positionId: 'pos-h',
      effectiveFrom: '2026-12-07',
      decisionRef: 'QĐ-m (2026-12-07)',
      reason: 'relief (case m-1)',
    };
    const read = (effect: 'ends' | 'continues', caseId = 'm-1') => ({
      read: {
        personId: 'p-1',
        positionId: 'pos-h',
        revision: 0,
        decisions: [{ ...removal, caseId, effect }],
      },
      caseId: 'r-1',
    });
    expect(() =>
      refusePostEndedByDecision({ posts: [post], pastPosts: [] }, 'pos-h', read('ends')),
    ).toThrow(
      expect.objectContaining({
        rule: 'reappointment.post_ended',
        details: { endedOn: '2026-12-07', endedBy: 'QĐ-m (2026-12-07)', termEnd: '2028-06-01' },
        message: expect.stringContaining('(relief (case m-1))'),
      }),
    );
    // Its own record there, or another continuing the term, ends nothing.
    for (const holding of [read('ends', 'r-1'), read('continues')])
      expect(() =>
        refusePostEndedByDecision({ posts: [post], pastPosts: [] }, 'pos-h', holding),
      ).not.toThrow();
  });
});
