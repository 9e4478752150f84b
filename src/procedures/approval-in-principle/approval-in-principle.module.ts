import { prerequisiteProcedureModule } from '../case/prerequisite-procedure.module';
import {
  APPROVAL_IN_PRINCIPLE,
  approvalInPrincipleOpening,
  completionPeriod,
  refuseWithoutApproval,
} from './approval-in-principle-rules';

/**
 * Approval in principle (xin chủ trương): its own case (`approval_in_principle-<id>` streams) for
 * a post and the proposed person, and the check it puts on appointment cases that need it.
 */
export const ApprovalInPrincipleModule = prerequisiteProcedureModule({
  names: APPROVAL_IN_PRINCIPLE,
  definitionIds: ['approval.in-principle'],
  // The approval's term is the period the unit has to complete the appointment.
  decisionTerm: async (context) => (_state, effectiveFrom) =>
    completionPeriod(context.ruleSet, context.calendar, effectiveFrom),
  gates: 'appointment',
  opening: ({ opening, post, named, prerequisite }) =>
    approvalInPrincipleOpening({
      ruleSet: opening.context.ruleSet,
      post,
      caseUnitId: opening.orgUnitId,
      named,
      approvalCase: prerequisite,
    }),
  refuseUntilGiven: refuseWithoutApproval,
});
