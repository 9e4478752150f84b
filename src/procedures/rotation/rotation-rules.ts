import { PlanningPoolEntry } from '../../cadres/person/person.state';
import { DecisionTerm } from '../case/decider/case.context';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { addMonths, retirementDate, wholeYearsBetween } from '../../workflow/rules/retirement';

export interface RotationOpeningInput {
  definitionId: string;
  target: { id: string; rank: number };
  /** The person's planning-pool entries with the rank of each entry's post. */
  planningPool: (PlanningPoolEntry & { rank: number | null })[];
  person: { dateOfBirth: string; gender: 'male' | 'female' };
  today: string;
  ruleSet: RuleSet;
}

/**
 * Rotation (luân chuyển) needs a planning-pool entry for the target post or a higher one and
 * enough working years left; transfer (điều động) needs neither.
 */
export function rotationOpening(input: RotationOpeningInput): Record<string, unknown> {
  if (input.definitionId !== 'rotation.standard') return { kind: 'transfer' };
  const entry = input.planningPool.find(
    (e) => e.positionId === input.target.id || (e.rank !== null && e.rank >= input.target.rank),
  );
  if (!entry) {
    throw new DomainRuleViolation(
      'rotation.no_planning_pool_entry',
      `positionId: rotation needs a planning-pool entry for ${input.target.id} or a higher post; the person has ${
        input.planningPool.length
          ? input.planningPool.map((e) => `${e.positionId} (${e.term})`).join(', ')
          : 'none'
      }`,
      'unprocessable',
      'positionId',
    );
  }
  const needed = ruleValue<number>(input.ruleSet, 'rotation.minYearsToRetirement');
  const retires = retirementDate(input.ruleSet, input.person.dateOfBirth, input.person.gender);
  const left = wholeYearsBetween(input.today, retires);
  if (left < needed) {
    throw new DomainRuleViolation(
      'rotation.too_close_to_retirement',
      `retires on ${retires}: ${left} whole years left, rotation needs ${needed} (${ruleCitation(input.ruleSet, 'rotation.minYearsToRetirement')})`,
      'unprocessable',
    );
  }
  return {
    kind: 'rotation',
    planningPoolEntry: `${entry.positionId} (${entry.term}, ${entry.decisionRef})`,
  };
}

/** A rotation lasts at least the rule's minimum; the decision's duration is its `termYears`. */
export function rotationTerm(
  ruleSet: RuleSet,
  effectiveFrom: string,
  requestedYears?: number,
): DecisionTerm {
  const minimum = ruleValue<number>(ruleSet, 'rotation.minYears');
  const years = requestedYears ?? minimum;
  if (years < minimum) {
    throw new DomainRuleViolation(
      'rotation.duration_below_minimum',
      `termYears: a rotation lasts at least ${minimum} years, ${years} given (${ruleCitation(ruleSet, 'rotation.minYears')})`,
      'unprocessable',
      'termYears',
    );
  }
  return {
    termYears: years,
    termEnd: addMonths(effectiveFrom, years * 12),
    termRule: `planned duration ${years} years, at least ${minimum} (${ruleSet.id})`,
  };
}
