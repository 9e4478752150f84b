import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { addMonths } from '../../workflow/rules/retirement';
import { DisciplineTrack } from './discipline.events';

/** The forms of discipline a track may apply under the case's rule set, lightest first. */
export function trackForms(ruleSet: RuleSet, track: DisciplineTrack): string[] {
  return ruleValue<Record<DisciplineTrack, string[]>>(ruleSet, 'discipline.forms')[track];
}

/** How long a form bars a higher post, by the case's rule set. */
export function disciplineBar(
  ruleSet: RuleSet,
  form: string,
  effectiveFrom: string,
): { barEndsOn: string | null; barRule: string } {
  const months = ruleValue<Record<string, number>>(ruleSet, 'discipline.barMonths')[form];
  if (months !== undefined) {
    return {
      barEndsOn: addMonths(effectiveFrom, months),
      barRule: `${form}: no higher post for ${months} months (${ruleSet.id}: ${ruleCitation(ruleSet, 'discipline.barMonths')})`,
    };
  }
  if (ruleValue<string[]>(ruleSet, 'discipline.formsWithoutEnd').includes(form)) {
    return {
      barEndsOn: null,
      barRule: `${form}: no end date (${ruleCitation(ruleSet, 'discipline.formsWithoutEnd')})`,
    };
  }
  return {
    barEndsOn: effectiveFrom,
    barRule: `${form}: the rule set ${ruleSet.id} sets no bar on higher posts for this form`,
  };
}
