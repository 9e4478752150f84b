/**
 * What every stored event carries. Data is business content; metadata says who did it, why
 * (correlation/causation) and under which rule version, so an auditor can replay any decision.
 */
export interface EventMetadata {
  /** Who performed the step (user id, or `system:<saga>` for process managers). */
  actorId: string;
  /**
   * The actor's name as their sign-in token gave it (the `name` claim), so a history names who
   * acted; absent when the token had none, for system writers, and on events written before Dec 2026.
   */
  actorName?: string;
  roles?: string[];
  orgUnit?: string;
  /** Groups every event caused by one user request or one saga chain. */
  correlationId: string;
  /** The event id or request id that directly caused this event. */
  causationId: string | null;
  /** Business time of the step (ISO 8601), supplied by the caller's clock, never read in the domain. */
  occurredAt: string;
  /** `definitionId@version` and rule set id of the case, when the event belongs to a case. */
  definitionVersion?: string;
  ruleSet?: string;
  /**
   * W3C trace context of the append (only while tracing is on), so the projection or saga that
   * handles the event continues the request's trace. Operational, not evidence: the hash chain
   * leaves it out (see hash-chain.ts), so a retried append from another request still matches.
   */
  traceparent?: string;
  /**
   * The sagas whose outputs for this event were written in the event's own write (all or
   * nothing), so they do not carry them out again: `step-deadlines` when a step wrote its
   * deadline timers itself (`StepTimersAlongside`).
   */
  writtenWith?: string[];
  [extra: string]: unknown;
}

/** The metadata of an event the service writes of its own accord (a `system:<name>` actor, no cause). */
export function systemMetadata(actorId: string, correlationId: string, at: Date): EventMetadata {
  return { actorId, correlationId, causationId: null, occurredAt: at.toISOString() };
}

/** An event about to be appended. `id` is the idempotency key. */
export interface NewEvent<TData extends object = Record<string, unknown>> {
  id: string;
  type: string;
  /** Schema version of `data`; defaults to 1. Older versions are upcast on read. */
  schemaVersion?: number;
  data: TData;
  metadata: EventMetadata;
}

/** An event as read back from the store. */
export interface RecordedEvent<TData extends object = Record<string, unknown>> {
  id: string;
  streamId: string;
  /** 0-based position in its stream (EventStoreDB's "revision"). */
  revision: number;
  /** Opaque, totally ordered position in the whole store ($all). Store it as a checkpoint. */
  position: string;
  type: string;
  schemaVersion: number;
  data: TData;
  metadata: EventMetadata;
  /** When the store committed the event (ISO 8601). */
  recordedAt: string;
  /** SHA-256 chained to the previous event of the same stream, hex. */
  hash: string;
}
