import { DisciplineOnRecord } from './person/person.state';
import { RuleSet, ruleCitation } from '../workflow/rule-sets/rule-set';

/** How long a discipline bars a higher post, by form (the rule set its decision pinned). */
const BAR_MONTHS = 'discipline.barMonths';

/**
 * The rule that set a recorded discipline's bar: the bar months of the rule set its decision
 * pinned, on its own track (a civil-service reprimand cites Luật Cán bộ, công chức, not the
 * Party's rule the case under vetting pins); undefined where that set is not loaded.
 */
export function barRuleOf(
  ruleSet: RuleSet | undefined,
  record: Pick<DisciplineOnRecord, 'track'>,
): string | undefined {
  if (!ruleSet?.params[BAR_MONTHS]) return undefined;
  const track = record.track === 'party' ? 'Party' : 'civil service';
  return `${track} track, ${ruleSet.id}: ${ruleCitation(ruleSet, BAR_MONTHS)}`;
}
