import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { VettingItem } from '../../../workflow/definitions/procedure-definition';
import { CaseService, CaseWriteOptions } from '../case.service';

export class ResolveVettingItem extends Command<unknown> {
  constructor(
    readonly caseId: string,
    readonly item: VettingItem,
    readonly note: string,
    readonly options: CaseWriteOptions,
  ) {
    super();
  }
}

@CommandHandler(ResolveVettingItem)
export class ResolveVettingItemHandler implements ICommandHandler<ResolveVettingItem> {
  constructor(private readonly cases: CaseService) {}

  execute(command: ResolveVettingItem) {
    return this.cases.act(
      command.caseId,
      { type: 'ResolveVettingItem', data: { item: command.item, note: command.note } },
      command.options,
    );
  }
}
