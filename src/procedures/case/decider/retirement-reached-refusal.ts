import { RuleSet } from '../../../workflow/rule-sets/rule-set';
import {
  RETIREMENT_REACHED,
  retirementReachedBy,
} from '../../../workflow/rules/retirement-reached';
import { refuse } from '../../../workflow/step-engine/refuse';

/**
 * Refuses an appointment's opening or nomination of a person who has reached the retirement age
 * on the day, 422 under the eligibility check's rule (`age.retirement_reached`) naming the field
 * and the retirement day: the decision could not take effect (before, the case ran its five
 * conferences and vetting, and only the decision refused). Without the person's facts, nothing.
 */
export function refuseRetirementReached(
  personId: string,
  person: { dateOfBirth: string; gender: 'male' | 'female' } | undefined,
  on: { ruleSet: RuleSet; day: string },
  field: string,
): void {
  const reached = person && retirementReachedBy(on.ruleSet, person, on.day);
  if (!reached) return;
  refuse(RETIREMENT_REACHED, `${field}: ${personId} ${reached.sentence}`, 'unprocessable', field, {
    retirementDate: reached.retires,
  });
}
