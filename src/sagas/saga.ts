import { RecordedEvent } from '../event-store/event-envelope';
import { WorkflowCommand } from './workflow-command';

/** Which events a saga sees (both conditions when both are given). */
export interface SagaFilter {
  eventTypes?: string[];
  streamPrefix?: string | string[];
}

export interface SagaTimerRequest {
  /** Selects the timer handler (`step-deadline`, `reappointment-reminder`, `term-end`, `discipline-time-limit`). */
  kind: string;
  /** ISO 8601 instant. */
  dueAt: string;
  /** The case or person stream the timer acts on. */
  target: string;
  payload?: Record<string, unknown>;
  /**
   * What identifies the timer, default the triggering event id. Use a business key
   * (`<caseId>/<stepId>`) when a later event must cancel it: timerId = timerIdFor(cause, kind).
   */
  cause?: string;
  /**
   * Pending timers this one takes over from (a step's deadline, the step before's): they count as
   * cancelled without a Cancel each, one event fewer in the store per step.
   */
  supersedes?: string[];
}

/**
 * What a saga decides, as data; the runner carries it out. Every output gets a deterministic id
 * derived from the saga name and the triggering event id, so redelivery appends nothing twice.
 */
export type SagaOutput =
  /** `key` tells two sends of one event apart (default: the output's index). */
  | { kind: 'Send'; command: WorkflowCommand; key?: string }
  | { kind: 'Schedule'; timer: SagaTimerRequest }
  | { kind: 'Cancel'; timerId: string; reason?: string }
  | { kind: 'Ignore'; reason: string };

export interface SagaContext {
  /** The service clock's time when the event is handled (for computing due dates). */
  now: Date;
}

/**
 * A process manager: reacts to events of other streams with commands and timers. `handle` should
 * be a pure mapping (no I/O); a duplicate input must give the same outputs.
 */
export interface Saga {
  /** Stable id `[a-z][a-z0-9-]*`: names its checkpoint and its dead letters. */
  readonly name: string;
  readonly filter: SagaFilter;
  handle(event: RecordedEvent, context: SagaContext): SagaOutput[] | Promise<SagaOutput[]>;
  /**
   * Which events must be handled in the order they were delivered: those of one key are, one
   * after another; those of different keys may be handled at the same time. An event without a
   * key waits for every event before it and holds back every event after it. A saga without this
   * handles one event at a time. A key must cover every stream the event's outputs write, with all
   * that must follow each other there (e.g. the person whose record a case's note goes on).
   */
  orderingKey?(event: RecordedEvent): string | undefined;
}

export const Send = (command: WorkflowCommand, key?: string): SagaOutput =>
  key === undefined ? { kind: 'Send', command } : { kind: 'Send', command, key };
export const Schedule = (timer: SagaTimerRequest): SagaOutput => ({ kind: 'Schedule', timer });
export const Cancel = (timerId: string, reason?: string): SagaOutput =>
  reason === undefined ? { kind: 'Cancel', timerId } : { kind: 'Cancel', timerId, reason };
export const Ignore = (reason: string): SagaOutput => ({ kind: 'Ignore', reason });

const SAGA_NAME = /^[a-z][a-z0-9-]{0,60}$/;

export function assertValidSaga(saga: Saga): void {
  if (!SAGA_NAME.test(saga.name))
    throw new Error(`saga name "${saga.name}" must match ${SAGA_NAME}`);
}
