import { ProcedureDefinition, StepDefinition } from '../definitions/procedure-definition';
import { requireActor } from './actors';
import { dueOn } from './deadlines';
import { refuse } from './refuse';
import { StepContext } from './step-context';
import { stepVisits } from './step-visits';
import { EndingNames, StepBodyRecord, StepPosition, StepRecord, endedAtStep } from './step-record';

export function stepById(
  definition: ProcedureDefinition,
  stepId: string,
): StepDefinition | undefined {
  return definition.steps.find((step) => step.id === stepId);
}

/** A step begun: its definition and the record every step event of it starts with. */
export interface BegunStep {
  step: StepDefinition;
  /** The step record; `moves`: the case goes on to the next step (else it stays on this one). */
  record(moves: boolean): StepRecord;
  /** The event ending the case at this step, by this actor, today (see `endedAtStep`). */
  ends<T extends string>(
    type: T,
    names: EndingNames,
    rule: string,
    reason: string,
  ): { type: T; data: Record<string, unknown> };
}

export interface PrologueOptions {
  /** Name the current step in the refusal's details when the step is out of order. */
  currentStepInDetails?: boolean;
  /**
   * Who may take the step: by default one of its roles (`requireActor`); a correction, which
   * takes the step again on the case as it stood before, is authorised by the definition's
   * `corrections` instead.
   */
  authorise?: (step: StepDefinition, context: StepContext) => void;
}

/**
 * The checks every step of every procedure goes through before its kind's own rules: the step
 * exists, is the current one and of the body's kind, the actor may take it, the definition's
 * required fields are there, and it was held neither after today nor before its step became current.
 */
export function beginStep(
  position: StepPosition,
  stepId: string,
  body: StepBodyRecord,
  context: StepContext,
  options: PrologueOptions = {},
): BegunStep {
  const step = currentStep(position, stepId, context.definition, options);
  if (body.kind !== step.kind)
    refuse(
      'step.wrong_kind',
      `step ${step.id} is a ${step.kind} step, not ${body.kind}`,
      'invalid',
      'kind',
    );
  (options.authorise ?? requireActor)(step, context);
  requireFields(step, body);
  if (body.heldOn > context.today)
    refuse(
      'step.in_the_future',
      `heldOn: ${body.heldOn} is after today (${context.today})`,
      'invalid',
      'heldOn',
    );
  refuseHeldBeforeCurrent(position, step, body.heldOn);
  const next = context.definition.steps[position.currentStep + 1];
  const record = (moves: boolean): StepRecord =>
    withVisits(position, {
      stepId: step.id,
      heldOn: body.heldOn,
      ...(body.minutesRef ? { minutesRef: body.minutesRef } : {}),
      ...(body.note ? { note: body.note } : {}),
      recordedBy: context.actor.userId,
      ...(context.actor.name ? { recordedByName: context.actor.name } : {}),
      ...(context.actor.personId ? { recordedByPerson: context.actor.personId } : {}),
      nextStepId: moves ? (next?.id ?? null) : step.id,
      // The next step became current on the day this one was held (not the day it was typed in),
      // so a step recorded after the fact, from paper, gets the deadline it really had.
      nextStepDueOn: moves
        ? dueOn(next, { ...context, today: body.heldOn })
        : position.currentStepDueOn,
    });
  const ends = <T extends string>(type: T, names: EndingNames, rule: string, reason: string) =>
    endedAtStep(type, names, {
      rule,
      reason,
      stepId: step.id,
      actorId: context.actor.userId,
      today: context.today,
    });
  return { step, record, ends };
}

/** A step record with its step's visit and the next step's (`stepVisits`), only where not the first. */
export function withVisits(position: StepPosition, record: StepRecord): StepRecord {
  const { stepVisit: _stepVisit, nextStepVisit: _nextStepVisit, ...rest } = record;
  return { ...rest, ...stepVisits(position, record.stepId, record.nextStepId) };
}

/**
 * A step is held on or after the day it became current: the day the step before it was held, and
 * for the first step the day the case was opened (`openedOn`). Its `heldOn` sets the next step's
 * deadline, so a day before that would date the case's history backwards and make the next step
 * overdue from the start. A first meeting held before the case was opened here belongs to a case
 * that began on paper: the records clerk opens it as of the day it began. A procedure without
 * that opening names its own earliest day (`firstStepFrom`).
 */
function refuseHeldBeforeCurrent(position: StepPosition, step: StepDefinition, heldOn: string) {
  if (position.currentStepSince !== undefined) {
    if (heldOn < position.currentStepSince)
      refuse(
        'step.held_before_current',
        `heldOn: ${heldOn} is before ${position.currentStepSince}, the day the step before ${step.id} was held`,
        'invalid',
        'heldOn',
      );
    return;
  }
  const { firstStepFrom, openedOn, recordedFromPaper } = position;
  if (firstStepFrom) {
    if (heldOn < firstStepFrom.day)
      refuse(
        'step.held_before_opening',
        `heldOn: ${heldOn} is before ${firstStepFrom.day} (${firstStepFrom.field}), the earliest day of the case's first step ${step.id}`,
        'invalid',
        'heldOn',
      );
  } else if (heldOn < openedOn)
    refuse(
      'step.held_before_opening',
      recordedFromPaper
        ? `heldOn: ${heldOn} is before ${openedOn}, the day the case began (openedOn, from paper)`
        : `heldOn: ${heldOn} is before ${openedOn}, the day the case was opened (openedOn); a case that began earlier on paper is opened by a records clerk as of the day it began`,
      'invalid',
      'heldOn',
    );
}

function currentStep(
  position: StepPosition,
  stepId: string,
  definition: ProcedureDefinition,
  options: PrologueOptions,
): StepDefinition {
  const step = stepById(definition, stepId);
  if (!step)
    refuse(
      'step.unknown',
      `${definition.id}@${definition.version} has no step "${stepId}"`,
      'not_found',
      'stepId',
    );
  const current = definition.steps[position.currentStep];
  if (step.id !== current.id) {
    const done = definition.steps.findIndex((s) => s.id === step.id) < position.currentStep;
    refuse(
      'step.out_of_order',
      done
        ? `step ${step.id} is already done; the current step is ${current.id}`
        : `step ${step.id} cannot be taken yet; the current step is ${current.id}`,
      'conflict',
      'stepId',
      ...(options.currentStepInDetails ? [{ currentStep: current.id }] : []),
    );
  }
  return step;
}

function requireFields(step: StepDefinition, body: StepBodyRecord): void {
  for (const field of step.requiredFields) {
    const value = (body as unknown as Record<string, unknown>)[field];
    if (value === undefined || value === null || value === '')
      refuse('field.required', `${field}: step ${step.id} requires it`, 'invalid', field);
  }
}

/**
 * A step asked of a case that is no longer open: a second decision is "already issued" (naming
 * it), anything else finds the case closed. Who may not take the step at all is told so first
 * (403 `step.role_not_allowed`, as on an open case), not what state the case is in: before, a
 * ballot secretary sending a decision after it was issued was answered 409
 * `decision.already_issued`.
 */
export function refuseNotOpen(
  status: string,
  stepId: string | null,
  definition: ProcedureDefinition,
  decision: { number: string; heldOn: string } | null,
  /** The caller's context, to check their role for the step asked before the case's state. */
  context?: StepContext,
): never {
  const step = stepId !== null ? stepById(definition, stepId) : undefined;
  if (step && context) requireActor(step, context);
  if (decision && step?.kind === 'decision') {
    refuse(
      'decision.already_issued',
      `the decision was already issued (${decision.number} of ${decision.heldOn})`,
      'conflict',
    );
  }
  refuse('case.closed', `the case is ${status}; no further step can be taken`, 'conflict');
}

/** Whether a decision was signed before it takes effect (both procedures refuse the reverse). */
export function refuseEffectiveBeforeSigned(body: { effectiveFrom: string; heldOn: string }): void {
  if (body.effectiveFrom < body.heldOn)
    refuse(
      'decision.effective_before_signed',
      `effectiveFrom: ${body.effectiveFrom} is before the decision date ${body.heldOn}`,
      'invalid',
      'effectiveFrom',
    );
}

/** A decision's record: the step record (the case moves past its last step), number and signer. */
export function signedDecision(begun: BegunStep, body: { number: string; signer: string }) {
  return { ...begun.record(true), number: body.number, signer: body.signer };
}
