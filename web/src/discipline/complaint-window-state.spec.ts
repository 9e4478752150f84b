import { complaintWindowState } from './complaint-window-state';

describe('what the discipline case page says of complaining', () => {
  const decided = { status: 'decided' as const, complaintWindow: null, reviews: [] };
  const review = {} as never;

  it('a State case reviewed once whose second window ran out: the time is over, not "no further complaint"', () => {
    // Before: "Không được khiếu nại tiếp (đã có quyết định giải quyết khiếu nại)", though the
    // State track takes a second complaint (Luật Khiếu nại art. 48) and only its 10 days ran out.
    expect(complaintWindowState({ ...decided, track: 'civil_service', reviews: [review] })).toEqual(
      {
        say: 'windowClosed',
      },
    );
  });

  it('no further complaint after the Party track’s one review, or the State track’s second', () => {
    expect(complaintWindowState({ ...decided, track: 'party', reviews: [review] })).toEqual({
      say: 'noFurther',
    });
    expect(
      complaintWindowState({ ...decided, track: 'civil_service', reviews: [review, review] }),
    ).toEqual({ say: 'noFurther' });
  });

  it('an open window names its last day; none reviewed and none open: the time is over', () => {
    const window = { endsOn: '2026-11-06', citation: 'x', second: true };
    expect(
      complaintWindowState({ ...decided, track: 'civil_service', complaintWindow: window }),
    ).toEqual({ say: 'secondUntil', endsOn: '2026-11-06' });
    expect(complaintWindowState({ ...decided, track: 'party' })).toEqual({ say: 'windowClosed' });
  });
});
