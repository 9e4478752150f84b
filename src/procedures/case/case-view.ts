import { Actor } from '../../identity/actor';
import { WorkingDayCalendar } from '../../workflow/calendar/working-day-calendar';
import { CaseState, ExistingCase } from './decider/case.state';
import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';
import { RuleSet } from '../../workflow/rule-sets/rule-set';
import {
  currentStepOfCase,
  performStepLink,
  pinsView,
  stepView,
} from '../../workflow/step-engine/step-view';
import { ballotVisibilityOf } from '../../identity/ballot-disclosure';
import { DomainEvent } from '../../common/stream-decider';
import { mayClose } from '../../workflow/step-engine/closing';
import { correctStepLink, stepsWithCorrections } from '../../workflow/step-engine/correction-view';
import { postCaseView } from './nominee-tallies-view';
import { disclosedNominees } from './nominee-disclosure';
import { PersonOfCase, peopleOfCase, personOfCaseRefusal } from './decider/case-people';
import { isEntryUnwaivable } from './decider/unwaivable-items';
import { itemsBlockingDecision } from './decider/items-blocking-decision';

/** What the case view reads besides the case: the calendar, today, and whom the case names now. */
interface CaseViewReads {
  calendar: WorkingDayCalendar;
  today?: string;
  /**
   * The case's people as the case is now, for a view of it as it stood before (`asOf`): one
   * named since is withheld that earlier ballot as the case's current view and history do.
   */
  people?: PersonOfCase[];
  /**
   * The view is of the case as it stood at a past moment (`asOf`): nothing may be done then, so
   * no action is offered (before: a withdrawn case's view as of before its withdrawal offered
   * perform-step and correct-step, as if that moment were now).
   */
  past?: boolean;
}

export function caseView(
  state: CaseState,
  { definition, ruleSet }: { definition: ProcedureDefinition; ruleSet: RuleSet },
  revision: number | null,
  actor: Actor,
  { calendar, today, people, past }: CaseViewReads,
) {
  if (state.status === 'none') return null;
  const { current, readerMayNotAct, disclosure, steps, standing } = readerSideOfCase(
    state,
    definition,
    actor,
    people,
  );
  const allowedNext: Record<string, unknown>[] = [];
  if (state.status === 'open' && current) {
    // The decision is not offered while a flagged item holds it back: its resolution is.
    const heldBack = current.kind === 'decision' && itemsBlockingDecision(state.vetting).length;
    if (!heldBack) allowedNext.push(performStepLink(current, `/cases/${state.caseId}`));
    allowedNext.push(...vettingLinks(state, ruleSet));
    allowedNext.push(...closingLinks(state.caseId, definition, actor));
  }
  // A case its last step's result rejected may still have that step corrected.
  const correctable = state.status === 'open' || state.status === 'rejected';
  const correct = correctable
    ? correctStepLink(state.lastStep, definition, `/cases/${state.caseId}`)
    : null;
  if (correct) allowedNext.push(correct);
  return {
    id: state.caseId,
    procedure: state.procedure,
    status: state.status,
    ...pinsView(state),
    personId: personOfView(state),
    openedOn: state.openedOn,
    ...(state.recordedFromPaper ? { recordedFromPaper: state.recordedFromPaper } : {}),
    summary: state.summary,
    facts: state.openFacts,
    revision,
    currentStep: currentStepOfCase(current, state, calendar, today),
    allowedNext: readerMayNotAct || past ? [] : allowedNext,
    ...(readerMayNotAct ? { readerMayNotAct } : {}),
    steps,
    vetting: state.vetting,
    ...standing,
    ...postCaseView({ ...state, nominees: standing.nominees }, steps),
    ...endingView(state, actor, disclosure),
  };
}

/**
 * The case as this reader may see it: its steps with the ballots withheld from them, and who still
 * stands (`nominees`, or null with `nomineesWithheld`). The one ballot-secrecy judgement the case
 * view and every other read of a case's nominees make (a nominee's record lists the case only
 * where this shows its nominees, nominations-on-record.ts).
 */
export function readerSideOfCase(
  state: ExistingCase,
  definition: ProcedureDefinition,
  actor: Actor,
  people?: PersonOfCase[],
) {
  const current = state.status === 'open' ? definition.steps[state.currentStep] : undefined;
  // Its subject, nominees and candidates take no step of a case: none is offered; the view says why.
  const readerMayNotAct = personOfCaseRefusal(people ?? peopleOfCase(state), actor);
  const disclosure = { viewerIsSubject: readerMayNotAct !== null };
  const steps = stepsWithCorrections(state.steps, state.corrections, actor, disclosure);
  const takesCurrentStep = Boolean(current?.actors.roles.some((r) => actor.roles.includes(r)));
  const standing = disclosedNominees(state.nominees, steps, takesCurrentStep);
  return { current, readerMayNotAct, disclosure, steps, standing };
}

/**
 * A flagged item is offered for resolution unless the case's rule set bars setting it aside, as
 * the decider's resolution does. One it bars setting aside but that was read from the person's
 * record is offered to be read again (the same resolution): cleared where the record no longer
 * bears it out (a discipline annulled on complaint, a bar ended), refused naming the bar where it
 * still runs. Before, such a flag was offered nothing, and a bar annulled since held the case with
 * no way forward.
 */
function vettingLinks(state: Extract<CaseState, { status: 'open' }>, ruleSet: RuleSet) {
  const links: Record<string, unknown>[] = [];
  for (const entry of Object.values(state.vetting)) {
    if (entry.result !== 'flagged' || entry.resolved) continue;
    const unwaivable = isEntryUnwaivable(ruleSet, entry);
    if (unwaivable && entry.source !== 'record') continue;
    links.push({
      action: unwaivable ? 'recheck-vetting-item' : 'resolve-vetting-item',
      item: entry.item,
      href: `/cases/${state.caseId}/vetting/${entry.item}/resolve`,
    });
  }
  return links;
}

/** How a closed case ended: its decision, its rejection as the reader may see it, its withdrawal. */
function endingView(state: CaseState, actor: Actor, disclosure: { viewerIsSubject: boolean }) {
  if (state.status === 'decided') return { decision: state.decision };
  if (state.status === 'rejected')
    return { rejection: rejectionView(state.rejection, state.lastStep, actor, disclosure) };
  if (state.status === 'withdrawn') return { withdrawal: state.withdrawal };
  return {};
}

/**
 * The rejection as shown to the reader: one by a ballot's result (or a nomination's, the council's
 * vote, an examination's scores) restates its counts in `reason`, withheld as that ballot's are.
 * That ballot is the case's last step: a rejection by a step's result keeps it (case.evolve.ts).
 */
function rejectionView(
  rejection: object,
  lastStep: { event: DomainEvent } | null,
  actor: Actor,
  { viewerIsSubject }: { viewerIsSubject: boolean },
) {
  const ballot = lastStep ? ballotVisibilityOf(lastStep.event) : null;
  const { type: _type, ...shown } = stepView({ type: 'CaseRejected', data: rejection }, actor, {
    viewerIsSubject,
    ballotVisibility: ballot,
  });
  return shown;
}

/**
 * Whom the case is now about: a post case's appointee once its final ballot chose one (whose
 * record the vetting reads and the decision writes, appointeeOf), else the person it was opened
 * for; null for a case opened for a post before its steps chose anyone (before: "", which the web
 * app sent as an empty person id, and kept after the decision while GET /cases named the appointee).
 */
function personOfView(state: { personId: string; appointee: string | null }): string | null {
  return state.appointee ?? (state.personId || null);
}

/** Withdraw and reject, offered by the rule the server closes by: only the role that opens the case. */
function closingLinks(caseId: string, definition: ProcedureDefinition, actor: Actor) {
  if (!mayClose(definition, actor)) return [];
  return [
    { action: 'withdraw', href: `/cases/${caseId}/withdraw` },
    { action: 'reject', href: `/cases/${caseId}/reject` },
  ];
}
