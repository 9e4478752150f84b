import { PastPost, PostHeld } from '../../cadres/person/person.state';
import { refusePostEndedByDecision as refuseEnded } from '../case/decider/post-ended-refusal';
import { PostHoldingRead } from '../case/post-holding-decisions';

/**
 * The decision renews a term the person still holds, read from the record when it is taken: a
 * post another decision has ended (or ends on a later day) before its term ran out has no term
 * left to renew, as at opening (`reappointment.post_ending`). Before, a re-appointment opened
 * while the post was held ran on after an appointment elsewhere ended it, and its decision gave
 * the post back: the record showed both posts held. A removal decided beside it, not yet on the
 * record, is read from the holding's stream (`holding`).
 */
export function refusePostEndedByDecision(
  person: { posts: PostHeld[]; pastPosts: PastPost[] },
  positionId: string,
  holding?: { read: PostHoldingRead | undefined; caseId: string },
): void {
  refuseEnded(person, positionId, { rule: 'reappointment.post_ended', noTermTo: 'renew' }, holding);
}
