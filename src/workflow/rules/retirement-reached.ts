import { RuleSet, ruleCitation } from '../rule-sets/rule-set';
import { retirementDate } from './retirement';

/** The rule eligibility, vetting and an appointment's opening and nomination name it by. */
export const RETIREMENT_REACHED = 'age.retirement_reached';

/**
 * Whether a person has reached the retirement age by a day under the rule set's schedule
 * (`retirement.age`: Bộ luật Lao động 2019 art. 169, Nghị định 135/2020): their retirement day is
 * on or before it. An appointment takes effect before the appointee retires
 * (`refuseEffectiveFromRetirement`), so one who has reached it is appointed to no post, whatever
 * its rank: the full-term check (`appointment.minYearsToRetirement`) asked for a higher post only
 * is another rule. Before, eligibility and vetting passed such a person for a post no higher than
 * one they held, and only the decision refused. Null: not reached.
 */
export function retirementReachedBy(
  ruleSet: RuleSet,
  person: { dateOfBirth: string; gender: 'male' | 'female' },
  day: string,
  /** Today, when `day` is a decision's effective day (`effectiveDaySentence`). */
  today?: string,
): { retires: string; sentence: string } | null {
  const retires = retirementDate(ruleSet, person.dateOfBirth, person.gender);
  if (retires > day) return null;
  const citation = ruleCitation(ruleSet, 'retirement.age');
  return {
    retires,
    sentence:
      today !== undefined && day > today
        ? effectiveDaySentence(retires, day, citation)
        : `reached the retirement age: retires on ${retires}, on or before ${day}; no appointment takes effect on or after the retirement day (${citation})`,
  };
}

/**
 * A decision effective on a day after today, refused because the person retires by then: they
 * have not retired yet, so the sentence says they will have, and that the decision (a transfer, a
 * re-appointment, an election's confirmation, not only an appointment) gives no post. Before,
 * "reached the retirement age … no appointment takes effect" was said of a transfer too.
 */
function effectiveDaySentence(retires: string, day: string, citation: string): string {
  return `will have reached the retirement age by the effective day: retires on ${retires}, on or before the effective day ${day}; no post is given on or after the retirement day (${citation})`;
}
