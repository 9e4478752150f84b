import { addCalendarDays, WorkingDayCalendar } from '../../workflow/calendar/working-day-calendar';
import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { DecisionTerm } from '../case/decider/case.context';
import { PrerequisiteCase, refuseUntilGiven } from '../case/prerequisite-case';
import { PrerequisiteOpeningNames, prerequisiteOpening } from '../case/prerequisite-opening';

/** When an appointment needs the authority's approval in principle (chủ trương) before it runs. */
export type ApprovalInPrincipleWhen = 'authority_elsewhere' | 'always' | 'never';

const WHEN = 'appointment.approvalInPrincipleWhen';
const COMPLETION = 'approvalInPrinciple.completionPeriod';

/**
 * Whether an appointment to the post, run by the unit, needs approval in principle. A rule set
 * without the parameter (those before Nghị định 170/2025) encodes no such requirement.
 */
export function needsApprovalInPrinciple(
  ruleSet: RuleSet,
  post: { id: string; appointingAuthority: string },
  caseUnitId: string,
): boolean {
  if (!ruleSet.params[WHEN]) return false;
  const when = ruleValue<ApprovalInPrincipleWhen>(ruleSet, WHEN);
  if (when === 'always') return true;
  if (when === 'never') return false;
  return post.appointingAuthority !== caseUnitId;
}

/** How appointments and refusals name an approval-in-principle case. */
export const APPROVAL_IN_PRINCIPLE: PrerequisiteOpeningNames = {
  procedure: 'approval_in_principle',
  field: 'approvalInPrincipleCaseId',
  rule: 'appointment.approval_in_principle',
  what: 'the approval in principle',
  kind: 'an approval-in-principle case',
  toOpen: 'an approval_in_principle case',
  asks: 'approval',
  runsOut: true,
};

/**
 * At opening: an appointment that needs approval in principle names its approval case, which
 * must be one for the same post; the case's facts keep the name for the first step's check.
 */
export function approvalInPrincipleOpening(input: {
  ruleSet: RuleSet;
  post: { id: string; appointingAuthority: string };
  caseUnitId: string;
  named: string | undefined;
  approvalCase: PrerequisiteCase | null;
}): Record<string, unknown> {
  const { ruleSet, post, caseUnitId } = input;
  return prerequisiteOpening(APPROVAL_IN_PRINCIPLE, {
    postId: post.id,
    named: input.named,
    prerequisite: input.approvalCase,
    neededBecause: () =>
      needsApprovalInPrinciple(ruleSet, post, caseUnitId)
        ? `an appointment to ${post.id} run by ${caseUnitId} needs the approval in principle of ${post.appointingAuthority} first (${ruleCitation(ruleSet, WHEN)})`
        : null,
  });
}

/**
 * Before the appointment's first step and its decision: the approval was given and the
 * completion period it opened has not run out. Refusals name the rule, the case and the days.
 */
export function refuseWithoutApproval(approvalCase: PrerequisiteCase, today: string): void {
  refuseUntilGiven(approvalCase, today, APPROVAL_IN_PRINCIPLE);
}

/**
 * The approval's "term": the period in which the unit completes the appointment
 * (`approvalInPrinciple.completionPeriod`, from the approval's effective day).
 */
export function completionPeriod(
  ruleSet: RuleSet,
  calendar: WorkingDayCalendar,
  effectiveFrom: string,
): DecisionTerm {
  const period = ruleValue<{ amount: number; unit: 'days' | 'working_days' }>(ruleSet, COMPLETION);
  const termEnd =
    period.unit === 'working_days'
      ? calendar.addWorkingDays(effectiveFrom, period.amount)
      : addCalendarDays(effectiveFrom, period.amount);
  return {
    termYears: 0,
    termEnd,
    termRule: `the appointment is completed by ${termEnd}: ${period.amount} ${period.unit.replace('_', ' ')} (${ruleCitation(ruleSet, COMPLETION)})`,
  };
}
