import { PostHeld } from '../../cadres/person/person.state';
import { RuleSet, ruleCitation } from '../../workflow/rule-sets/rule-set';
import { retirementDate } from '../../workflow/rules/retirement';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { TERM_RENEWED_AT_ITS_END } from '../reappointment/reappointment-rules';

/** The record a removal's decision is judged against: the person's posts and retirement. */
export interface RemovalHolder {
  dateOfBirth: string;
  gender: 'male' | 'female';
  posts: readonly PostHeld[];
}

/** The last day a removal of the post may take effect, and why it is that day. */
export interface RemovalLastDay {
  day: string;
  termEnd: string | null;
  retirementDate: string;
  /** What ends the holding on that day, cited. */
  why: string;
}

/**
 * The last day a removal may end (or suspend) the post on: the day the term on the record ends
 * (after an extension, the retirement it runs to; a re-appointment decided for later, the new
 * term's), or the holder's retirement when that comes first, the person holding no post past it
 * (`retirement.age`); a decision taken after that day takes effect on its own day, as a late
 * re-appointment's does (`termContinuesOn`). No rule set or definition names another bound on how
 * far ahead a decision may take effect. Null: the record shows no such post held (the opening and
 * the record refuse that themselves).
 */
export function removalLastDay(
  holder: RemovalHolder,
  positionId: string,
  ruleSet: RuleSet,
  heldOn: string,
): RemovalLastDay | null {
  const post = holder.posts.find((held) => held.positionId === positionId);
  if (!post) return null;
  const retires = retirementDate(ruleSet, holder.dateOfBirth, holder.gender);
  const byTerm = post.termEnd !== null && post.termEnd <= retires;
  const end = byTerm ? (post.termEnd as string) : retires;
  const cause = byTerm
    ? `the term of ${positionId} held since ${post.from} (${post.decisionRef}) ends on ${end} (${TERM_RENEWED_AT_ITS_END})`
    : `the holder of ${positionId} retires on ${end} (${ruleCitation(ruleSet, 'retirement.age')})`;
  const late = heldOn > end;
  return {
    day: late ? heldOn : end,
    termEnd: post.termEnd,
    retirementDate: retires,
    why: late
      ? `${cause}; the decision of ${heldOn} was taken after that: it takes effect on its own day at the latest`
      : cause,
  };
}

/**
 * A removal ends the post the person holds: it takes effect on or before the day the holding would
 * end anyway (`removalLastDay`). Before, a relief effective 9999-12-31 was decided, the post
 * showed a term ended 2027-03-01 but held to 9999, and a next term was refused as overlapping it.
 */
export function refuseRemovalAfterLastDay(
  holder: RemovalHolder | undefined,
  positionId: string,
  ruleSet: RuleSet,
  decision: { effectiveFrom: string; heldOn: string },
): void {
  if (!holder) return;
  const last = removalLastDay(holder, positionId, ruleSet, decision.heldOn);
  if (!last || decision.effectiveFrom <= last.day) return;
  throw new DomainRuleViolation(
    'removal.effective_after_term_end',
    `effectiveFrom: ${decision.effectiveFrom} is after ${last.day}, the last day a removal of the post may take effect on: ${last.why}`,
    'unprocessable',
    'effectiveFrom',
    {
      lastDay: last.day,
      termEnd: last.termEnd,
      retirementDate: last.retirementDate,
    },
  );
}
