import { EventMetadata, RecordedEvent } from '../event-store/event-envelope';
import { SagaCommand } from './saga';

export interface DispatchContext {
  /**
   * Pass as `idSeed` to `runStreamCommand`: derived from the saga and the triggering event id, so a
   * redelivered event appends nothing the second time.
   */
  idSeed: string;
  /** Actor `system:saga:<name>`, correlation of the triggering event, causation = its id. */
  metadata: EventMetadata;
  saga: string;
  triggeringEvent: RecordedEvent;
}

/** Carries out one command type. Must be idempotent by `context.idSeed`. */
export type CommandDispatcher = (command: SagaCommand, context: DispatchContext) => Promise<void>;

/** Routes saga commands to the dispatcher registered for their type. */
export class SagaCommandBus {
  private readonly dispatchers = new Map<string, CommandDispatcher>();
  private fallback: CommandDispatcher | null = null;

  register(commandType: string, dispatcher: CommandDispatcher): this {
    if (this.dispatchers.has(commandType))
      throw new Error(`command "${commandType}" already has a dispatcher`);
    this.dispatchers.set(commandType, dispatcher);
    return this;
  }

  /** Handles every command type without its own dispatcher (e.g. a bridge to the CQRS CommandBus). */
  registerFallback(dispatcher: CommandDispatcher): this {
    this.fallback = dispatcher;
    return this;
  }

  async dispatch(command: SagaCommand, context: DispatchContext): Promise<void> {
    const dispatcher = this.dispatchers.get(command.type) ?? this.fallback;
    if (!dispatcher)
      throw new Error(
        `no dispatcher registered for command "${command.type}" (saga ${context.saga})`,
      );
    await dispatcher(command, context);
  }
}
