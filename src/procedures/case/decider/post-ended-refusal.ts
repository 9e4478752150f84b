import { PastPost, PostHeld } from '../../../cadres/person/person.state';
import { postEndedByDecision } from '../../../cadres/person/post-ended-by-decision';
import { holdingEndedBefore, PostHoldingRead } from '../post-holding-decisions';
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
 * the decision is taken: there is no term left to continue. A decision ending it that the record
 * does not show yet (its record saga writes it after the decision) is read from the holding's
 * stream (`holding`: what the case read there, and its id): before, a re-appointment decided
 * beside a removal of the post renewed the term the removal ended.
 */
export function refusePostEndedByDecision(
  person: { posts: PostHeld[]; pastPosts: PastPost[] },
  positionId: string,
  refusal: PostEndedRefusal,
  holding?: { read: PostHoldingRead | undefined; caseId: string },
): void {
  const ended =
    postEndedByDecision(person, positionId) ?? endingNotOnRecord(person, positionId, holding);
  if (!ended) return;
  throw new DomainRuleViolation(
    refusal.rule,
    `positionId: decision ${ended.endedBy} ends ${positionId} (held since ${ended.from}, ${ended.decisionRef}) on ${ended.endedOn}, before its term ends on ${ended.termEnd}: there is no term to ${refusal.noTermTo} (${ended.reason}); withdraw this case`,
    'unprocessable',
    'positionId',
    { endedOn: ended.endedOn, endedBy: ended.endedBy, termEnd: ended.termEnd },
  );
}

/** The held term as the record will show it once the decision ending it before its end lands. */
function endingNotOnRecord(
  person: { posts: PostHeld[] },
  positionId: string,
  holding: { read: PostHoldingRead | undefined; caseId: string } | undefined,
): PastPost | null {
  const held = person.posts.find((post) => post.positionId === positionId);
  if (!held || !holding) return null;
  const ending = holdingEndedBefore(holding.read, holding.caseId, held.termEnd);
  if (!ending) return null;
  return {
    ...held,
    endedOn: ending.effectiveFrom,
    endedBy: ending.decisionRef,
    reason: ending.reason,
    caseId: ending.caseId,
  };
}
