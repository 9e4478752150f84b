import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { addMonths } from '../../workflow/rules/retirement';
import { disciplineBar, postEffect } from './discipline.rules';

const VALIDITY = 'discipline.effectMonths';
const VALIDITY_FROM = 'discipline.effectMonthsFrom';
const POOL = 'planning.formsLeavingPool';

/**
 * The days a decision's effects count from: the day it took effect (or the day its effect counts
 * from, Nghị định 71/2023), and the day it was announced to the person, where it records one.
 */
export interface EffectDays {
  effectiveFrom: string;
  servedOn?: string;
  /** What was announced on servedOn, for the record's rule; absent: the decision itself. */
  announced?: string;
}

/**
 * What a form does under the case's rule set: its bar on a higher post, whether it ends the post,
 * its own validity and whether it takes the person off the planning pool. A decision applies it,
 * and so does a complaint review that changes the form: the new form does exactly what a decision
 * of it would.
 */
export function formEffects(
  ruleSet: RuleSet,
  form: string,
  days: EffectDays,
  relievedFromPost = false,
) {
  return {
    ...disciplineBar(ruleSet, form, days.effectiveFrom, relievedFromPost),
    ...postEffect(ruleSet, form),
    ...disciplineValidity(ruleSet, form, days),
    ...planningPoolEffect(ruleSet, form),
  };
}

/**
 * How long the discipline itself has effect (hiệu lực), apart from its bar on a higher post: the
 * rule set's months for the form, from the day its rule names (`discipline.effectMonthsFrom`): a
 * Party decision's from its announcement (Quy định 69-QĐ/TW art. 2(5)), a civil servant's from
 * its effect (Nghị định 112/2020 art. 2 as amended). A decision recorded without the day it was
 * announced counts from its effect, as every decision did before. A form without a period
 * (expulsion, dismissal: the person has left) has no end. Sets pinned before the rule set said so
 * have none.
 */
export function disciplineValidity(
  ruleSet: RuleSet,
  form: string,
  days: EffectDays,
): { inEffectUntil: string | null; inEffectRule: string } | Record<string, never> {
  if (!ruleSet.params[VALIDITY]) return {};
  const months = ruleValue<Record<string, number>>(ruleSet, VALIDITY)[form];
  if (months === undefined)
    return {
      inEffectUntil: null,
      inEffectRule: `${form}: no period of effect, the person has left (${ruleSet.id}: ${ruleCitation(ruleSet, VALIDITY)})`,
    };
  const start = validityStart(ruleSet, days);
  return {
    inEffectUntil: addMonths(start.on, months),
    inEffectRule: `${form}: in effect for ${months} months from ${start.what} on ${start.on} (${ruleSet.id}: ${ruleCitation(ruleSet, VALIDITY)}${start.rule})`,
  };
}

/** The day the months of effect run from, what that day is, and the rule that names it. */
function validityStart(
  ruleSet: RuleSet,
  { effectiveFrom, servedOn, announced = 'its announcement' }: EffectDays,
): { on: string; what: string; rule: string } {
  if (!ruleSet.params[VALIDITY_FROM])
    return { on: effectiveFrom, what: 'the day it took effect', rule: '' };
  const rule = `; counted from: ${ruleCitation(ruleSet, VALIDITY_FROM)}`;
  if (ruleValue<'served' | 'effective'>(ruleSet, VALIDITY_FROM) !== 'served')
    return { on: effectiveFrom, what: 'the day it took effect', rule };
  if (!servedOn)
    return { on: effectiveFrom, what: 'the day it took effect (no announcement recorded)', rule };
  return { on: servedOn, what: announced, rule };
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
