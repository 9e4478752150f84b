import { DomainEvent } from '../../common/stream-decider';
import { BegunStep, PrologueOptions, beginStep } from './prologue';
import { StepContext } from './step-context';
import { StepBodyRecord, StepPosition } from './step-record';

/**
 * A procedure's step kinds as a table: for each kind of body, what taking such a step decides.
 * Every kind of the procedure's body union must have an entry (the mapped type says so).
 */
export type StepKindTable<S, B extends StepBodyRecord, C extends StepContext> = {
  [K in B['kind']]: (
    state: S,
    begun: BegunStep,
    body: Extract<B, { kind: K }>,
    context: C,
  ) => DomainEvent[];
};

/** Takes a step of an open case: the engine's prologue, then the step kind's entry of the table. */
export function performStepWith<
  S extends StepPosition,
  B extends StepBodyRecord,
  C extends StepContext,
>(
  table: StepKindTable<S, B, C>,
  state: S,
  step: { stepId: string; body: B },
  context: C,
  options: PrologueOptions = {},
): DomainEvent[] {
  const begun = beginStep(state, step.stepId, step.body, context, options);
  const decide = table[step.body.kind as B['kind']] as (
    state: S,
    begun: BegunStep,
    body: B,
    context: C,
  ) => DomainEvent[];
  return decide(state, begun, step.body, context);
}
