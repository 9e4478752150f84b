import { RuleSet, ruleCitation, ruleValue } from '../../../workflow/rule-sets/rule-set';
import { RETIREMENT_REACHED } from '../../../workflow/rules/retirement-reached';

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

/**
 * Whether staff may not set this flag aside: its item is one the rule set names, or the record
 * flagged it under a rule of its own that no vetting can waive (`age.retirement_reached`: the
 * decision could not take effect). The view and the resolution both ask this.
 */
export function isEntryUnwaivable(
  ruleSet: RuleSet,
  entry: { item: string; rule?: string; source: string },
): boolean {
  return (
    isUnwaivable(ruleSet, entry.item) ||
    (entry.source === 'record' && entry.rule === RETIREMENT_REACHED)
  );
}

/** Where the rule set says so, for a refusal's words. */
export function unwaivableCitation(ruleSet: RuleSet): string {
  return ruleCitation(ruleSet, UNWAIVABLE);
}
