import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { handlersFor, row } from '../../common/command-table';
import { loadStream, runStreamCommand } from '../../common/stream-command-runner';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../../workflow/workflow-catalog';
import { RecordWorkflowRunner } from '../case/record/record-workflow-runner';
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

/*
 * What a discipline case writes on the person's record: each row reads the case once, asks the
 * pure workflow (`discipline-record.process.ts`) what to write and hands that to the `RecordWriter`.
 */
const DISCIPLINE_RECORD_TABLE = [
  row(NoteDisciplineCaseOnRecord, async (record: RecordWorkflowRunner, command) => {
    const { caseId, status, stage, on, dispatch } = command;
    const state = await record.caseOf(disciplineStream(caseId), disciplineDecider);
    return record.write(noteDisciplineCase(state, { status, stage, on }), dispatch);
  }),
  row(ApplyDisciplineDecisionToRecord, async (record: RecordWorkflowRunner, command) => {
    const state = await record.caseOf(disciplineStream(command.caseId), disciplineDecider);
    const person = await record.personOf(state.personId);
    const openCases = await record.openCasesOf(person);
    return record.write(applyDisciplineDecision(state, person, openCases), command.dispatch);
  }),
  row(ReviseDisciplineOnRecord, async (record: RecordWorkflowRunner, { caseId, dispatch }) => {
    const state = await record.caseOf(disciplineStream(caseId), disciplineDecider);
    const person = await record.personOf(state.personId);
    const openCases = await record.openCasesOf(person);
    return record.write(reviseDisciplineRecord(state, person, openCases), dispatch);
  }),
];

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
  ...handlersFor(RecordWorkflowRunner, DISCIPLINE_RECORD_TABLE),
  RecordDisciplineTimeLimitMissedHandler,
];
