import { RuleSet, ruleCitation, ruleValue } from '../../../workflow/rule-sets/rule-set';
import { refuse } from '../../../workflow/step-engine';

/**
 * The years of an appointment or re-appointment term: the rule set's `appointment.termYears`,
 * which is the law, not a choice of whoever records the decision. A decision may repeat it in
 * `termYears`; any other figure is refused (it used to replace the rule's term silently).
 */
export function ruleSetTermYears(ruleSet: RuleSet, requestedYears: number | undefined): number {
  const years = ruleValue<number>(ruleSet, 'appointment.termYears');
  if (requestedYears !== undefined && requestedYears !== years) {
    refuse(
      'decision.term_set_by_rule_set',
      `termYears: the term is ${years} years under ${ruleSet.id} (${ruleCitation(ruleSet, 'appointment.termYears')}); leave termYears out or give ${years}, not ${requestedYears}`,
      'unprocessable',
      'termYears',
      { ruleTermYears: years, requestedYears },
    );
  }
  return years;
}
