import type { BegunStep } from './prologue';
import { refuse } from './refuse';
import { StepDefinition } from '../definitions/procedure-definition';
import { RuleSet, ruleCitation, ruleValue } from '../rule-sets/rule-set';
import { Fraction } from '../vote-rules/fraction';

/** The rule numbers a ballot was judged by, with their citation, so an auditor can replay it. */
export interface AppliedVoteRule {
  base: 'members' | 'summoned';
  quorum: Fraction;
  pass: Fraction;
  headBreaksTie: boolean;
  /** Kept for reference only (see `VoteRuleDefinition.reference`): the tally decided nothing. */
  reference?: true;
  ruleSetId: string;
  citation: string;
}

/**
 * The step's vote rule with the case's rule set's numbers filled in. `headBreaksTie` is the
 * definition's unless the procedure's ballot has no tie to break (a discipline form ballot).
 */
export function appliedRule(
  step: StepDefinition,
  ruleSet: RuleSet,
  headBreaksTie: boolean = step.voteRule!.headBreaksTie,
): AppliedVoteRule {
  const rule = step.voteRule!;
  return {
    base: rule.base,
    quorum: ruleValue<Fraction>(ruleSet, rule.quorumParam),
    pass: ruleValue<Fraction>(ruleSet, rule.passParam),
    headBreaksTie,
    ...(rule.reference ? { reference: true as const } : {}),
    ruleSetId: ruleSet.id,
    citation: ruleCitation(ruleSet, rule.passParam),
  };
}

/** How the ballot is disclosed, copied from the definition onto the tally event. */
export function disclosure(step: StepDefinition): { announced: boolean; visibleTo: string[] } {
  return { announced: step.voteRule!.announced, visibleTo: step.voteRule!.visibleTo };
}

/** A tally the vote rule cannot judge: its numbers do not add up, or the conference had no quorum. */
export function refuseUnjudgedTally<R extends { outcome: string; reason: string }>(
  result: R,
  fields: { prefix: string; present?: string },
): asserts result is Exclude<R, { outcome: 'invalid_tally' | 'no_quorum' }> {
  if (result.outcome === 'invalid_tally') {
    const field = `${fields.prefix}${(result as { field?: string }).field}`;
    refuse('tally.inconsistent', `${field}: ${result.reason}`, 'invalid', field);
  }
  if (result.outcome === 'no_quorum')
    refuse('ballot.no_quorum', result.reason, 'unprocessable', fields.present);
}

/**
 * A tally step's event: the step record (moving on when the ballot passed), the tally and its
 * outcome, how it is disclosed and the rule it was judged by.
 */
export function tallyEvent<T extends string>(
  begun: BegunStep,
  type: T,
  passed: boolean,
  tally: Record<string, unknown>,
  rule: AppliedVoteRule,
): { type: T; data: Record<string, unknown> } {
  return {
    type,
    data: { ...begun.record(passed), ...tally, ...disclosure(begun.step), rule },
  };
}
