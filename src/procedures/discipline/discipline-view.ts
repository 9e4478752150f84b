import { Actor } from '../../identity/actor';
import { DisclosureContext } from '../../identity/ballot-disclosure';
import { WorkingDayCalendar } from '../../workflow/calendar/working-day-calendar';
import {
  ProcedureDefinition,
  StepDefinition,
} from '../../workflow/definitions/procedure-definition';
import {
  currentStepOfCase,
  performStepLink,
  pinsView,
  stepView,
} from '../../workflow/step-engine/step-view';
import { correctStepLink, stepsWithCorrections } from '../../workflow/step-engine/correction-view';
import { DisciplineState } from './discipline.state';

/** The closure as shown to the caller: a closure by the ballot restates its counts in `reason`. */
function closureView(closure: object, actor: Actor, context: DisclosureContext) {
  const { type: _type, ...shown } = stepView(
    { type: 'DisciplineCaseClosed', data: closure },
    actor,
    context,
  );
  return shown;
}

/** What the caller may do next: the current step, extend or close; file or review a complaint. */
function allowedNextActions(
  state: Exclude<DisciplineState, { status: 'none' }>,
  current: StepDefinition | undefined,
  today: string,
): Record<string, unknown>[] {
  const base = `/discipline-cases/${state.caseId}`;
  const allowedNext: Record<string, unknown>[] = [];
  if (state.status === 'open' && current) {
    allowedNext.push(performStepLink(current, base));
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
  return allowedNext;
}

/** A case its last step's result closed may still have that step corrected. */
function correctionLink(
  state: Exclude<DisciplineState, { status: 'none' }>,
  definition: ProcedureDefinition,
) {
  if (state.status !== 'open' && state.status !== 'closed' && state.status !== 'time_barred')
    return null;
  return correctStepLink(state.lastStep, definition, `/discipline-cases/${state.caseId}`);
}

export function disciplineView(
  state: DisciplineState,
  definition: ProcedureDefinition,
  revision: number | null,
  actor: Actor,
  today: string,
  calendar: WorkingDayCalendar,
) {
  if (state.status === 'none') return null;
  const disclosure: DisclosureContext = {
    viewerIsSubject: actor.personId === state.personId,
    ballotVisibility: state.ballot
      ? { announced: state.ballot.announced, visibleTo: state.ballot.visibleTo }
      : null,
  };
  const current = state.status === 'open' ? definition.steps[state.currentStep] : undefined;
  const correct = correctionLink(state, definition);
  const allowedNext = [...allowedNextActions(state, current, today), ...(correct ? [correct] : [])];
  return {
    id: state.caseId,
    procedure: 'discipline',
    track: state.track,
    status: state.status,
    ...pinsView(state),
    electedCadre: state.electedCadre,
    serviceStatus: state.serviceStatus,
    violation: state.violation,
    limitation: state.limitation,
    openedOn: state.openedOn,
    summary: state.summary,
    timeLimit: state.decideBy
      ? {
          runsFrom: state.decideFrom ?? state.openedOn,
          decideBy: state.decideBy,
          extended: state.timeLimitExtended,
          overdue: state.status === 'open' && today > state.decideBy,
        }
      : null,
    missedDeadlines: state.missedDeadlines,
    revision,
    currentStep: currentStepOfCase(current, state, calendar),
    allowedNext,
    steps: stepsWithCorrections(state.steps, state.corrections, actor, disclosure),
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
    ...(state.status === 'time_barred' ? { timeBarred: state.timeBarred } : {}),
  };
}
