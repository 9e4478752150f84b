import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { RegistryService } from '../../cadres/registry.service';
import { RecordWriter } from '../case/record/record-writer';
import { loadStream, runStreamCommand } from '../../common/stream-command-runner';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { TimerHandlerRegistry } from '../../jobs/timers/timer-handlers';
import { SagasRuntime } from '../../sagas/sagas-runtime';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../../workflow/workflow-catalog';
import { disciplineStream } from './discipline-stream';
import {
  applyDisciplineDecision,
  noteDisciplineCase,
  reviseDisciplineRecord,
} from './discipline-record.process';
import {
  DISCIPLINE_RECORD_COMMANDS,
  DISCIPLINE_TIME_LIMIT_TIMER,
  disciplineRecordSaga,
} from './discipline-record.saga';
import { disciplineDecider } from './discipline.decider';
import { ExistingDiscipline } from './discipline.state';

/**
 * Wires the discipline-record workflow into the durable runtime: each dispatcher reads the
 * streams its workflow needs once, asks the pure workflow (`discipline-record.process.ts`) what
 * to write and hands that to the `RecordWriter`. The time-limit timer sends the case's command.
 */
@Injectable()
export class DisciplineRecordRegistration implements OnModuleInit {
  constructor(
    private readonly sagas: SagasRuntime,
    private readonly timers: TimerHandlerRegistry,
    private readonly registry: RegistryService,
    private readonly writer: RecordWriter,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
  ) {}

  private async loadCase(caseId: string): Promise<ExistingDiscipline> {
    const { state } = await loadStream(this.store, disciplineStream(caseId), disciplineDecider);
    if (state.status === 'none') throw new Error(`discipline case ${caseId} does not exist`);
    return state;
  }

  onModuleInit(): void {
    type Note = { caseId: string; status: 'open' | 'closed'; stage: string | null; on: string };
    this.sagas.register(disciplineRecordSaga);
    this.sagas.commands
      .register(DISCIPLINE_RECORD_COMMANDS.note, async (command, context) => {
        const { caseId, ...note } = command.data as Note;
        await this.writer.run(noteDisciplineCase(await this.loadCase(caseId), note), context);
      })
      .register(DISCIPLINE_RECORD_COMMANDS.apply, async (command, context) => {
        const state = await this.loadCase((command.data as { caseId: string }).caseId);
        const { state: person } = await this.registry.loadPerson(state.personId);
        const openCases = await this.writer.openCasesOf(person);
        await this.writer.run(applyDisciplineDecision(state, person, openCases), context);
      })
      .register(DISCIPLINE_RECORD_COMMANDS.revise, async (command, context) => {
        const state = await this.loadCase((command.data as { caseId: string }).caseId);
        await this.writer.run(reviseDisciplineRecord(state), context);
      });
    this.timers.register(DISCIPLINE_TIME_LIMIT_TIMER, async (timer, context) => {
      const payload = timer.payload as { caseId: string; dueOn: string };
      const { state } = await loadStream(this.store, timer.target, disciplineDecider);
      if (state.status === 'none') return;
      const definition = this.catalog.definition(
        `${state.definitionId}@${state.definitionVersion}`,
      )!;
      const ruleSet = this.catalog.ruleSet(state.ruleSetId)!;
      await runStreamCommand(
        this.store,
        timer.target,
        disciplineDecider,
        {
          type: 'RecordTimeLimitMissed',
          data: { dueOn: payload.dueOn, missedAt: context.now.toISOString() },
        },
        {
          idSeed: context.idSeed,
          metadata: context.metadata,
          context: () => ({
            definition,
            ruleSet,
            calendar: this.catalog.calendar,
            actor: { userId: context.metadata.actorId, roles: [], orgUnit: state.orgUnitId },
            today: '',
            actorReachesCaseUnit: false,
            personStatuses: [],
          }),
        },
      );
    });
  }
}
