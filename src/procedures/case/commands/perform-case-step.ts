import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StepBody } from '../decider/case.commands';
import { CaseService, CaseWriteOptions } from '../case.service';

export class PerformCaseStep extends Command<unknown> {
  constructor(
    readonly caseId: string,
    readonly stepId: string,
    readonly body: StepBody,
    readonly options: CaseWriteOptions,
  ) {
    super();
  }
}

@CommandHandler(PerformCaseStep)
export class PerformCaseStepHandler implements ICommandHandler<PerformCaseStep> {
  constructor(private readonly cases: CaseService) {}

  execute(command: PerformCaseStep) {
    // Vetting reads the person's record; other steps do not need it.
    return this.cases.act(
      command.caseId,
      { type: 'PerformStep', data: { stepId: command.stepId, body: command.body } },
      command.options,
      command.body.kind === 'vetting',
    );
  }
}
