import { PastPost, PostHeld } from '../../cadres/person/person.state';
import { postEndedByDecision } from '../../cadres/person/post-ended-by-decision';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';

/**
 * The decision renews a term the person still holds, read from the record when it is taken: a
 * post another decision has ended (or ends on a later day) before its term ran out has no term
 * left to renew, as at opening (`reappointment.post_ending`). Before, a re-appointment opened
 * while the post was held ran on after an appointment elsewhere ended it, and its decision gave
 * the post back: the record showed both posts held.
 */
export function refusePostEndedByDecision(
  person: { posts: PostHeld[]; pastPosts: PastPost[] },
  positionId: string,
): void {
  const ended = postEndedByDecision(person, positionId);
  if (!ended) return;
  throw new DomainRuleViolation(
    'reappointment.post_ended',
    `positionId: decision ${ended.endedBy} ends ${positionId} (held since ${ended.from}, ${ended.decisionRef}) on ${ended.endedOn}, before its term ends on ${ended.termEnd}: there is no term to renew (${ended.reason}); withdraw this case`,
    'unprocessable',
    'positionId',
    { endedOn: ended.endedOn, endedBy: ended.endedBy, termEnd: ended.termEnd },
  );
}
