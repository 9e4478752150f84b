import { RuleSet } from '../../../workflow/rule-sets/rule-set';
import { retirementDate, wholeYearsBetween } from '../../../workflow/rules/retirement';
import { DecisionTerm, PersonFactsForVetting } from './case.context';
import { placesAHolder } from './decision-posts';
import { termRunsToRetirement } from './term-to-retirement';

/**
 * The term of a post that runs past the holder's retirement day ends on it instead: the rule
 * set's `retirement.age` (Bộ luật Lao động 2019 art. 169, Nghị định 135/2020) ends the holding,
 * whatever term the decision would otherwise give. The wording and the state
 * (`ends_at_retirement`) are a re-appointment's (`reappointmentTerm`), so `termRunsToRetirement`
 * reads it the same way: no re-appointment notice, no re-appointment at its end. Before, only a
 * re-appointment and an extension cut the term; a transfer decided the day before a retirement
 * gave a five-year leadership term and a re-appointment notice years after the retirement.
 */
export function termCutAtRetirement(
  procedure: string,
  term: DecisionTerm,
  person: Pick<PersonFactsForVetting, 'dateOfBirth' | 'gender'> | undefined,
  on: { ruleSet: RuleSet; effectiveFrom: string },
): DecisionTerm {
  if (!person || !placesAHolder(procedure) || termRunsToRetirement(term)) return term;
  const retires = retirementDate(on.ruleSet, person.dateOfBirth, person.gender);
  const cut = <T extends { termEnd?: string; termYears?: number; termRule: string }>(part: T): T =>
    part.termEnd !== undefined && part.termEnd > retires
      ? {
          ...part,
          termYears: wholeYearsBetween(on.effectiveFrom, retires),
          termEnd: retires,
          termRule: `the term ends at retirement on ${retires}`,
        }
      : part;
  const cutTerm = cut(term);
  const cutPostTerm = term.postTerm && cut(term.postTerm);
  if (cutTerm === term && cutPostTerm === term.postTerm) return term;
  return {
    ...cutTerm,
    ...(cutPostTerm ? { postTerm: cutPostTerm } : {}),
    details: { ...term.details, applied: 'ends_at_retirement', retirementDate: retires },
  };
}
