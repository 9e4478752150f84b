import { addCalendarDays, WorkingDayCalendar } from '../../workflow/calendar/working-day-calendar';
import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';
import { RuleSet, ruleCitation } from '../../workflow/rule-sets/rule-set';
import { DecisionTerm } from '../case/decider/case.context';
import { suspensionPeriod } from './suspension-period';

/** What a removal decision does to the post: ends it, or suspends the person while keeping it. */
export type RemovalEffect = 'ends_post' | 'suspends';

export const removalEffectOf = (definitionId: string): RemovalEffect =>
  definitionId === 'removal.suspension' ? 'suspends' : 'ends_post';

/**
 * The instrument a decision ending the post rests on, as the case's rule set has it
 * (`removal.<kind>.endsPost`): Quy định 41-QĐ/TW for a case pinned before 8 Oct 2025, Quy định
 * 377-QĐ/TW after (before, the definition's first citation: 41 even under 377). A relief has no
 * such parameter: it is new in 377, which its definition cites (a parameter only 377 sets would
 * leave every rule set before 8 Oct 2025 incomplete).
 */
function postEndingCitation(definition: ProcedureDefinition, ruleSet: RuleSet): string {
  const param = `${definition.id}.endsPost`;
  return ruleSet.params[param] ? ruleCitation(ruleSet, param) : definition.citation.split(';')[0];
}

/**
 * The decision's period in the engine's terms: a dismissal, resignation or relief ends the post on
 * the day it takes effect (no term follows); a suspension lasts the rule's days from that day (a
 * civil servant's or a cadre's, as the opening found the person) and the person keeps the post.
 */
export function removalDecisionTerm(
  definition: ProcedureDefinition,
  ruleSet: RuleSet,
  effectiveFrom: string,
  calendar: WorkingDayCalendar,
  openFacts: Record<string, unknown> = {},
): DecisionTerm {
  if (removalEffectOf(definition.id) === 'suspends') {
    const serviceStatus = openFacts.serviceStatus as 'cadre' | 'civil_servant' | undefined;
    const { days, unit, extensionDays, rule } = suspensionPeriod(ruleSet, serviceStatus);
    // The first day counts: a period of working days starts on the effective day if it is one.
    const until =
      unit === 'working_days'
        ? calendar.addWorkingDays(
            effectiveFrom,
            calendar.isWorkingDay(effectiveFrom) ? days - 1 : days,
          )
        : addCalendarDays(effectiveFrom, days - 1);
    const extension =
      extensionDays === null ? 'no extension found in the rule' : `extendable by ${extensionDays}`;
    return {
      termYears: 0,
      termEnd: until,
      termRule: `suspended for ${days} ${unit.replace('_', ' ')}${serviceStatus ? ` (${serviceStatus.replace('_', ' ')})` : ''}, ${effectiveFrom} to ${until}, ${extension}; the post is kept (${rule})`,
      details: { effect: 'suspends', suspendedUntil: until, days, unit },
    };
  }
  return {
    termYears: 0,
    termEnd: effectiveFrom,
    termRule: `${definition.titleVi}: the post ends on ${effectiveFrom} (${postEndingCitation(definition, ruleSet)})`,
    details: { effect: 'ends_post', postEndsOn: effectiveFrom },
  };
}
