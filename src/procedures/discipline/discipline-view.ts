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
import { subjectRefusal } from '../../workflow/step-engine/actors';
import { RuleSet } from '../../workflow/rule-sets/rule-set';
import { ACCESS } from '../../identity/allow.decorator';
import { complaintDeadline } from './complaint-window';
import { complaintUnderReviewDue } from './complaint-resolution';
import { complainantOf } from './discipline.complaint';
import { DisciplineState, ExistingDiscipline } from './discipline.state';
import { disciplineTimeLimit } from './discipline-time-limit';

/** The closure as shown to the caller: a closure by the ballot restates its counts in `reason`. */
function closureView(closure: object, actor: Actor, context: DisclosureContext) {
  const { type: _type, ...shown } = stepView(
    { type: 'DisciplineCaseClosed', data: closure },
    actor,
    context,
  );
  return shown;
}

/**
 * The roles that may take an action beside the steps: those its route allows (ACCESS) that the
 * decider's own check names too — the first step's for filing a complaint or closing (whoever may
 * open the case), the decision's for extending the time or reviewing a complaint.
 */
function actionRoles(definition: ProcedureDefinition) {
  const first = definition.steps[0].actors.roles;
  const decision = definition.steps[definition.steps.length - 1].actors.roles;
  const both = (route: readonly string[], step: readonly string[]) =>
    route.filter((role) => step.includes(role));
  return {
    opener: both(ACCESS.disciplineOpen, first),
    decider: both(ACCESS.disciplineDecide, decision),
  };
}

interface ActionContext {
  ruleSet: RuleSet;
  calendar: WorkingDayCalendar;
  definition: ProcedureDefinition;
}

/** What the caller may do next: the current step, extend or close; file or review a complaint. */
function allowedNextActions(
  state: Exclude<DisciplineState, { status: 'none' }>,
  current: StepDefinition | undefined,
  today: string,
  { ruleSet, calendar, definition }: ActionContext,
): Record<string, unknown>[] {
  const base = `/discipline-cases/${state.caseId}`;
  const { opener, decider } = actionRoles(definition);
  const allowedNext: Record<string, unknown>[] = [];
  if (state.status === 'open' && current) {
    allowedNext.push(performStepLink(current, base));
    if (state.decideBy && !state.timeLimitExtended)
      allowedNext.push({ action: 'extend-time-limit', roles: decider, href: `${base}/extend` });
    if (state.ballot?.outcome !== 'form_chosen')
      allowedNext.push({ action: 'close', roles: opener, href: `${base}/close` });
  }
  const deadline =
    state.status === 'decided'
      ? complaintDeadline(ruleSet, calendar, state.decision, state.reviews, state.form)
      : null;
  if (deadline && today <= deadline.endsOn)
    allowedNext.push({
      action: 'file-complaint',
      roles: opener,
      until: deadline.endsOn,
      ...(deadline.second ? { second: true } : {}),
      href: `${base}/complaints`,
    });
  if (state.status === 'under_review')
    allowedNext.push({
      action: 'review-complaint',
      roles: decider,
      href: `${base}/complaints/review`,
    });
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

/** The statuses of a case whose decision (or time bar on the form voted) has been made. */
const CONCLUDED: readonly DisciplineState['status'][] = [
  'decided',
  'under_review',
  'annulled',
  'time_barred',
];

/** Whether the case has been decided, or found time-barred on the form its ballot chose. */
export const disciplineConcluded = (state: DisciplineState): boolean =>
  CONCLUDED.includes(state.status);

/**
 * Whether the form the case's ballot chose is this reader's to see where its counts are not
 * (ballot-disclosure.ts, `conclusionPublic`): once the case is decided or time-barred on it (for a
 * view as of before, `concludedSince`: it is by now), the decision makes it public; before, only to
 * whoever takes the step that applies it (the decision), never to the subject — as who still
 * stands after a secret nomination is (nominee-disclosure.ts).
 */
export function ballotConclusionPublic(
  state: ExistingDiscipline,
  current: StepDefinition | undefined,
  actor: Actor,
  { viewerIsSubject, concludedSince }: { viewerIsSubject: boolean; concludedSince: boolean },
): boolean {
  if (concludedSince || disciplineConcluded(state)) return true;
  const takesCurrentStep = Boolean(current?.actors.roles.some((r) => actor.roles.includes(r)));
  return takesCurrentStep && !viewerIsSubject;
}

/** What the reader may see of the case's ballot: its counts by its rule, its form by the decision. */
function disclosureOf(
  state: ExistingDiscipline,
  current: StepDefinition | undefined,
  actor: Actor,
  reader: { viewerIsSubject: boolean; concludedSince: boolean },
): DisclosureContext {
  return {
    viewerIsSubject: reader.viewerIsSubject,
    ballotVisibility: state.ballot
      ? { announced: state.ballot.announced, visibleTo: state.ballot.visibleTo }
      : null,
    conclusionPublic: ballotConclusionPublic(state, current, actor, reader),
  };
}

export function disciplineView(
  state: DisciplineState,
  definition: ProcedureDefinition,
  revision: number | null,
  actor: Actor,
  today: string,
  calendar: WorkingDayCalendar,
  ruleSet: RuleSet,
  /** A view as of a past moment of a case decided since (the ballot's form is public by now). */
  concludedSince = false,
) {
  if (state.status === 'none') return null;
  // The subject takes no step of their own case: no action is offered, and the view says why.
  const readerMayNotAct = subjectRefusal(state.personId, { actor });
  const current = state.status === 'open' ? definition.steps[state.currentStep] : undefined;
  const disclosure = disclosureOf(state, current, actor, {
    viewerIsSubject: readerMayNotAct !== null,
    concludedSince,
  });
  const correct = correctionLink(state, definition);
  const allowedNext = readerMayNotAct
    ? []
    : [
        ...allowedNextActions(state, current, today, { ruleSet, calendar, definition }),
        ...(correct ? [correct] : []),
      ];
  return {
    id: state.caseId,
    procedure: 'discipline',
    track: state.track,
    status: state.status,
    ...pinsView(state),
    electedCadre: state.electedCadre,
    serviceStatus: state.serviceStatus,
    ...(state.leftService ? { leftService: state.leftService } : {}),
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
    currentStep: currentStepOfCase(current, governed(state, definition), calendar, today),
    allowedNext,
    ...(readerMayNotAct ? { readerMayNotAct } : {}),
    steps: stepsWithCorrections(state.steps, state.corrections, actor, disclosure),
    ...decisionView(state, today, { ruleSet, calendar }),
    ...(state.status === 'closed'
      ? { closure: closureView(state.closure, actor, disclosure) }
      : {}),
    ...(state.status === 'time_barred' ? { timeBarred: state.timeBarred } : {}),
  };
}

/** The case with the time to decide that governs its steps' deadlines. */
const governed = (state: ExistingDiscipline, definition: ProcedureDefinition) => ({
  ...state,
  governingDeadline: disciplineTimeLimit(state.decideBy, definition),
});

/** The decision, form, validity and bar of a decided case (none before the decision). */
function decisionView(
  state: Exclude<DisciplineState, { status: 'none' }>,
  today: string,
  rules: { ruleSet: RuleSet; calendar: WorkingDayCalendar },
) {
  if (state.status !== 'decided' && state.status !== 'under_review' && state.status !== 'annulled')
    return {};
  const annulled = state.status === 'annulled';
  return {
    decision: state.decision,
    form: annulled ? null : state.form,
    barEndsOn: annulled ? null : state.barEndsOn,
    // The discipline's own validity, apart from the bar (absent on older decisions).
    ...('inEffectUntil' in state ? { inEffectUntil: annulled ? null : state.inEffectUntil } : {}),
    ...(state.decision.sameViolationAs ? { sameViolationAs: state.decision.sameViolationAs } : {}),
    complaint: state.complaint,
    complaints: (state.complaints ?? (state.complaint ? [state.complaint] : [])).map(
      // A complaint recorded before the complainant was kept: the disciplined person's, the
      // only one the routes then took (recordedBy is the user who typed it in, not who complains).
      (complaint) => ({
        ...complaint,
        complainant: complaint.complainant ?? complainantOf(state, undefined),
      }),
    ),
    reviews: state.reviews,
    complaintWindow: openComplaintWindow(state, today, rules),
    // The last day to resolve the complaint under review (null: none set, or none under review).
    complaintReviewDue:
      state.status === 'under_review'
        ? complaintUnderReviewDue(rules.ruleSet, rules.calendar, state.complaint)
        : null,
  };
}

/**
 * Until when a complaint may still be filed, whoever reads the case (the person too): null once
 * the window closed, while a complaint is under review, after an annulment, and after the last
 * review the rule set allows a complaint against (the Party track: no second complaint).
 */
function openComplaintWindow(
  state: Exclude<DisciplineState, { status: 'none' }> & {
    status: 'decided' | 'under_review' | 'annulled';
  },
  today: string,
  { ruleSet, calendar }: { ruleSet: RuleSet; calendar: WorkingDayCalendar },
) {
  if (state.status !== 'decided') return null;
  const deadline = complaintDeadline(ruleSet, calendar, state.decision, state.reviews, state.form);
  return deadline && today <= deadline.endsOn ? deadline : null;
}
