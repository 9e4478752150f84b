import { PostHeld } from '../../cadres/person/person.state';
import { RuleSet } from '../../workflow/rule-sets/rule-set';
import { retirementDate } from '../../workflow/rules/retirement';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';

/** A term of a post on the record that runs to the holder's retirement, and the decision it runs by. */
export interface TermToRetirement {
  term: PostHeld & { termEnd: string };
  /** The decision that made it run there: the extension beside it, or the one that gave the term. */
  decisionRef: string;
}

/**
 * The latest term of the post on the record (held now, or decided to start later: a re-appointment
 * effective at the old term's end), when it runs to `retires` or past it. Read at the opening and
 * again at the decision: a re-appointment or an extension decided meanwhile for the same term
 * leaves nothing to renew or extend. Before, the decision only read the term held today, and a
 * re-appointment was decided after the extension (0 years), an extension after the re-appointment.
 */
export function termToRetirement(
  posts: readonly PostHeld[],
  positionId: string,
  retires: string,
): TermToRetirement | null {
  const latest = posts
    .filter((post) => post.positionId === positionId && post.termEnd)
    .sort((a, b) => b.from.localeCompare(a.from))[0];
  if (!latest?.termEnd || latest.termEnd < retires) return null;
  const term = { ...latest, termEnd: latest.termEnd };
  return { term, decisionRef: latest.extendedBy?.decisionRef ?? latest.decisionRef };
}

/**
 * A term that runs to the holder's retirement (extended to it, or ending at it) is not renewed:
 * nothing is re-appointed when the holder retires. Before, a re-appointment opened after an
 * extension had moved the term's end to the retirement day. Judged at the opening and again at
 * the decision from the record's posts (an extension decided meanwhile).
 */
export function refuseTermToRetirement(
  ruleSet: RuleSet,
  person: { dateOfBirth: string; gender: 'male' | 'female' },
  posts: readonly PostHeld[],
  positionId: string,
): void {
  const retires = retirementDate(ruleSet, person.dateOfBirth, person.gender);
  const running = termToRetirement(posts, positionId, retires);
  if (!running) return;
  const { term, decisionRef } = running;
  throw new DomainRuleViolation(
    'reappointment.term_to_retirement',
    `positionId: the term of ${positionId} runs to ${term.termEnd} by decision ${decisionRef}, the holder's retirement on ${retires}: nothing is re-appointed when the holder retires`,
    'unprocessable',
    'positionId',
    { termEnd: term.termEnd, retirementDate: retires, decisionRef },
  );
}
