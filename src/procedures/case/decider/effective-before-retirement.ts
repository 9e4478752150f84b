import { RuleSet, ruleCitation } from '../../../workflow/rule-sets/rule-set';
import { retirementDate } from '../../../workflow/rules/retirement';
import { DomainRuleViolation } from './domain-rule-violation';
import { PersonFactsForVetting } from './case.context';

/**
 * How a procedure words a decision effective on or after retirement: its own rule code (the web's
 * Vietnamese and clients key on it) and what the retirement day is to it.
 */
export interface RetirementRefusal {
  rule: string;
  /** What follows "effectiveFrom: <day> is on or after ": the day, cited, and why it is too late. */
  onOrAfter: (retires: string, citation: string) => string;
}

/**
 * A decision that puts or keeps someone in a post takes effect before they retire: on their
 * retirement day or later there is no day of post to give (an extension's term would end on or
 * before it starts). The day is the one the vetting's years to retirement counts to
 * (`yearsToRetirementItem`). Before, a decision effective 2040-01-01 gave a term 2040–2045 to a
 * person retiring years earlier. No other bound on how far ahead a decision may take effect is
 * set: no rule set or definition names one.
 */
export function refuseEffectiveFromRetirement(
  person: Pick<PersonFactsForVetting, 'dateOfBirth' | 'gender'> | undefined,
  ruleSet: RuleSet,
  effectiveFrom: string,
  refusal: RetirementRefusal,
): void {
  if (!person) return;
  const retires = retirementDate(ruleSet, person.dateOfBirth, person.gender);
  if (effectiveFrom < retires) return;
  throw new DomainRuleViolation(
    refusal.rule,
    `effectiveFrom: ${effectiveFrom} is on or after ${refusal.onOrAfter(retires, ruleCitation(ruleSet, 'retirement.age'))}`,
    'unprocessable',
    'effectiveFrom',
    { retirementDate: retires },
  );
}

/** An appointment: the appointee holds no post to be appointed to from their retirement. */
export function appointmentAtRetirement(appointee: string): RetirementRefusal {
  return {
    rule: 'appointment.effective_at_or_after_retirement',
    onOrAfter: (retires, citation) =>
      `${retires}, when ${appointee} retires (${citation}): an appointment takes effect before the appointee retires`,
  };
}
