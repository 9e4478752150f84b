import { DomainEvent } from '../../common/stream-decider';
import { ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { endOfPeriod, PeriodUnit } from '../../workflow/rules/rule-period';
import { correctLastStep, dueOn, endedByStaff, refuse } from '../../workflow/step-engine';
import {
  refuseNotOpen,
  refuseSubject,
  requireActor,
  unreachable,
} from '../../workflow/step-engine';
import { fileComplaint, reviewComplaint } from './discipline.complaint';
import { DisciplineCommand } from './discipline.commands';
import { DisciplineContext } from './discipline.context';
import { leftServiceAtOpening } from './left-service';
import { DisciplineState } from './discipline.state';
import { DISCIPLINE_STEP_KINDS, performStep } from './discipline.steps';
import { Command, Data, Existing, Track } from './discipline.types';
import { Violation } from './discipline.events';
import { partyDisciplineOfNonMember } from './party-discipline-subject';
import { currentStepDueUnder, disciplineTimeLimit } from './discipline-time-limit';
import { refuseViolationAlreadyHandled } from './violation-handled-once';
import { evolveDiscipline } from './discipline.evolve';

/** The time to decide (`discipline.decideDays`): so many units from detection, extendable once. */
interface TimeToDecide {
  standard: number;
  extended: number;
  unit: PeriodUnit;
}

export function decideDiscipline(
  state: DisciplineState,
  command: DisciplineCommand,
  context: DisciplineContext,
): DomainEvent[] {
  const { definition } = context;
  refuseSubject(
    command.type === 'OpenDisciplineCase'
      ? command.data.personId
      : state.status === 'none'
        ? ''
        : state.personId,
    context,
  );
  const track = definition.discipline;
  if (!track)
    throw new Error(
      `definition ${definition.id}@${definition.version} is not a discipline procedure`,
    );
  if (command.type === 'OpenDisciplineCase') return openCase(state, command, track, context);
  if (state.status === 'none') refuse('case.not_found', 'the case does not exist', 'not_found');
  // Every step a command moves the case to is due no later than the case's time to decide.
  context = {
    ...context,
    governingDeadline: disciplineTimeLimit(state.decideBy, definition),
  };
  switch (command.type) {
    case 'PerformDisciplineStep':
      if (state.status !== 'open')
        refuseNotOpen(
          state.status,
          command.data.stepId,
          definition,
          state.status !== 'closed' && state.status !== 'time_barred' ? state.decision : null,
          context,
        );
      return performStep(state, command.data.stepId, command.data.body, context);
    case 'CorrectDisciplineStep':
      return correct(state, command, context);
    case 'ExtendTimeLimit':
      return extendTimeLimit(state, command, track, context);
    case 'FileComplaint':
      return fileComplaint(state, command, track, context);
    case 'ReviewComplaint':
      return reviewComplaint(state, command, track, context);
    case 'CloseDisciplineCase':
      return closeCase(state, command, context);
    case 'RecordTimeLimitMissed':
      return timeLimitMissed(state, command);
    default:
      return unreachable(command);
  }
}

/**
 * A correction: of an open case, of one closed by its last step's result (violation not
 * confirmed, no form reached), or of a decided one (where the step engine refuses it, naming
 * why); a case closed by staff, under review or annulled cannot be corrected.
 */
function correct(
  state: Existing,
  command: Command<'CorrectDisciplineStep'>,
  context: DisciplineContext,
): DomainEvent[] {
  // Closed or time-barred by its last step: correcting that step may reopen it.
  const events = correctLastStep(
    DISCIPLINE_STEP_KINDS,
    state,
    ['closed', 'time_barred'],
    command.data,
    context,
  );
  // Reopened, it handles its violation again: not while another case of the track handles it.
  if (state.status !== 'open' && events.reduce(evolveDiscipline, state).status === 'open')
    refuseViolationAlreadyHandled(state, context.otherDisciplineCases);
  return events;
}

function openCase(
  state: DisciplineState,
  command: Command<'OpenDisciplineCase'>,
  track: Track,
  context: DisciplineContext,
): DomainEvent[] {
  const { definition, ruleSet, actor, today } = context;
  if (state.status !== 'none')
    refuse('case.exists', `case ${command.data.caseId} already exists`, 'conflict');
  const first = definition.steps[0];
  requireActor(first, context);
  const { violation } = command.data;
  refuseNonMember(track, command.data.personId, context);
  refuseViolationDays(violation, today);
  refuseViolationAlreadyHandled(
    { caseId: command.data.caseId, track: track.track, violation },
    context.otherDisciplineCases,
    'violation',
  );
  const decideFrom = violation.detectedOn ?? today;
  const leftService = leftServiceAtOpening(command, track, context, decideFrom);
  // Only a track with a time limit has (and reads) one; it runs from detection, not opening.
  const decideDays = track.timeLimit
    ? ruleValue<TimeToDecide>(ruleSet, 'discipline.decideDays')
    : null;
  const decideBy = decideDays
    ? endOfPeriod(context.calendar, decideFrom, decideDays.standard, decideDays.unit)
    : null;
  const opened: Data<'DisciplineCaseOpened'> = {
    caseId: command.data.caseId,
    procedure: 'discipline',
    definitionId: definition.id,
    definitionVersion: definition.version,
    ruleSetId: ruleSet.id,
    track: track.track,
    personId: command.data.personId,
    positionId: command.data.positionId,
    orgUnitId: command.data.orgUnitId,
    electedCadre: command.data.electedCadre,
    serviceStatus:
      command.data.serviceStatus ?? (command.data.electedCadre ? 'cadre' : 'civil_servant'),
    ...(leftService ? { leftService } : {}),
    violation: { ...violation, detectedOn: decideFrom },
    // Judged on the form voted or decided (discipline-limitation.ts), not on a severity typed in.
    limitation: null,
    openedOn: today,
    openedBy: actor.userId,
    summary: command.data.summary,
    decideFrom,
    decideBy,
    firstStepId: first.id,
    firstStepDueOn: dueOn(first, {
      ...context,
      governingDeadline: disciplineTimeLimit(decideBy, definition),
    }),
  };
  return [{ type: 'DisciplineCaseOpened', data: opened }];
}

/** The violation's days: none after today; detection and later violations not before it. */
/** A Party case for a person the record says is not a Party member (party-discipline-subject.ts). */
function refuseNonMember(track: Track, personId: string, context: DisciplineContext): void {
  const nonMember = partyDisciplineOfNonMember(track.track, personId, context.partyMember);
  if (nonMember) refuse(nonMember.rule, nonMember.message, 'unprocessable', 'personId');
}

function refuseViolationDays(violation: Violation, today: string): void {
  const days: [string, string | undefined][] = [
    ['violation.committedOn', violation.committedOn],
    ['violation.detectedOn', violation.detectedOn],
    ...(violation.laterViolationsOn ?? []).map((day, i): [string, string] => [
      `violation.laterViolationsOn[${i}]`,
      day,
    ]),
  ];
  for (const [field, day] of days) {
    if (day !== undefined && day > today)
      refuse(
        field === 'violation.committedOn'
          ? 'discipline.violation_in_future'
          : 'field.in_the_future',
        `${field}: ${day} is after today (${today})`,
        'invalid',
        field,
      );
    if (day !== undefined && field !== 'violation.committedOn' && day < violation.committedOn)
      refuse(
        'field.before_violation',
        `${field}: ${day} is before the violation (${violation.committedOn})`,
        'invalid',
        field,
      );
  }
}

function extendTimeLimit(
  state: Existing,
  command: Command<'ExtendTimeLimit'>,
  track: Track,
  context: DisciplineContext,
): DomainEvent[] {
  const { definition, ruleSet, actor, today } = context;
  if (state.status !== 'open')
    refuse('case.closed', `the case is ${state.status}; the time limit no longer runs`, 'conflict');
  if (!track.timeLimit || !state.decideBy)
    refuse(
      'discipline.no_time_limit',
      `the ${track.track} track of ${definition.id} has no time limit to extend`,
      'unprocessable',
    );
  if (state.timeLimitExtended)
    refuse(
      'discipline.time_limit_already_extended',
      `the time limit was already extended once, to ${state.decideBy}`,
      'conflict',
    );
  requireActor(definition.steps[definition.steps.length - 1], context);
  const days = ruleValue<TimeToDecide>(ruleSet, 'discipline.decideDays');
  const to = endOfPeriod(
    context.calendar,
    state.decideFrom ?? state.openedOn,
    days.extended,
    days.unit,
  );
  return [
    {
      type: 'DisciplineTimeLimitExtended',
      data: {
        from: state.decideBy,
        to,
        ...currentStepDueUnder(state, to, context),
        reason: command.data.reason,
        extendedBy: actor.userId,
        extendedOn: today,
        citation: ruleCitation(ruleSet, 'discipline.decideDays'),
      },
    },
  ];
}

function closeCase(
  state: Existing,
  command: Command<'CloseDisciplineCase'>,
  context: DisciplineContext,
): DomainEvent[] {
  if (state.status !== 'open')
    refuse('case.closed', `the case is ${state.status}; it cannot be closed again`, 'conflict');
  // Once the collective has voted a form, the authority decides: staff do not set a vote aside.
  if (state.ballot?.outcome === 'form_chosen')
    refuse(
      'discipline.close_after_form_ballot',
      // Neither the form nor the counts: an unannounced ballot is withheld from staff.
      `the ballot has chosen a form; the case ends with the deciding authority's decision, and a mistyped ballot is corrected (POST /discipline-cases/${state.caseId}/steps/${state.ballot.stepId}/corrections)`,
      'conflict',
    );
  const names = { by: 'closedBy', on: 'closedOn' };
  const end = { rule: 'discipline.closed_by_staff', reason: command.data.reason };
  return [endedByStaff('DisciplineCaseClosed', names, state, context, end)];
}

/** The time-limit timer fired: recorded once, and only while that limit still runs. */
function timeLimitMissed(
  state: Existing,
  command: Command<'RecordTimeLimitMissed'>,
): DomainEvent[] {
  if (
    state.status !== 'open' ||
    state.decideBy !== command.data.dueOn ||
    state.missedDeadlines.includes('time-limit')
  )
    return [];
  return [
    {
      type: 'DeadlineMissed',
      data: {
        caseId: state.caseId,
        stepId: 'time-limit',
        dueOn: command.data.dueOn,
        missedAt: command.data.missedAt,
      },
    },
  ];
}
