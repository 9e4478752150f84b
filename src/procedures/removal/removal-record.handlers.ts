import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RegistryService } from '../../cadres/registry.service';
import { CaseStreamReader } from '../case/record/case-record.handlers';
import { RecordWriter } from '../case/record/record-writer';
import { ApplyRemovalDecision } from './removal-record.commands';
import { applyRemovalDecision } from './removal-record.process';

/** Reads the case and the person once, asks the pure process what to write, writes it. */
@CommandHandler(ApplyRemovalDecision)
export class ApplyRemovalDecisionHandler implements ICommandHandler<ApplyRemovalDecision> {
  constructor(
    private readonly cases: CaseStreamReader,
    private readonly registry: RegistryService,
    private readonly writer: RecordWriter,
  ) {}

  async execute({ stream, dispatch }: ApplyRemovalDecision): Promise<void> {
    const state = await this.cases.load(stream);
    const { state: person } = await this.registry.loadPerson(state.personId);
    const openCases = await this.writer.openCasesOf(person);
    await this.writer.run(applyRemovalDecision(state, person, openCases), dispatch);
  }
}
