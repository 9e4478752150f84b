import { WiderBarScope } from '../../cadres/discipline-bar-scope';
import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { addMonths } from '../../workflow/rules/retirement';

const SCOPE = 'discipline.barScope';

/**
 * A form's scope in `discipline.barScope`: `higher` (a higher post only), a wider scope for the
 * whole bar, or a wider scope for its first months only (then a higher post until the bar ends).
 */
type ScopeRule =
  'higher' | WiderBarScope['scope'] | { scope: WiderBarScope['scope']; months: number };

/**
 * Which posts the form's bar covers besides a higher one, by the case's rule set, with the rule
 * for the record; nothing when it covers a higher post only (and under sets that predate the
 * parameter, which applied every bar to a higher post).
 */
export function barScopeOf(
  ruleSet: RuleSet,
  form: string,
  effectiveFrom: string,
  barEndsOn: string | null,
): { barScope: WiderBarScope; barScopeRule: string } | Record<string, never> {
  if (!ruleSet.params[SCOPE] || barEndsOn === effectiveFrom) return {};
  const rule = ruleValue<Record<string, ScopeRule>>(ruleSet, SCOPE)[form];
  if (rule === undefined || rule === 'higher') return {};
  const scope = typeof rule === 'string' ? rule : rule.scope;
  const wideUntil = typeof rule === 'string' ? barEndsOn : addMonths(effectiveFrom, rule.months);
  const until =
    barEndsOn !== null && (wideUntil === null || wideUntil > barEndsOn) ? barEndsOn : wideUntil;
  const covers = scope === 'any' ? 'any appointment' : 'an equivalent or higher post';
  return {
    barScope: { scope, until },
    barScopeRule: `${form}: bars ${covers}${until === null ? '' : ` until ${until}`} (${ruleSet.id}: ${ruleCitation(ruleSet, SCOPE)})`,
  };
}
