import { addCalendarDays, WorkingDayCalendar } from '../../workflow/calendar/working-day-calendar';
import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { DecisionTerm } from '../case/decider/case.context';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { PrerequisiteCase, refuseUntilGiven } from '../case/prerequisite-case';

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
  const { ruleSet, post, caseUnitId, named, approvalCase } = input;
  if (named === undefined) {
    if (!needsApprovalInPrinciple(ruleSet, post, caseUnitId)) return {};
    throw new DomainRuleViolation(
      'appointment.approval_in_principle_required',
      `approvalInPrincipleCaseId: an appointment to ${post.id} run by ${caseUnitId} needs the approval in principle of ${post.appointingAuthority} first (${ruleCitation(ruleSet, WHEN)}); open an approval_in_principle case and name it`,
      'unprocessable',
      'approvalInPrincipleCaseId',
    );
  }
  if (!approvalCase || approvalCase.procedure !== 'approval_in_principle')
    throw new DomainRuleViolation(
      'appointment.approval_in_principle_not_found',
      `approvalInPrincipleCaseId: ${named} is not an approval-in-principle case`,
      'unprocessable',
      'approvalInPrincipleCaseId',
    );
  if (approvalCase.positionId !== post.id)
    throw new DomainRuleViolation(
      'appointment.approval_in_principle_other_post',
      `approvalInPrincipleCaseId: ${named} asks approval for ${approvalCase.positionId}, not ${post.id}`,
      'unprocessable',
      'approvalInPrincipleCaseId',
    );
  return { approvalInPrincipleCaseId: named };
}

/**
 * Before the appointment's first step and its decision: the approval was given and the
 * completion period it opened has not run out. Refusals name the rule, the case and the days.
 */
export function refuseWithoutApproval(approvalCase: PrerequisiteCase, today: string): void {
  refuseUntilGiven(approvalCase, today, {
    rule: 'appointment.approval_in_principle',
    what: 'the approval in principle',
    runsOut: true,
  });
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
