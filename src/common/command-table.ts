import { Inject, Type } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';

/** One row of a procedure's command table: the typed command and how its runner carries it out. */
export interface CommandRow<Runner, C extends Command<unknown>> {
  command: Type<C>;
  run: (runner: Runner, command: C) => Promise<unknown>;
}

export const row = <Runner, C extends Command<unknown>>(
  command: Type<C>,
  run: (runner: Runner, command: C) => Promise<unknown>,
): CommandRow<Runner, C> => ({ command, run });

/**
 * The `@CommandHandler` of every row of a table, each running its row on the procedure's one
 * runner (load the stream once, build the context, decide, append with the expected revision).
 * A procedure declares what its commands do in one table instead of a handler class per command.
 */
export function handlersFor<Runner>(
  runner: Type<Runner>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of different command types
  rows: CommandRow<Runner, any>[],
): Type<ICommandHandler>[] {
  return rows.map(({ command, run }) => {
    @CommandHandler(command)
    class TableHandler implements ICommandHandler<Command<unknown>> {
      constructor(@Inject(runner) private readonly target: Runner) {}

      execute(input: Command<unknown>) {
        return run(this.target, input);
      }
    }
    Object.defineProperty(TableHandler, 'name', { value: `${command.name}Handler` });
    return TableHandler;
  });
}
