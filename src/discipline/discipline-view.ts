import { Actor } from '../identity/actor';
import { DisclosureContext, discloseBallot } from '../identity/ballot-disclosure';
import { withheldPlaceholders } from '../identity/withheld-placeholders';
import { ProcedureDefinition } from '../workflow/definitions/procedure-definition';
import { DisciplineState } from './discipline.state';

/** A step as shown to the caller: ballot counts only as the disclosure rule allows. */
function stepView(
  event: { type: string; data: object },
  actor: Actor,
  context: DisclosureContext,
): Record<string, unknown> {
  const disclosed = discloseBallot(
    actor,
    { type: event.type, data: event.data as Record<string, unknown> },
    context,
  );
  return { type: event.type, ...disclosed.data, ...withheldPlaceholders(disclosed) };
}

/** The closure as shown to the caller: a closure by the ballot restates its counts in `reason`. */
function closureView(closure: object, actor: Actor, context: DisclosureContext) {
  const { type: _type, ...shown } = stepView(
    { type: 'DisciplineCaseClosed', data: closure },
    actor,
    context,
  );
  return shown;
}

export function disciplineView(
  state: DisciplineState,
  definition: ProcedureDefinition,
  revision: number | null,
  actor: Actor,
  today: string,
) {
  if (state.status === 'none') return null;
  const disclosure: DisclosureContext = {
    viewerIsSubject: actor.personId === state.personId,
    ballotVisibility: state.ballot
      ? { announced: state.ballot.announced, visibleTo: state.ballot.visibleTo }
      : null,
  };
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
    steps: state.steps.map((event) => stepView(event, actor, disclosure)),
    ...(state.status === 'decided' || state.status === 'under_review' || state.status === 'annulled'
      ? {
          decision: state.decision,
          form: state.status === 'annulled' ? null : state.form,
          barEndsOn: state.status === 'annulled' ? null : state.barEndsOn,
          complaint: state.complaint,
          reviews: state.reviews,
        }
      : {}),
    ...(state.status === 'closed'
      ? { closure: closureView(state.closure, actor, disclosure) }
      : {}),
  };
}
