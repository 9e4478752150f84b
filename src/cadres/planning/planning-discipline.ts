import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { citedDecision, disciplineStatusOn, inEffectUntil } from '../discipline-standing';
import { DisciplineOnRecord } from '../person/person.state';
import { RegistryRuleViolation } from '../registry-rule-violation';

const FORMS = 'planning.formsLeavingPool';

/** The forms that take a cadre off the planning pool (`planning.formsLeavingPool`) on a day. */
export interface PlanningDisciplineRule {
  forms: string[];
  citation: string;
  day: string;
}

/** The rule of the set in force on the day; a set that names no forms judges nothing here. */
export function planningDisciplineRule(
  ruleSet: RuleSet,
  day: string,
): PlanningDisciplineRule | undefined {
  if (!ruleSet.params[FORMS]) return undefined;
  return {
    forms: ruleValue<string[]>(ruleSet, FORMS),
    citation: ruleCitation(ruleSet, FORMS),
    day,
  };
}

/** The rule of the State track's set in force on the day (the planning pool's, as its limits). */
export function planningDisciplineOn(
  rules: { ruleSetOn(day: string, track: 'state'): RuleSet | undefined },
  day: string,
): PlanningDisciplineRule | undefined {
  const ruleSet = rules.ruleSetOn(day, 'state');
  return ruleSet && planningDisciplineRule(ruleSet, day);
}

/**
 * A discipline that took the cadre off the planning pool keeps them off while it is in effect:
 * they may be planned again once it has run its term (Quy định 377-QĐ/TW, as the decision's own
 * `planningPoolRule` says), not the day after it took them off. Refused 422
 * `planning.discipline_bar`, naming the discipline, its end and the rule; an annulled one, or one
 * whose form keeps the pool, bars nothing.
 */
export function refusePlanningUnderDiscipline(
  personId: string,
  discipline: readonly DisciplineOnRecord[],
  rule: PlanningDisciplineRule | undefined,
  field = 'positionId',
): void {
  if (!rule) return;
  const barring = discipline.find(
    (record) =>
      rule.forms.includes(record.form) &&
      record.decidedOn <= rule.day &&
      disciplineStatusOn(record, rule.day) === 'in_effect',
  );
  if (!barring) return;
  const until = inEffectUntil(barring);
  throw new RegistryRuleViolation(
    'planning.discipline_bar',
    `${field}: ${personId} is under discipline (${barring.form}, ${citedDecision(barring)}) in effect ${until === null ? 'with no end date' : `until ${until}`}: a cadre it took off the planning pool may be planned again once that discipline has run its term (${rule.citation})`,
    'unprocessable',
    field,
  );
}
