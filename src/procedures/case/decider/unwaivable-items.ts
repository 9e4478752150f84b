import { RuleSet, ruleCitation, ruleValue } from '../../../workflow/rule-sets/rule-set';

const UNWAIVABLE = 'vetting.unwaivableItems';

/**
 * Whether the case's rule set keeps vetting staff from setting a flagged item aside (a running
 * discipline bar: the case is rejected, or waits for the bar to end). The decider refuses the
 * resolution and the case view offers none, from the same list, so a rule set naming other items
 * moves both (before, the view hard-coded discipline_bar).
 */
export function isUnwaivable(ruleSet: RuleSet, item: string): boolean {
  return ruleValue<string[]>(ruleSet, UNWAIVABLE).includes(item);
}

/** Where the rule set says so, for a refusal's words. */
export function unwaivableCitation(ruleSet: RuleSet): string {
  return ruleCitation(ruleSet, UNWAIVABLE);
}
