import { Actor } from '../identity/actor';
import { ProcedureDefinition } from '../workflow/definitions/procedure-definition';
import { DisciplineEvent } from './discipline.events';
import { DisciplineState } from './discipline.state';

/** The secret ballot's counts are shown only to the roles its rule names. */
function stepView(event: DisciplineEvent, actor: Actor, subject: boolean): Record<string, unknown> {
  const data = event.data as unknown as Record<string, unknown>;
  if (
    event.type !== 'DisciplineBallotTallied' ||
    (!subject &&
      (event.data.announced || actor.roles.some((role) => event.data.visibleTo.includes(role))))
  ) {
    return { type: event.type, ...data };
  }
  const { tally: _tally, reason: _reason, expulsionProposal: _proposal, ...rest } = data;
  return { type: event.type, ...rest, tally: 'not announced', reason: 'not announced' };
}

export function disciplineView(
  state: DisciplineState,
  definition: ProcedureDefinition,
  revision: number | null,
  actor: Actor,
  today: string,
) {
  if (state.status === 'none') return null;
  const current = state.status === 'open' ? definition.steps[state.currentStep] : undefined;
  const base = `/discipline-cases/${state.caseId}`;
  const allowedNext: Record<string, unknown>[] = [];
  if (state.status === 'open' && current) {
    allowedNext.push({
      action: 'perform-step',
      stepId: current.id,
      kind: current.kind,
      roles: current.actors.roles,
      href: `${base}/steps/${current.id}`,
    });
    if (state.decideBy && !state.timeLimitExtended)
      allowedNext.push({ action: 'extend-time-limit', href: `${base}/extend` });
    allowedNext.push({ action: 'close', href: `${base}/close` });
  }
  if (state.status === 'decided' && today <= state.decision.complaintWindowEndsOn)
    allowedNext.push({
      action: 'file-complaint',
      until: state.decision.complaintWindowEndsOn,
      href: `${base}/complaints`,
    });
  if (state.status === 'under_review')
    allowedNext.push({ action: 'review-complaint', href: `${base}/complaints/review` });
  return {
    id: state.caseId,
    procedure: 'discipline',
    track: state.track,
    status: state.status,
    definition: `${state.definitionId}@${state.definitionVersion}`,
    ruleSet: state.ruleSetId,
    personId: state.personId,
    positionId: state.positionId,
    orgUnitId: state.orgUnitId,
    electedCadre: state.electedCadre,
    violation: state.violation,
    limitation: state.limitation,
    openedOn: state.openedOn,
    summary: state.summary,
    timeLimit: state.decideBy
      ? {
          decideBy: state.decideBy,
          extended: state.timeLimitExtended,
          overdue: state.status === 'open' && today > state.decideBy,
        }
      : null,
    missedDeadlines: state.missedDeadlines,
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
    ...(state.status === 'decided' || state.status === 'under_review' || state.status === 'annulled'
      ? {
          decision: state.decision,
          form: state.status === 'annulled' ? null : state.form,
          barEndsOn: state.status === 'annulled' ? null : state.barEndsOn,
          complaint: state.complaint,
          reviews: state.reviews,
        }
      : {}),
    ...(state.status === 'closed' ? { closure: state.closure } : {}),
  };
}
