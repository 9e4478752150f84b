import { PostAssigned } from './person.events';
import { PastPost, PostHeld } from './person.state';
import { postEndedByDecision } from './post-ended-by-decision';

/** The procedure whose decision renews the term of a post the person holds. */
const RENEWING_PROCEDURE = 'reappointment';

/**
 * A re-appointment's new term of a post another decision ended before that term was to begin
 * (`postEndedByDecision`): the re-appointment was decided before that decision (a decision after
 * it is refused, `reappointment.post_ended`), which ended the post and the term renewed with it.
 * Its record writes nothing, as if it had landed first and the end had taken both. Before, when the
 * removal's end reached the record first (each procedure's record saga runs on its own), the
 * renewed term was written after it: the record showed the post ended and a term of it to come.
 */
export function isRenewalOfPostEnded(
  record: { posts: readonly PostHeld[]; pastPosts: readonly PastPost[] },
  data: PostAssigned['data'],
): boolean {
  if (data.procedure !== RENEWING_PROCEDURE || data.restoredAfter) return false;
  const ended = postEndedByDecision(record, data.positionId);
  return ended !== null && ended.endedOn < data.from;
}
