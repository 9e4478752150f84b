import { Actor } from '../../identity/actor';
import { DisclosureContext, discloseBallot } from '../../identity/ballot-disclosure';
import { withheldPlaceholders } from '../../identity/withheld-placeholders';
import { StepDefinition } from '../definitions/procedure-definition';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { GoverningDeadline, limitGoverning, withinGoverningDeadline } from './deadlines';

/** A step event as shown to the caller: ballot counts only as the disclosure rule allows. */
export function stepView(
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

/**
 * The current step of an open case as the views show it (null once the case left its steps).
 * `provisional`: the deadline was counted through a year whose official holiday schedule is not
 * published yet, so it may move when it is (WorkingDayCalendar.isProvisionalBetween).
 */
export function currentStepView(
  current: StepDefinition | undefined,
  dueOn: string | null,
  provisional: boolean,
  {
    dueLimitedBy = null,
    overdue = false,
    countedFrom = null,
  }: {
    dueLimitedBy?: string | null;
    overdue?: boolean;
    countedFrom?: { day: string; since: 'opening' | 'previousStep' } | null;
  } = {},
) {
  if (!current) return null;
  // Where the step's own time limit made the day: its definition's figure, from the day the step
  // became current (each step's limit runs from the step before it, not from the case's opening).
  const counted =
    dueOn !== null && dueLimitedBy === null && current.deadline && countedFrom
      ? {
          from: countedFrom.day,
          since: countedFrom.since,
          workingDays: current.deadline.workingDays ?? null,
          days: current.deadline.workingDays ? null : (current.deadline.days ?? null),
        }
      : null;
  return {
    id: current.id,
    kind: current.kind,
    title: current.title,
    titleVi: current.titleVi,
    roles: current.actors.roles,
    dueOn,
    provisional: dueOn !== null && provisional,
    // The legal limit the due day is, when the step's own time limit would have run past it.
    dueLimitedBy: dueOn !== null ? dueLimitedBy : null,
    overdue: dueOn !== null && overdue,
    dueCounted: counted,
  };
}

/** The link to take the current step, first of a case's allowed next actions. */
export function performStepLink(current: StepDefinition, caseHref: string) {
  return {
    action: 'perform-step',
    stepId: current.id,
    kind: current.kind,
    roles: current.actors.roles,
    href: `${caseHref}/steps/${current.id}`,
  };
}

/** What a case view says of the case's pins and subject, in both procedures. */
export function pinsView(state: {
  definitionId: string;
  definitionVersion: number;
  ruleSetId: string;
  personId: string;
  positionId: string | null;
  orgUnitId: string;
}) {
  return {
    definition: `${state.definitionId}@${state.definitionVersion}`,
    ruleSet: state.ruleSetId,
    personId: state.personId,
    positionId: state.positionId,
    orgUnitId: state.orgUnitId,
  };
}

/**
 * A case's current step with its due day, provisional when the span from the opening day to it
 * crosses a year whose official schedule is not published (the step began on or after opening).
 * A legal limit governing the step caps the day (a deadline stored before the cap was applied
 * too) and is named in `dueLimitedBy` when it is the day; `overdue` once today is past it.
 */
export function currentStepOfCase(
  current: StepDefinition | undefined,
  state: {
    currentStepDueOn: string | null;
    openedOn: string;
    currentStepSince?: string;
    governingDeadline?: GoverningDeadline | null;
  },
  calendar: Pick<WorkingDayCalendar, 'isProvisionalBetween'>,
  today?: string,
) {
  const governing = limitGoverning(current?.id, state.governingDeadline);
  const dueOn = withinGoverningDeadline(current?.id, state.currentStepDueOn, governing);
  const limited = governing !== null && dueOn !== null && dueOn === governing.dueOn;
  return currentStepView(
    current,
    dueOn,
    dueOn !== null && calendar.isProvisionalBetween(state.openedOn, dueOn),
    {
      dueLimitedBy: limited ? governing.rule : null,
      overdue: dueOn !== null && today !== undefined && today > dueOn,
      countedFrom:
        state.currentStepSince !== undefined
          ? { day: state.currentStepSince, since: 'previousStep' }
          : { day: state.openedOn, since: 'opening' },
    },
  );
}
