import { Command } from '@nestjs/cqrs';
import { EventMetadata } from '../event-store/event-envelope';
import { FiringTimer, TimerHandler } from '../jobs/timers/timer-handlers';

/** What a workflow command needs to append idempotently: set by the saga or timer that sends it. */
export interface WorkflowDispatch {
  /**
   * Pass as `idSeed` to `runStreamCommand`: derived from the saga and the triggering event id (or
   * the timer id), so a redelivered event or a refired timer appends nothing the second time.
   */
  idSeed: string;
  /** Actor `system:saga:<name>` or `system:timer:<kind>`, the triggering event's correlation, causation = its id. */
  metadata: EventMetadata;
  /** The service clock's time when the command was sent. */
  now: Date;
}

/**
 * A typed command that a saga or a timer sends between streams. It goes through the same
 * `@nestjs/cqrs` `CommandBus` as every HTTP write and is carried out by its `@CommandHandler`,
 * which must be idempotent by `dispatch.idSeed` (delivery is at least once).
 */
export abstract class WorkflowCommand extends Command<void> {
  private dispatchedAs?: WorkflowDispatch;

  /** A copy of this command carrying the sender's ids; the sender calls it, never a saga. */
  withDispatch(dispatch: WorkflowDispatch): this {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as this;
    return Object.assign(copy, this, { dispatchedAs: dispatch });
  }

  get dispatch(): WorkflowDispatch {
    if (!this.dispatchedAs)
      throw new Error(`${this.constructor.name} was executed without a saga's or timer's dispatch`);
    return this.dispatchedAs;
  }
}

/** The one command bus (`@nestjs/cqrs`'s `CommandBus` in the service) as the runtimes see it. */
export interface WorkflowCommandBus {
  execute(command: WorkflowCommand): Promise<unknown>;
}

/** A timer kind whose firing sends one command (the timer's ids become the command's dispatch). */
export function sendsCommand(
  bus: WorkflowCommandBus,
  toCommand: (timer: FiringTimer) => WorkflowCommand,
): TimerHandler {
  return async (timer, context) => {
    await bus.execute(toCommand(timer).withDispatch(context));
  };
}
