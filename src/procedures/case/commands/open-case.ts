import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseService, CaseWriteOptions } from '../case.service';

export class OpenCase extends Command<unknown> {
  constructor(
    readonly input: {
      caseId: string;
      procedure: string;
      definition: string;
      personId: string;
      positionId: string;
      orgUnitId: string;
      summary: string;
    },
    readonly options: CaseWriteOptions,
  ) {
    super();
  }
}

@CommandHandler(OpenCase)
export class OpenCaseHandler implements ICommandHandler<OpenCase> {
  constructor(private readonly cases: CaseService) {}

  execute(command: OpenCase) {
    return this.cases.open(command.input, command.options);
  }
}
