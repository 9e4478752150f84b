import { DomainEvent } from '../../common/stream-decider';

/**
 * What a case remembers of its last performed step, so that step can be corrected: the case as
 * it stood just before it (a correction takes the step again from there) and the step's event
 * as it now stands (the original, or the latest correction).
 */
export interface LastStep<S> {
  stepId: string;
  before: S;
  event: DomainEvent;
  /** An event after the step that changed the case (a vetting item resolved, a staff rejection): the step can no longer be corrected. */
  laterEvent?: string;
}

/** A state that follows its last step (both procedures' case states). */
export interface FollowsLastStep<S> {
  lastStep: LastStep<S> | null;
}

/** How a procedure's events bear on its last step. */
export interface StepEventKinds {
  /** Events that record a step (their data has `stepId`). */
  steps: readonly string[];
  /** Events written with a step as its consequence (the case ended by a failed ballot) or that change nothing. */
  keepsLastStep(event: DomainEvent): boolean;
}

/**
 * The state after `event`, with its last step followed: a step event becomes the last step
 * (remembering `before`), an event that keeps it leaves it, any other marks it as overtaken.
 */
export function followLastStep<S extends FollowsLastStep<S>>(
  before: S,
  after: S,
  event: DomainEvent,
  kinds: StepEventKinds,
): S {
  if (kinds.steps.includes(event.type)) {
    const stepId = String(event.data.stepId);
    return { ...after, lastStep: { stepId, before: { ...before, lastStep: null }, event } };
  }
  if (!after.lastStep || kinds.keepsLastStep(event)) return after;
  return { ...after, lastStep: { ...after.lastStep, laterEvent: event.type } };
}
