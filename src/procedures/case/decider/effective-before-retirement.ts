import { RuleSet, ruleCitation } from '../../../workflow/rule-sets/rule-set';
import { retirementDate } from '../../../workflow/rules/retirement';
import { DomainRuleViolation } from './domain-rule-violation';
import { PersonFactsForVetting } from './case.context';

/**
 * An appointment takes effect before the appointee retires: on their retirement day or later they
 * hold no post to be appointed to. The day is the one the vetting's years to retirement counts to
 * (`yearsToRetirementItem`). Before, a decision effective 2040-01-01 gave a term 2040–2045 to a
 * person retiring years earlier. No other bound on how far ahead a decision may take effect is
 * set: no rule set or definition names one.
 */
export function refuseEffectiveFromRetirement(
  appointee: string,
  facts: Pick<PersonFactsForVetting, 'dateOfBirth' | 'gender'> | undefined,
  ruleSet: RuleSet,
  effectiveFrom: string,
): void {
  if (!facts) return;
  const retires = retirementDate(ruleSet, facts.dateOfBirth, facts.gender);
  if (effectiveFrom < retires) return;
  throw new DomainRuleViolation(
    'appointment.effective_at_or_after_retirement',
    `effectiveFrom: ${effectiveFrom} is on or after ${retires}, when ${appointee} retires (${ruleCitation(ruleSet, 'retirement.age')}): an appointment takes effect before the appointee retires`,
    'unprocessable',
    'effectiveFrom',
    { retirementDate: retires },
  );
}
