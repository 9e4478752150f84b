import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { addMonths } from '../../workflow/rules/retirement';
import { disciplineBar, postEffect } from './discipline.rules';

const VALIDITY = 'discipline.effectMonths';
const POOL = 'planning.formsLeavingPool';

/**
 * What a form does under the case's rule set: its bar on a higher post, whether it ends the post,
 * its own validity and whether it takes the person off the planning pool. A decision applies it,
 * and so does a complaint review that changes the form: the new form does exactly what a decision
 * of it would.
 */
export function formEffects(
  ruleSet: RuleSet,
  form: string,
  effectiveFrom: string,
  relievedFromPost = false,
) {
  return {
    ...disciplineBar(ruleSet, form, effectiveFrom, relievedFromPost),
    ...postEffect(ruleSet, form),
    ...disciplineValidity(ruleSet, form, effectiveFrom),
    ...planningPoolEffect(ruleSet, form),
  };
}

/**
 * How long the discipline itself has effect (hiệu lực), apart from its bar on a higher post: the
 * rule set's months for the form from the day it took effect. A form without a period (expulsion,
 * dismissal: the person has left) has no end. Sets pinned before the rule set said so have none.
 */
export function disciplineValidity(
  ruleSet: RuleSet,
  form: string,
  effectiveFrom: string,
): { inEffectUntil: string | null; inEffectRule: string } | Record<string, never> {
  if (!ruleSet.params[VALIDITY]) return {};
  const months = ruleValue<Record<string, number>>(ruleSet, VALIDITY)[form];
  if (months === undefined)
    return {
      inEffectUntil: null,
      inEffectRule: `${form}: no period of effect, the person has left (${ruleSet.id}: ${ruleCitation(ruleSet, VALIDITY)})`,
    };
  return {
    inEffectUntil: addMonths(effectiveFrom, months),
    inEffectRule: `${form}: in effect for ${months} months (${ruleSet.id}: ${ruleCitation(ruleSet, VALIDITY)})`,
  };
}

/**
 * Whether the form takes the person off the planning pool (`planning.formsLeavingPool`), with the
 * rule for the record. Sets pinned before the rule set said so took everyone off.
 */
export function planningPoolEffect(
  ruleSet: RuleSet,
  form: string,
): { leavesPlanningPool: boolean; planningPoolRule: string } {
  if (!ruleSet.params[POOL])
    return {
      leavesPlanningPool: true,
      planningPoolRule: `${form}: leaves the planning pool (${ruleSet.id} names no forms; every decision did)`,
    };
  const leaves = ruleValue<string[]>(ruleSet, POOL).includes(form);
  return {
    leavesPlanningPool: leaves,
    planningPoolRule: `${form}: ${leaves ? 'leaves the planning pool' : 'stays in the planning pool'} (${ruleSet.id}: ${ruleCitation(ruleSet, POOL)})`,
  };
}

/** Whether a stored decision took the person off the planning pool (older ones did for every form). */
export function decisionLeavesPlanningPool(decision: { leavesPlanningPool?: boolean }): boolean {
  return decision.leavesPlanningPool ?? true;
}
