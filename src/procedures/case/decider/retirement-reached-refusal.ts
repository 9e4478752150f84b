import { RuleSet } from '../../../workflow/rule-sets/rule-set';
import {
  RETIREMENT_REACHED,
  retirementReachedBy,
} from '../../../workflow/rules/retirement-reached';
import { DomainRuleViolation } from './domain-rule-violation';

type Person = { dateOfBirth: string; gender: 'male' | 'female' } | undefined;

/**
 * The refusal of a person who has reached the retirement age on the day (`retirement.age`: Bộ
 * luật Lao động 2019 art. 169, Nghị định 135/2020), 422 under the eligibility check's rule
 * (`age.retirement_reached`) naming the field and the retirement day: no decision giving them a
 * post could take effect. Null when not reached, or without the person's facts.
 */
export function retirementReachedRefusal(
  personId: string,
  person: Person,
  /** `today`: the day is a decision's effective day, which may be later (`retirementReachedBy`). */
  on: { ruleSet: RuleSet; day: string; today?: string },
  field: string,
): DomainRuleViolation | null {
  const reached = person && retirementReachedBy(on.ruleSet, person, on.day, on.today);
  if (!reached) return null;
  return new DomainRuleViolation(
    RETIREMENT_REACHED,
    `${field}: ${personId} ${reached.sentence}`,
    'unprocessable',
    field,
    { retirementDate: reached.retires },
  );
}

/**
 * Refuses an opening or a nominee (an appointment's nomination, an examination's registration) of
 * a person who has reached the retirement age on the day: `retirementReachedRefusal`, thrown.
 */
export function refuseRetirementReached(
  personId: string,
  person: Person,
  on: { ruleSet: RuleSet; day: string; today?: string },
  field: string,
): void {
  const refused = retirementReachedRefusal(personId, person, on, field);
  if (refused) throw refused;
}
