import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RegistryService } from '../../cadres/registry.service';
import { loadStream, runStreamCommand } from '../../common/stream-command-runner';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../../workflow/workflow-catalog';
import { RecordWriter } from '../case/record/record-writer';
import {
  ApplyDisciplineDecisionToRecord,
  NoteDisciplineCaseOnRecord,
  RecordDisciplineTimeLimitMissed,
  ReviseDisciplineOnRecord,
} from './discipline-record.commands';
import {
  applyDisciplineDecision,
  noteDisciplineCase,
  reviseDisciplineRecord,
} from './discipline-record.process';
import { disciplineStream } from './discipline-stream';
import { disciplineDecider } from './discipline.decider';
import { ExistingDiscipline } from './discipline.state';

/** Reads a discipline case stream once for a record command. */
@Injectable()
export class DisciplineStreamReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(caseId: string): Promise<ExistingDiscipline> {
    const { state } = await loadStream(this.store, disciplineStream(caseId), disciplineDecider);
    if (state.status === 'none') throw new Error(`discipline case ${caseId} does not exist`);
    return state;
  }
}

/*
 * Each handler reads the streams its workflow needs once, asks the pure workflow
 * (`discipline-record.process.ts`) what to write and hands that to the `RecordWriter`.
 */

@CommandHandler(NoteDisciplineCaseOnRecord)
export class NoteDisciplineCaseOnRecordHandler implements ICommandHandler<NoteDisciplineCaseOnRecord> {
  constructor(
    private readonly cases: DisciplineStreamReader,
    private readonly writer: RecordWriter,
  ) {}

  async execute({ caseId, status, stage, on, dispatch }: NoteDisciplineCaseOnRecord) {
    const state = await this.cases.load(caseId);
    await this.writer.run(noteDisciplineCase(state, { status, stage, on }), dispatch);
  }
}

@CommandHandler(ApplyDisciplineDecisionToRecord)
export class ApplyDisciplineDecisionToRecordHandler implements ICommandHandler<ApplyDisciplineDecisionToRecord> {
  constructor(
    private readonly cases: DisciplineStreamReader,
    private readonly registry: RegistryService,
    private readonly writer: RecordWriter,
  ) {}

  async execute({ caseId, dispatch }: ApplyDisciplineDecisionToRecord) {
    const state = await this.cases.load(caseId);
    const { state: person } = await this.registry.loadPerson(state.personId);
    const openCases = await this.writer.openCasesOf(person);
    await this.writer.run(applyDisciplineDecision(state, person, openCases), dispatch);
  }
}

@CommandHandler(ReviseDisciplineOnRecord)
export class ReviseDisciplineOnRecordHandler implements ICommandHandler<ReviseDisciplineOnRecord> {
  constructor(
    private readonly cases: DisciplineStreamReader,
    private readonly writer: RecordWriter,
  ) {}

  async execute({ caseId, dispatch }: ReviseDisciplineOnRecord) {
    await this.writer.run(reviseDisciplineRecord(await this.cases.load(caseId)), dispatch);
  }
}

/** The time limit is the case's own command: the decider records the lapse unless decided. */
@CommandHandler(RecordDisciplineTimeLimitMissed)
export class RecordDisciplineTimeLimitMissedHandler implements ICommandHandler<RecordDisciplineTimeLimitMissed> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
  ) {}

  async execute({ stream, dueOn, dispatch }: RecordDisciplineTimeLimitMissed) {
    const { state } = await loadStream(this.store, stream, disciplineDecider);
    if (state.status === 'none') return;
    const definition = this.catalog.definition(`${state.definitionId}@${state.definitionVersion}`)!;
    const ruleSet = this.catalog.ruleSet(state.ruleSetId)!;
    await runStreamCommand(
      this.store,
      stream,
      disciplineDecider,
      { type: 'RecordTimeLimitMissed', data: { dueOn, missedAt: dispatch.now.toISOString() } },
      {
        idSeed: dispatch.idSeed,
        metadata: dispatch.metadata,
        context: () => ({
          definition,
          ruleSet,
          calendar: this.catalog.calendar,
          actor: { userId: dispatch.metadata.actorId, roles: [], orgUnit: state.orgUnitId },
          today: '',
          actorReachesCaseUnit: false,
          personStatuses: [],
        }),
      },
    );
  }
}

export const DISCIPLINE_RECORD_HANDLERS = [
  DisciplineStreamReader,
  NoteDisciplineCaseOnRecordHandler,
  ApplyDisciplineDecisionToRecordHandler,
  ReviseDisciplineOnRecordHandler,
  RecordDisciplineTimeLimitMissedHandler,
];
