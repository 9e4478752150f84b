import { DomainEvent } from '../../../common/stream-decider';
import { noticeDeadline } from '../../reappointment/notice-deadline';
import { reappointmentNoticeSummary } from '../../reappointment/reappointment-notice-summary';
import { correctLastStep, dueOn, endedByStaff, refuse } from '../../../workflow/step-engine';
import {
  refuseNotOpen,
  requireActor,
  requireCloser,
  unreachable,
} from '../../../workflow/step-engine';
import { PersonOfCase, peopleOfCase, peopleOfStepBody, refusePersonOfCase } from './case-people';
import { CaseCommand } from './case.commands';
import { CaseContext } from './case.context';
import { CaseState, ExistingCase } from './case.state';
import { CASE_CORRECTION_KINDS, performStep } from './case.steps';
import { Command, Data, Open } from './case.types';
import { recheckFromRecord, resolveVettingItem } from './case.vetting-resolution';
import { withCaseDecided, workflowFlagEndsOn } from './flag-ends-on';
import { vettingFromRecord } from './vetting-from-record';
import { VettingItem } from '../../../workflow/definitions/procedure-definition';

export function decideCase(
  state: CaseState,
  command: CaseCommand,
  context: CaseContext,
): DomainEvent[] {
  refusePersonOfCase(peopleOfCommand(state, command), context.actor);
  if (command.type === 'OpenCase') return openCase(state, command, context);
  if (state.status === 'none') refuse('case.not_found', 'the case does not exist', 'not_found');
  // A step the case's legal time limit governs is due no later than it.
  context = { ...context, governingDeadline: state.governingDeadline };
  if (command.type === 'CorrectStep') return correct(state, command, context);
  if (state.status !== 'open')
    refuseNotOpen(
      state.status,
      command.type === 'PerformStep' ? command.data.stepId : null,
      context.definition,
      state.status === 'decided' ? state.decision : null,
      context,
    );
  switch (command.type) {
    case 'PerformStep':
      return performStep(state, command.data.stepId, command.data.body, context);
    case 'ResolveVettingItem':
      return resolveVettingItem(state, command, context);
    case 'WithdrawCase':
      requireCloser(context);
      return [
        {
          type: 'CaseWithdrawn',
          data: {
            reason: command.data.reason,
            withdrawnBy: context.actor.userId,
            withdrawnOn: context.today,
          },
        },
      ];
    case 'FlagVettingItemFromRecord':
      return flagFromRecord(state, command, context);
    case 'RecheckVettingItemFromRecord':
      return recheckFromRecord(state, command, context);
    case 'CorrectRenewedTerm':
      return correctRenewedTerm(state, command, context);
    case 'RejectCase':
      return rejectCase(state, command, context);
    default:
      return unreachable(command);
  }
}

/**
 * Whom separation of duties keeps from this command: the person a case opens for, else whom the
 * case names so far and whom the step being recorded (or corrected) names.
 */
function peopleOfCommand(state: CaseState, command: CaseCommand): PersonOfCase[] {
  if (command.type === 'OpenCase')
    return command.data.personId ? [{ personId: command.data.personId, about: 'this case' }] : [];
  const named =
    command.type === 'PerformStep' || command.type === 'CorrectStep'
      ? peopleOfStepBody(command.data.body)
      : [];
  return [...named, ...(state.status === 'none' ? [] : peopleOfCase(state))];
}

/**
 * A correction: of an open case, of one ended by its last step's result (a failed ballot), or of
 * a decided one (where the step engine refuses it, naming why); a case withdrawn or rejected by
 * staff is closed.
 */
function correct(state: ExistingCase, command: Command<'CorrectStep'>, context: CaseContext) {
  return correctLastStep(CASE_CORRECTION_KINDS, state, 'rejected', command.data, context);
}

function openCase(
  state: CaseState,
  command: Command<'OpenCase'>,
  context: CaseContext,
): DomainEvent[] {
  const { definition, actor } = context;
  if (state.status !== 'none')
    refuse('case.exists', `case ${command.data.caseId} already exists`, 'conflict');
  const first = definition.steps[0];
  requireActor(first, context);
  if (!command.data.personId && !definition.fillsPost)
    refuse(
      'field.required',
      `personId: ${definition.id} opens for a person (only a definition that fills a post opens without one)`,
      'invalid',
      'personId',
    );
  const opened: Data<'CaseOpened'> = {
    caseId: command.data.caseId,
    procedure: command.data.procedure,
    definitionId: definition.id,
    definitionVersion: definition.version,
    ruleSetId: context.ruleSet.id,
    personId: command.data.personId,
    positionId: command.data.positionId,
    orgUnitId: command.data.orgUnitId,
    openedOn: context.today,
    summary: command.data.summary,
    openedBy: actor.userId,
    firstStepId: first.id,
    firstStepDueOn: dueOn(first, {
      ...context,
      governingDeadline: command.data.governingDeadline ?? null,
    }),
    ...(command.data.governingDeadline
      ? { governingDeadline: command.data.governingDeadline }
      : {}),
    ...(command.data.facts ? { facts: command.data.facts } : {}),
    ...(command.data.recordedFromPaper
      ? { recordedFromPaper: command.data.recordedFromPaper }
      : {}),
    ...(definition.fillsPost ? { fillsPost: true } : {}),
  };
  return [{ type: 'CaseOpened', data: opened }];
}

/** A workflow's flag from the person's record; the same open flag again appends nothing. */
function flagFromRecord(
  state: Open,
  command: Command<'FlagVettingItemFromRecord'>,
  context: CaseContext,
): DomainEvent[] {
  // A procedure without vetting (a dismissal, an extension) has no item a flag could block, nor
  // does a vetting that does not check the item (a pool flag on a case that asks no pool).
  const vetting = context.definition.steps.find((step) => step.kind === 'vetting');
  if (!vetting || !(vetting.vettingItems ?? []).includes(command.data.item)) return [];
  // The item judged as vetting judges it, on the record read with the command and the carried
  // case taken as decided: a bar that does not cover the case's post (a reprimand's, on a post not
  // higher than the one held), or a pool entry left for it, flags nothing. Before, every open
  // case was flagged and staff had to have the flag read again to clear it.
  if (context.personFacts && !borneOutByRecord(state, command.data, context)) return [];
  const entry = state.vetting[command.data.item];
  // A pool item flagged before (staff may have resolved it): the record bore it out no more then
  // than now, and the entries taken off were not what it stood on.
  if (command.data.item === 'planning_pool' && entry?.result === 'flagged') return [];
  if (entry && entry.result === 'flagged' && !entry.resolved && entry.note === command.data.note)
    return [];
  const { item, note } = command.data;
  // The record, read with the command, says when the flag ends by time (a bar running to a day).
  const endsOn = context.personFacts
    ? workflowFlagEndsOn(
        context.personFacts,
        context.ruleSet,
        context.today,
        command.data,
        state.procedure === 'appointment',
      )
    : undefined;
  return [
    {
      type: 'VettingItemFlaggedFromRecord',
      data: {
        item,
        note,
        flaggedOn: context.today,
        causeRef: command.data.causeRef,
        ...(endsOn ? { endsOn } : {}),
      },
    },
  ];
}

/** Whether the record, the carried discipline case taken as decided, flags the item. */
function borneOutByRecord(
  state: Open,
  flag: { item: VettingItem; causeRef: string },
  context: CaseContext,
): boolean {
  const [read] = vettingFromRecord(
    withCaseDecided(context.personFacts!, flag.causeRef),
    context.ruleSet,
    context.today,
    [flag.item],
    state.procedure === 'appointment',
  );
  // An item the record does not decide is the workflow's word alone.
  return read === undefined || read.result === 'flagged';
}

/**
 * A re-appointment follows the term it renews as the record now gives it: the corrected end
 * replaces the one it opened with. The same end again (a redelivery) appends nothing, and a case
 * of another procedure or one whose opening named no term end has nothing to follow.
 */
function correctRenewedTerm(
  state: Open,
  command: Command<'CorrectRenewedTerm'>,
  context: CaseContext,
): DomainEvent[] {
  const previousTermEnd = state.openFacts.termEnd;
  if (state.procedure !== 'reappointment' || typeof previousTermEnd !== 'string') return [];
  if (previousTermEnd === command.data.termEnd) return [];
  const { termEnd } = command.data;
  // The notice deadline follows the end: before, a case whose term was moved earlier kept a
  // deadline after its term's end and was not shown as opened late.
  const deadline =
    typeof state.openFacts.openBy === 'string'
      ? noticeDeadline(context.ruleSet, context.calendar, termEnd, state.openedOn)
      : {};
  const noticeSummary = state.summary === reappointmentNoticeSummary(previousTermEnd);
  return [
    {
      type: 'RenewedTermCorrected',
      data: {
        previousTermEnd,
        termEnd,
        decisionRef: command.data.decisionRef,
        correctedOn: context.today,
        ...deadline,
        ...(noticeSummary ? { summary: reappointmentNoticeSummary(termEnd) } : {}),
      },
    },
  ];
}

function rejectCase(
  state: Open,
  command: Command<'RejectCase'>,
  context: CaseContext,
): DomainEvent[] {
  const names = { by: 'rejectedBy', on: 'rejectedOn' };
  const end = { rule: 'case.rejected_by_staff', reason: command.data.reason };
  return [endedByStaff('CaseRejected', names, state, context, end)];
}
