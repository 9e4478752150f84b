import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DisciplineCommand } from '../discipline.commands';
import { DisciplineService, DisciplineWriteOptions } from '../discipline.service';

/** A step, extension, complaint, review or closure on an existing discipline case. */
export class ActOnDisciplineCase extends Command<unknown> {
  constructor(
    readonly caseId: string,
    readonly command: DisciplineCommand,
    readonly options: DisciplineWriteOptions,
  ) {
    super();
  }
}

@CommandHandler(ActOnDisciplineCase)
export class ActOnDisciplineCaseHandler implements ICommandHandler<ActOnDisciplineCase> {
  constructor(private readonly discipline: DisciplineService) {}

  execute(command: ActOnDisciplineCase) {
    return this.discipline.act(command.caseId, command.command, command.options);
  }
}
