import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RegistryService } from '../../cadres/registry.service';
import { CaseStreamReader } from '../case/record/case-record.handlers';
import { RecordWriter } from '../case/record/record-writer';
import { ExtendTermFromDecision } from './extension-record.commands';
import { extendTerm } from './extension-record.process';

@CommandHandler(ExtendTermFromDecision)
export class ExtendTermFromDecisionHandler implements ICommandHandler<ExtendTermFromDecision> {
  constructor(
    private readonly cases: CaseStreamReader,
    private readonly registry: RegistryService,
    private readonly writer: RecordWriter,
  ) {}

  async execute({ stream, dispatch }: ExtendTermFromDecision): Promise<void> {
    const state = await this.cases.load(stream);
    const { state: person } = await this.registry.loadPerson(state.personId);
    await this.writer.run(extendTerm(state, person), dispatch);
  }
}
