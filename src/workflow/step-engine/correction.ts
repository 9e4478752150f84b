import { DomainEvent } from '../../common/stream-decider';
import { ProcedureDefinition, StepDefinition } from '../definitions/procedure-definition';
import { LastStep } from './last-step';
import { decisionNotCorrectedWords } from './decision-not-corrected';
import { refuseNotOpen, stepById } from './prologue';
import { refuse } from './refuse';
import { StepContext } from './step-context';
import { StepKindTable, performStepWith } from './step-kinds';
import { StepBodyRecord, StepPosition } from './step-record';
import { StepHistory, currentVisit } from './step-visits';

/** A correction asked of a case: which step, the corrected body, and why. */
export interface StepCorrection<B> {
  stepId: string;
  body: B;
  reason: string;
}

/** The event that replaces a step's effect; the original stays in the stream before it. */
export interface StepCorrectedData {
  stepId: string;
  reason: string;
  correctedBy: string;
  /**
   * The corrector's name when their token gave one: a screen names the corrector by it, as a
   * complaint names who recorded it (`recordedByName`); a user id alone ("staff-1") tells a
   * reader nothing. Corrections recorded before it, or by a token without a name, have the id only.
   */
  correctedByName?: string;
  correctedOn: string;
  /** The type of the event it replaces (the original, or an earlier correction's). */
  replaces: string;
  /** Where the replaced version had sent the case (what a deadline or a list must undo). */
  replacedNextStepId: string | null;
  /** The replaced version's `nextStepVisit` (absent: the first visit): whose timer a deadline must undo. */
  replacedNextStepVisit?: number;
  /**
   * The visit of the step the corrected version leaves current (the next step, or the corrected
   * step itself when the case goes back to it), counted with the versions corrections replaced
   * (`currentVisit`): its deadline timer is that visit's, so leaving the step cancels it. Absent
   * on corrections recorded before it (their timers are the correction's own) and when the
   * corrected version leaves no step current.
   */
  nextStepVisit?: number;
  /** The step's event as the corrected body records it, judged again by the step's rules. */
  corrected: DomainEvent;
}

/** The definition's correctors: one of its roles, and a grant reaching the case's unit where it says so. */
export function requireCorrector(definition: ProcedureDefinition, context: StepContext): void {
  const correctors = definition.corrections;
  if (!correctors)
    refuse(
      'step.corrections_not_provided',
      `${definition.id}@${definition.version} names no role that may correct a step`,
      'unprocessable',
    );
  if (!context.actor.roles.some((role) => correctors.roles.includes(role)))
    refuse(
      'step.correction_role_not_allowed',
      `a step of ${definition.id} is corrected by ${correctors.roles.join(' or ')}; you act as ${context.actor.roles.join(', ') || 'no role'}`,
      'forbidden',
    );
  if (correctors.scope === 'case-unit' && !context.actorReachesCaseUnit)
    refuse(
      'step.out_of_scope',
      `your grant for org unit ${context.actor.orgUnit} does not cover this case's org unit`,
      'forbidden',
    );
}

/**
 * Corrects the last performed step: the corrected body goes through the same prologue and the
 * same kind rules as the original, on the case as it stood before the step (a ballot is judged
 * again by its vote rule). Its step event travels inside `StepCorrected`; what the step's result
 * brings with it (the case ended by a still-failing ballot) follows as before.
 */
export function correctStepWith<
  S extends StepPosition,
  B extends StepBodyRecord,
  C extends StepContext,
>(
  table: StepKindTable<S, B, C>,
  lastStep: LastStep<S> | null,
  correction: StepCorrection<B>,
  context: C,
  history: StepHistory = {},
): DomainEvent[] {
  requireCorrector(context.definition, context);
  const step = correctableStep(lastStep, correction.stepId, context.definition, context.today);
  const last = lastStep!;
  const [performed, ...consequences] = performStepWith(
    table,
    last.before,
    { stepId: step.id, body: correction.body },
    context,
    { authorise: () => undefined },
  );
  const { corrected, nextStepVisit } = withCorrectedVisits(performed, last, history);
  const data: StepCorrectedData = {
    stepId: step.id,
    reason: correction.reason,
    correctedBy: context.actor.userId,
    ...(context.actor.name ? { correctedByName: context.actor.name } : {}),
    correctedOn: context.today,
    replaces: last.event.type,
    replacedNextStepId: (last.event.data.nextStepId as string | null | undefined) ?? null,
    ...(typeof last.event.data.nextStepVisit === 'number'
      ? { replacedNextStepVisit: last.event.data.nextStepVisit }
      : {}),
    ...(nextStepVisit !== undefined ? { nextStepVisit } : {}),
    corrected,
  };
  return [
    { type: 'StepCorrected', data: data as unknown as Record<string, unknown> },
    ...consequences,
  ];
}

/**
 * The corrected version's visits, counted on the case as the correction leaves it (the version
 * it replaces among the corrections), not on the case before the step it was judged on: a ballot
 * corrected to a failure and back to a pass sends the case to vetting a second time. Each is the
 * visit the case is on (`currentVisit`); where 1, absent, as a step event writes it.
 */
function withCorrectedVisits(
  performed: DomainEvent,
  last: LastStep<StepHistory>,
  history: StepHistory,
): { corrected: DomainEvent; nextStepVisit?: number } {
  const { stepVisit: _stepVisit, nextStepVisit: _nextStepVisit, ...data } = performed.data;
  const stepId = String(data.stepId);
  const nextStepId = (data.nextStepId as string | null | undefined) ?? null;
  const after: StepHistory = {
    steps: [...(last.before.steps ?? []), performed],
    corrections: [
      ...(history.corrections ?? []),
      { replaced: last.event, correctedNextStepId: nextStepId },
    ],
  };
  const visit = currentVisit(after, stepId);
  const nextVisit = nextStepId ? currentVisit(after, nextStepId) : undefined;
  return {
    corrected: {
      ...performed,
      data: {
        ...data,
        ...(visit > 1 ? { stepVisit: visit } : {}),
        ...(nextStepId !== stepId && nextVisit && nextVisit > 1
          ? { nextStepVisit: nextVisit }
          : {}),
      },
    },
    nextStepVisit: nextVisit,
  };
}

/** The step may be corrected: it is the last one performed, nothing changed the case since, and it is no decision. */
function correctableStep(
  last: LastStep<unknown> | null,
  stepId: string,
  definition: ProcedureDefinition,
  today: string,
): StepDefinition {
  const step = stepById(definition, stepId);
  if (!step)
    refuse(
      'step.unknown',
      `${definition.id}@${definition.version} has no step "${stepId}"`,
      'not_found',
      'stepId',
    );
  const index = (id: string) => definition.steps.findIndex((s) => s.id === id);
  if (!last || index(stepId) > index(last.stepId))
    refuse('step.not_performed', `step ${stepId} has not been performed yet`, 'conflict', 'stepId');
  if (last.stepId !== stepId)
    refuse(
      'step.correction_after_later_step',
      `step ${stepId} cannot be corrected: a later step (${last.stepId}) has been performed since`,
      'conflict',
      'stepId',
      { lastStep: last.stepId },
    );
  if (step.kind === 'decision')
    refuse(
      'step.correction_of_decision',
      decisionNotCorrectedWords(stepId, last.event, today),
      'unprocessable',
      'stepId',
    );
  if (last.laterEvent)
    refuse(
      'step.correction_after_later_step',
      `step ${stepId} cannot be corrected: the case changed since (${last.laterEvent})`,
      'conflict',
      'stepId',
      { laterEvent: last.laterEvent },
    );
  return step;
}

/**
 * A correction of a case's last performed step: the case must be open, decided (where the step
 * engine refuses it, naming why) or ended by that step's own result — `endedByStep` is the status
 * such a result leaves (a failed ballot, an unconfirmed violation). A case closed by staff is not.
 */
export function correctLastStep<
  S extends StepPosition,
  B extends StepBodyRecord,
  C extends StepContext,
>(
  table: StepKindTable<S, B, C>,
  state: { status: string; lastStep: LastStep<unknown> | null } & StepHistory,
  endedByStep: string | readonly string[],
  correction: StepCorrection<B>,
  context: C,
): DomainEvent[] {
  const ended = typeof endedByStep === 'string' ? [endedByStep] : endedByStep;
  const endedByLastStep = ended.includes(state.status) && !state.lastStep?.laterEvent;
  if (state.status !== 'open' && state.status !== 'decided' && !endedByLastStep)
    refuseNotOpen(state.status, null, context.definition, null);
  // A step is only ever performed on an open case, so the case before it was open.
  return correctStepWith(table, state.lastStep as LastStep<S> | null, correction, context, state);
}
