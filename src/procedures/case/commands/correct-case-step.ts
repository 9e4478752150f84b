import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StepBody } from '../decider/case.commands';
import { CaseService, CaseWriteOptions } from '../case.service';

/** Correct a recorded step (a mistyped tally) with the corrected body and the reason. */
export class CorrectCaseStep extends Command<unknown> {
  constructor(
    readonly caseId: string,
    readonly stepId: string,
    readonly body: StepBody,
    readonly reason: string,
    readonly options: CaseWriteOptions,
  ) {
    super();
  }
}

@CommandHandler(CorrectCaseStep)
export class CorrectCaseStepHandler implements ICommandHandler<CorrectCaseStep> {
  constructor(private readonly cases: CaseService) {}

  execute(command: CorrectCaseStep) {
    const { stepId, body, reason } = command;
    return this.cases.correct(command.caseId, { stepId, body, reason }, command.options);
  }
}
