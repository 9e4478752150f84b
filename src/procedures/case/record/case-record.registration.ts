import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { RegistryService } from '../../../cadres/registry.service';
import { deterministicId } from '../../../common/deterministic-id';
import { loadStream } from '../../../common/stream-command-runner';
import { EventMetadata } from '../../../event-store/event-envelope';
import { EVENT_STORE, EventStore } from '../../../event-store/event-store.port';
import { TimerHandlerRegistry } from '../../../jobs/timers/timer-handlers';
import { SagasRuntime } from '../../../sagas/sagas-runtime';
import { caseDecider } from '../decider/case.decider';
import { ExistingCase } from '../decider/case.state';
import { DomainRuleViolation } from '../decider/domain-rule-violation';
import { ruleValue } from '../../../workflow/rule-sets/rule-set';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../../../workflow/workflow-catalog';
import { CaseService } from '../case.service';
import {
  assignPost,
  endTerm,
  holdsTerm,
  noteCase,
  reappointmentCase,
  reappointmentDue,
} from './case-record.process';
import { RecordWriter } from './record-writer';
import {
  CASE_RECORD_COMMANDS,
  caseRecordSaga,
  REAPPOINTMENT_REMINDER_TIMER,
  TERM_END_TIMER,
} from './case-record.saga';

/**
 * Wires the case-record workflow into the durable runtime: dispatchers and timer handlers read
 * the streams once, ask the pure workflow (`case-record.process.ts`) what to write and hand it to
 * the `RecordWriter`. The re-appointment reminder opens a case and notes the outcome.
 */
@Injectable()
export class CaseRecordRegistration implements OnModuleInit {
  constructor(
    private readonly sagas: SagasRuntime,
    private readonly timers: TimerHandlerRegistry,
    private readonly registry: RegistryService,
    private readonly cases: CaseService,
    private readonly writer: RecordWriter,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
  ) {}

  private async loadCase(stream: string): Promise<ExistingCase> {
    const { state } = await loadStream(this.store, stream, caseDecider);
    if (state.status === 'none') throw new Error(`case stream ${stream} is empty`);
    return state;
  }

  onModuleInit(): void {
    this.sagas.register(caseRecordSaga);
    this.sagas.commands
      .register(CASE_RECORD_COMMANDS.note, async (command, context) => {
        const { stream, ...note } = command.data as {
          stream: string;
          status: 'open' | 'closed';
          on: string;
        };
        await this.writer.run(noteCase(await this.loadCase(stream), note), context);
      })
      .register(CASE_RECORD_COMMANDS.assign, async (command, context) => {
        const state = await this.loadCase((command.data as { stream: string }).stream);
        await this.writer.run(assignPost(state), context);
      });

    this.timers.register(REAPPOINTMENT_REMINDER_TIMER, async (timer, context) => {
      const payload = timer.payload as { stream: string; termEnd: string; noticeOn: string };
      const state = await this.loadCase(payload.stream);
      const { state: person } = await this.registry.loadPerson(state.personId);
      if (!holdsTerm(person, state, payload.termEnd)) return;
      const ruleSet = this.catalog.ruleSet(state.ruleSetId)!;
      const action = ruleValue<'open_case' | 'inbox_task'>(ruleSet, 'reappointment.reminderAction');
      const outcome =
        action === 'open_case'
          ? await this.openReappointment(state, payload.termEnd, context)
          : { caseId: null, refusal: null };
      await this.writer.run(reappointmentDue(state, payload, action, outcome), context);
    });

    this.timers.register(TERM_END_TIMER, async (timer, context) => {
      const payload = timer.payload as { stream: string; termEnd: string };
      const state = await this.loadCase(payload.stream);
      const { state: person } = await this.registry.loadPerson(state.personId);
      await this.writer.run(endTerm(state, person, payload.termEnd), context);
    });
  }

  /** Opens the re-appointment case; a refused opening (e.g. a discipline period) says why. */
  private async openReappointment(
    state: ExistingCase,
    termEnd: string,
    context: { idSeed: string; metadata: EventMetadata },
  ): Promise<{ caseId: string | null; refusal: string | null }> {
    const id = `r-${deterministicId(context.idSeed, 'case').slice(0, 18)}`;
    try {
      await this.cases.open(reappointmentCase(state, termEnd, id), {
        actor: {
          userId: context.metadata.actorId,
          roles: ['organization_staff'],
          orgUnit: state.orgUnitId,
        },
        metadata: { ...context.metadata },
        idSeed: deterministicId(context.idSeed, 'open'),
      });
      return { caseId: id, refusal: null };
    } catch (error) {
      if (!(error instanceof DomainRuleViolation)) throw error;
      return { caseId: null, refusal: `${error.rule}: ${error.message}` };
    }
  }
}
