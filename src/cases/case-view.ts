import { Actor } from '../identity/actor';
import { discloseBallot } from '../identity/ballot-disclosure';
import { withheldPlaceholders } from '../identity/withheld-placeholders';
import { CaseEvent } from '../workflow/case/case.events';
import { CaseState } from '../workflow/case/case.state';
import { ProcedureDefinition } from '../workflow/definitions/procedure-definition';

/** A step as shown to the caller: ballot counts only as the disclosure rule allows. */
function stepView(event: CaseEvent, actor: Actor, subject: boolean): Record<string, unknown> {
  const disclosed = discloseBallot(
    actor,
    { type: event.type, data: event.data as unknown as Record<string, unknown> },
    { viewerIsSubject: subject },
  );
  return { type: event.type, ...disclosed.data, ...withheldPlaceholders(disclosed) };
}

export function caseView(
  state: CaseState,
  definition: ProcedureDefinition,
  revision: number | null,
  actor: Actor,
) {
  if (state.status === 'none') return null;
  const current = state.status === 'open' ? definition.steps[state.currentStep] : undefined;
  const allowedNext: Record<string, unknown>[] = [];
  if (state.status === 'open' && current) {
    allowedNext.push({
      action: 'perform-step',
      stepId: current.id,
      kind: current.kind,
      roles: current.actors.roles,
      href: `/cases/${state.caseId}/steps/${current.id}`,
    });
    for (const entry of Object.values(state.vetting)) {
      if (entry.result === 'flagged' && !entry.resolved && entry.item !== 'discipline_bar') {
        allowedNext.push({
          action: 'resolve-vetting-item',
          item: entry.item,
          href: `/cases/${state.caseId}/vetting/${entry.item}/resolve`,
        });
      }
    }
    allowedNext.push(
      { action: 'withdraw', href: `/cases/${state.caseId}/withdraw` },
      { action: 'reject', href: `/cases/${state.caseId}/reject` },
    );
  }
  return {
    id: state.caseId,
    procedure: state.procedure,
    status: state.status,
    definition: `${state.definitionId}@${state.definitionVersion}`,
    ruleSet: state.ruleSetId,
    personId: state.personId,
    positionId: state.positionId,
    orgUnitId: state.orgUnitId,
    openedOn: state.openedOn,
    summary: state.summary,
    facts: state.openFacts,
    revision,
    currentStep: current
      ? {
          id: current.id,
          kind: current.kind,
          title: current.title,
          titleVi: current.titleVi,
          roles: current.actors.roles,
          dueOn: state.currentStepDueOn,
        }
      : null,
    allowedNext,
    steps: state.steps.map((event) => stepView(event, actor, actor.personId === state.personId)),
    vetting: state.vetting,
    nominees: state.nominees,
    ...(state.status === 'decided' ? { decision: state.decision } : {}),
    ...(state.status === 'rejected' ? { rejection: state.rejection } : {}),
    ...(state.status === 'withdrawn' ? { withdrawal: state.withdrawal } : {}),
  };
}
