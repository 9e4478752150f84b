import { CaseState } from '../case/decider/case.state';
import { ApprovalCase } from './approval-in-principle-rules';

/** What an appointment reads of an approval-in-principle case's state (null: no such case). */
export function approvalCaseFrom(state: CaseState): ApprovalCase | null {
  if (state.status === 'none') return null;
  return {
    caseId: state.caseId,
    procedure: state.procedure,
    positionId: state.positionId,
    status: state.status,
    dueOn: state.status === 'open' ? state.currentStepDueOn : null,
    approval:
      state.status === 'decided'
        ? {
            number: state.decision.number,
            heldOn: state.decision.heldOn,
            completeBy: state.decision.termEnd,
          }
        : null,
    endReason:
      state.status === 'rejected'
        ? state.rejection.reason
        : state.status === 'withdrawn'
          ? state.withdrawal.reason
          : null,
  };
}
