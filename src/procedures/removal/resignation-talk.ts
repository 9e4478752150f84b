import { addCalendarDays, WorkingDayCalendar } from '../../workflow/calendar/working-day-calendar';
import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';
import { RuleSet, ruleValue } from '../../workflow/rule-sets/rule-set';
import { GoverningDeadline } from '../../workflow/step-engine';

/** How the views name the resignation talk's time limit when it is the talk's due day. */
export const RESIGNATION_TALK_RULE = 'removal.resignation.talk';
/** The rule-set parameter (and the views' name) of the decision's time limit from the letter. */
export const RESIGNATION_DECISION_RULE = 'removal.resignation.decisionLimit';
/** The step the decision's limit governs. */
const DECISION_STEP = 'decision';

/**
 * The last day the competent level may decide on a resignation, counted from the letter as the
 * case's rule set says (`removal.resignation.decisionLimit`: 15 days under Quy định 41-QĐ/TW art.
 * 8; 10 + 10 working days under Quy định 377-QĐ/TW); none when the rule set has no such limit.
 */
export function resignationDecisionDueBy(
  letterReceivedOn: string,
  ruleSet: RuleSet,
  calendar: WorkingDayCalendar,
): string | null {
  if (!ruleSet.params[RESIGNATION_DECISION_RULE]) return null;
  const limit = ruleValue<{ amount: number; unit: 'days' | 'working_days' }>(
    ruleSet,
    RESIGNATION_DECISION_RULE,
  );
  return limit.unit === 'working_days'
    ? calendar.addWorkingDays(letterReceivedOn, limit.amount)
    : addCalendarDays(letterReceivedOn, limit.amount);
}

/**
 * The talk with a cadre who resigns (gặp gỡ, trao đổi) is due so many working days after the
 * letter arrived (`talkDueBy`, QĐ 41-QĐ/TW art. 8), not after the day the case was typed in: it
 * governs the definition's first step, the talk, whatever day the case opened. The decision is
 * likewise due by `decisionDueBy` from the letter: before, its own 5 working days counted from the
 * ballot let it fall weeks after the limit.
 */
export function resignationTalkDeadline(
  facts: Record<string, unknown>,
  definition: ProcedureDefinition,
): GoverningDeadline | null {
  const { talkDueBy, decisionDueBy } = facts;
  if (typeof talkDueBy !== 'string' || definition.steps.length === 0) return null;
  const decides = definition.steps.some((step) => step.id === DECISION_STEP);
  return {
    dueOn: talkDueBy,
    rule: RESIGNATION_TALK_RULE,
    stepIds: [definition.steps[0].id],
    ...(typeof decisionDueBy === 'string' && decides
      ? {
          others: [
            { dueOn: decisionDueBy, rule: RESIGNATION_DECISION_RULE, stepIds: [DECISION_STEP] },
          ],
        }
      : {}),
  };
}
