import { PastPost, PostHeld } from '../../../cadres/person/person.state';
import { postEndedByDecision } from '../../../cadres/person/post-ended-by-decision';
import { DomainRuleViolation } from './domain-rule-violation';

/** How a procedure whose decision continues a term words its refusal once the post has ended. */
export interface PostEndedRefusal {
  rule: string;
  /** What the decision would do to the term: "renew", "extend". */
  noTermTo: string;
}

/**
 * A decision continuing a term (a re-appointment's, an extension's) refuses a post another
 * decision has ended (or ends on a later day) before its term ran out, read from the record when
 * the decision is taken: there is no term left to continue.
 */
export function refusePostEndedByDecision(
  person: { posts: PostHeld[]; pastPosts: PastPost[] },
  positionId: string,
  refusal: PostEndedRefusal,
): void {
  const ended = postEndedByDecision(person, positionId);
  if (!ended) return;
  throw new DomainRuleViolation(
    refusal.rule,
    `positionId: decision ${ended.endedBy} ends ${positionId} (held since ${ended.from}, ${ended.decisionRef}) on ${ended.endedOn}, before its term ends on ${ended.termEnd}: there is no term to ${refusal.noTermTo} (${ended.reason}); withdraw this case`,
    'unprocessable',
    'positionId',
    { endedOn: ended.endedOn, endedBy: ended.endedBy, termEnd: ended.termEnd },
  );
}
