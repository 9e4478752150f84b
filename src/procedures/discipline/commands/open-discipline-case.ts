import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  DisciplineService,
  DisciplineWriteOptions,
  OpenDisciplineInput,
} from '../discipline.service';

export class OpenDisciplineCase extends Command<unknown> {
  constructor(
    readonly input: OpenDisciplineInput,
    readonly options: DisciplineWriteOptions,
  ) {
    super();
  }
}

@CommandHandler(OpenDisciplineCase)
export class OpenDisciplineCaseHandler implements ICommandHandler<OpenDisciplineCase> {
  constructor(private readonly discipline: DisciplineService) {}

  execute(command: OpenDisciplineCase) {
    return this.discipline.open(command.input, command.options);
  }
}
