import { EventMetadata } from '../../event-store/event-envelope';

/** A due timer as its handler sees it. */
export interface FiringTimer {
  timerId: string;
  kind: string;
  target: string;
  dueAt: Date;
  payload: Record<string, unknown>;
}

export interface TimerHandlerContext {
  /**
   * Seed for the ids of everything the handler appends (pass it as `idSeed` to
   * `runStreamCommand`): a second delivery of the same timer then appends nothing.
   */
  idSeed: string;
  /** Metadata for the handler's events: actor `system:timer:<kind>`, caused by the TimerScheduled event. */
  metadata: EventMetadata;
  /** The clock's time at firing. */
  now: Date;
}

/**
 * What happens when a timer of one kind is due. Must be idempotent by `context.idSeed`: it may run
 * more than once (retries, redelivery after a crash or a lost Redis). Throwing retries it with
 * backoff, then parks it in `dead_letters`.
 */
export type TimerHandler = (timer: FiringTimer, context: TimerHandlerContext) => Promise<void>;

/** Handlers by timer kind (`step-deadline`, `reappointment-reminder`, `term-end`, `discipline-time-limit`). */
export class TimerHandlerRegistry {
  private readonly handlers = new Map<string, TimerHandler>();

  register(kind: string, handler: TimerHandler): this {
    if (this.handlers.has(kind))
      throw new Error(`a handler for timer kind "${kind}" is already registered`);
    this.handlers.set(kind, handler);
    return this;
  }

  get(kind: string): TimerHandler | undefined {
    return this.handlers.get(kind);
  }

  kinds(): string[] {
    return [...this.handlers.keys()];
  }
}
