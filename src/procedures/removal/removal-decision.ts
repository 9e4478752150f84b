import { addCalendarDays } from '../../workflow/calendar/working-day-calendar';
import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';
import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { DecisionTerm } from '../case/decider/case.context';

/** What a removal decision does to the post: ends it, or suspends the person while keeping it. */
export type RemovalEffect = 'ends_post' | 'suspends';

export const removalEffectOf = (definitionId: string): RemovalEffect =>
  definitionId === 'removal.suspension' ? 'suspends' : 'ends_post';

/**
 * The decision's period in the engine's terms: a dismissal, resignation or relief ends the post on
 * the day it takes effect (no term follows); a suspension lasts the rule's days from that day and
 * the person keeps the post.
 */
export function removalDecisionTerm(
  definition: ProcedureDefinition,
  ruleSet: RuleSet,
  effectiveFrom: string,
): DecisionTerm {
  if (removalEffectOf(definition.id) === 'suspends') {
    const param = 'removal.suspension.maxDays';
    const { days, extensionDays } = ruleValue<{ days: number; extensionDays: number }>(
      ruleSet,
      param,
    );
    const until = addCalendarDays(effectiveFrom, days - 1);
    return {
      termYears: 0,
      termEnd: until,
      termRule: `suspended for ${days} days, ${effectiveFrom} to ${until}, extendable by ${extensionDays}; the post is kept (${ruleCitation(ruleSet, param)})`,
      details: { effect: 'suspends', suspendedUntil: until, days },
    };
  }
  return {
    termYears: 0,
    termEnd: effectiveFrom,
    termRule: `${definition.titleVi}: the post ends on ${effectiveFrom} (${definition.citation.split(';')[0]})`,
    details: { effect: 'ends_post', postEndsOn: effectiveFrom },
  };
}
