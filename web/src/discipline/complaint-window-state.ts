/** What the case page says of complaining, as the server judges it (`complaintWindow`). */
export type ComplaintWindowState =
  | { say: 'underReview' }
  | { say: 'firstUntil' | 'secondUntil'; endsOn: string }
  | { say: 'noFurther' | 'windowClosed' };

/**
 * No window open: after a review the Party track takes no second complaint and the State track
 * takes one (Luật Khiếu nại art. 48), so a State case reviewed once has run out of time rather
 * than out of complaints — it is told so, not that the review ended it.
 */
export function complaintWindowState(view: {
  status: string;
  track: 'party' | 'civil_service';
  complaintWindow?: { endsOn: string; second: boolean } | null;
  reviews?: readonly unknown[];
}): ComplaintWindowState {
  if (view.status === 'under_review') return { say: 'underReview' };
  const window = view.complaintWindow;
  if (window) return { say: window.second ? 'secondUntil' : 'firstUntil', endsOn: window.endsOn };
  const reviews = (view.reviews ?? []).length;
  const noMore = reviews >= 2 || (reviews === 1 && view.track === 'party');
  return { say: noMore ? 'noFurther' : 'windowClosed' };
}
