import { equals, exceeds, Fraction, show } from './fraction';
import { BallotTally, tallyProblems } from './tally';
import { quorumProblem } from './attendance';

/** What a ballot step's rule says (numbers come from the rule set, the base from the definition). */
export interface MajorityRule {
  /** At least this share of those summoned must be present. */
  quorum: Fraction;
  /** `for` must exceed this share of the base. */
  pass: Fraction;
  /** Total members of the collective, or those summoned. */
  base: 'members' | 'summoned';
  /** Exactly at the threshold, the head of the collective decides (where the rule allows). */
  headBreaksTie: boolean;
}

export type BallotOutcome =
  | { outcome: 'passed'; reason: string; decidedByHead?: { decision: 'for'; dissent: number } }
  | { outcome: 'failed'; reason: string; decidedByHead?: { decision: 'against'; dissent: number } }
  | { outcome: 'no_quorum'; reason: string }
  | { outcome: 'tie_needs_head'; reason: string }
  | { outcome: 'invalid_tally'; reason: string; field: string };

const BASE_NAME = { members: 'members', summoned: 'summoned' } as const;

/** Applies quorum, threshold and tie rule to a tally; the reason names the numbers. */
export function evaluateMajorityBallot(
  rule: MajorityRule,
  tally: BallotTally,
  headDecision?: 'for' | 'against',
): BallotOutcome {
  const problems = tallyProblems(tally);
  if (problems.length)
    return { outcome: 'invalid_tally', reason: problems[0].message, field: problems[0].field };
  const noQuorum = quorumProblem(tally, rule.quorum);
  if (noQuorum) return noQuorum;
  const base = tally[rule.base];
  const needs = `needs more than ${show(rule.pass, base)}`;
  const counted = `${tally.for} of ${base} ${BASE_NAME[rule.base]} for`;
  if (exceeds(tally.for, rule.pass, base))
    return { outcome: 'passed', reason: `passed: ${counted}, ${needs}` };
  if (rule.headBreaksTie && equals(tally.for, rule.pass, base)) {
    if (!headDecision) {
      return {
        outcome: 'tie_needs_head',
        reason: `tie: ${counted}, exactly ${show(rule.pass, base)}; the head of the collective must decide`,
      };
    }
    const dissent = headDecision === 'for' ? base - tally.for : tally.for;
    return headDecision === 'for'
      ? {
          outcome: 'passed',
          reason: `passed by the head's decision on a tie: ${counted}, exactly ${show(rule.pass, base)}`,
          decidedByHead: { decision: 'for', dissent },
        }
      : {
          outcome: 'failed',
          reason: `failed by the head's decision on a tie: ${counted}, exactly ${show(rule.pass, base)}`,
          decidedByHead: { decision: 'against', dissent },
        };
  }
  return { outcome: 'failed', reason: `failed: ${counted}, ${needs}` };
}
