import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseService, CaseWriteOptions } from '../case.service';

/** Withdraw (the proposer takes the case back) or reject (it cannot go on); both close it. */
export class CloseCase extends Command<unknown> {
  constructor(
    readonly caseId: string,
    readonly how: 'withdraw' | 'reject',
    readonly reason: string,
    readonly options: CaseWriteOptions,
  ) {
    super();
  }
}

@CommandHandler(CloseCase)
export class CloseCaseHandler implements ICommandHandler<CloseCase> {
  constructor(private readonly cases: CaseService) {}

  execute(command: CloseCase) {
    return this.cases.act(
      command.caseId,
      command.how === 'withdraw'
        ? { type: 'WithdrawCase', data: { reason: command.reason } }
        : { type: 'RejectCase', data: { reason: command.reason } },
      command.options,
    );
  }
}
