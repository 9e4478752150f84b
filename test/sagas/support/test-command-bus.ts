import { WorkflowCommand, WorkflowCommandBus } from '../../../src/sagas/workflow-command';

type CommandClass<T extends WorkflowCommand> = abstract new (...args: never[]) => T;

/**
 * What `@nestjs/cqrs`'s CommandBus does for the runtime-level tests that run sagas without a Nest
 * application: one handler per command class, an unknown command is an error.
 */
export class TestCommandBus implements WorkflowCommandBus {
  private readonly handlers = new Map<unknown, (command: WorkflowCommand) => Promise<void>>();

  on<T extends WorkflowCommand>(type: CommandClass<T>, handler: (command: T) => Promise<void>) {
    this.handlers.set(type, handler as (command: WorkflowCommand) => Promise<void>);
    return this;
  }

  async execute(command: WorkflowCommand): Promise<void> {
    const handler = this.handlers.get(command.constructor);
    if (!handler) throw new Error(`no handler for command ${command.constructor.name}`);
    await handler(command);
  }
}
