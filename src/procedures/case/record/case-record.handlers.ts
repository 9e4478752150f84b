import { Inject, Injectable } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RegistryService } from '../../../cadres/registry.service';
import { deterministicId } from '../../../common/deterministic-id';
import { loadStream } from '../../../common/stream-command-runner';
import { EVENT_STORE, EventStore } from '../../../event-store/event-store.port';
import { WorkflowDispatch } from '../../../sagas/workflow-command';
import { ruleValue } from '../../../workflow/rule-sets/rule-set';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../../../workflow/workflow-catalog';
import { OpenCase } from '../commands/case-commands';
import { caseDecider } from '../decider/case.decider';
import { ExistingCase } from '../decider/case.state';
import { DomainRuleViolation } from '../decider/domain-rule-violation';
import {
  AssignPostFromDecision,
  EndTermOnRecord,
  GiveReappointmentNotice,
  NoteCaseOnRecord,
} from './case-record.commands';
import {
  appointeeOf,
  assignPost,
  endTerm,
  holdsTerm,
  noteCase,
  reappointmentCase,
  reappointmentDue,
} from './case-record.process';
import { RecordWriter } from './record-writer';

/** Reads a case stream once for a record command. */
@Injectable()
export class CaseStreamReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(stream: string): Promise<ExistingCase> {
    const { state } = await loadStream(this.store, stream, caseDecider);
    if (state.status === 'none') throw new Error(`case stream ${stream} is empty`);
    return state;
  }
}

/*
 * Each handler reads the streams its workflow needs once, asks the pure workflow
 * (`case-record.process.ts`) what to write and hands it to the `RecordWriter`.
 */

@CommandHandler(NoteCaseOnRecord)
export class NoteCaseOnRecordHandler implements ICommandHandler<NoteCaseOnRecord> {
  constructor(
    private readonly cases: CaseStreamReader,
    private readonly writer: RecordWriter,
  ) {}

  async execute({ stream, status, on, dispatch }: NoteCaseOnRecord): Promise<void> {
    await this.writer.run(noteCase(await this.cases.load(stream), { status, on }), dispatch);
  }
}

@CommandHandler(AssignPostFromDecision)
export class AssignPostFromDecisionHandler implements ICommandHandler<AssignPostFromDecision> {
  constructor(
    private readonly cases: CaseStreamReader,
    private readonly registry: RegistryService,
    private readonly writer: RecordWriter,
  ) {}

  async execute({ stream, dispatch }: AssignPostFromDecision): Promise<void> {
    const state = await this.cases.load(stream);
    const { state: person } = await this.registry.loadPerson(appointeeOf(state));
    await this.writer.run(assignPost(state, person), dispatch);
  }
}

@CommandHandler(EndTermOnRecord)
export class EndTermOnRecordHandler implements ICommandHandler<EndTermOnRecord> {
  constructor(
    private readonly cases: CaseStreamReader,
    private readonly registry: RegistryService,
    private readonly writer: RecordWriter,
  ) {}

  async execute({ stream, termEnd, dispatch }: EndTermOnRecord): Promise<void> {
    const state = await this.cases.load(stream);
    const { state: person } = await this.registry.loadPerson(appointeeOf(state));
    await this.writer.run(endTerm(state, person, termEnd), dispatch);
  }
}

/** The re-appointment notice opens a case (or leaves a task) and notes the outcome. */
@CommandHandler(GiveReappointmentNotice)
export class GiveReappointmentNoticeHandler implements ICommandHandler<GiveReappointmentNotice> {
  constructor(
    private readonly cases: CaseStreamReader,
    private readonly registry: RegistryService,
    private readonly commands: CommandBus,
    private readonly writer: RecordWriter,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
  ) {}

  async execute(command: GiveReappointmentNotice): Promise<void> {
    const { stream, termEnd, noticeOn, dispatch } = command;
    const state = await this.cases.load(stream);
    const { state: person } = await this.registry.loadPerson(appointeeOf(state));
    if (!holdsTerm(person, state, termEnd)) return;
    const ruleSet = this.catalog.ruleSet(state.ruleSetId)!;
    const action = ruleValue<'open_case' | 'inbox_task'>(ruleSet, 'reappointment.reminderAction');
    const outcome =
      action === 'open_case'
        ? await this.openReappointment(state, termEnd, dispatch)
        : { caseId: null, refusal: null };
    await this.writer.run(
      reappointmentDue(state, { termEnd, noticeOn }, action, outcome),
      dispatch,
    );
  }

  /** Opens the re-appointment case; a refused opening (e.g. a discipline period) says why. */
  private async openReappointment(
    state: ExistingCase,
    termEnd: string,
    dispatch: WorkflowDispatch,
  ): Promise<{ caseId: string | null; refusal: string | null }> {
    const id = `r-${deterministicId(dispatch.idSeed, 'case').slice(0, 18)}`;
    try {
      await this.commands.execute(
        new OpenCase(reappointmentCase(state, termEnd, id), {
          actor: {
            userId: dispatch.metadata.actorId,
            roles: ['organization_staff'],
            orgUnit: state.orgUnitId,
          },
          metadata: { ...dispatch.metadata },
          idSeed: deterministicId(dispatch.idSeed, 'open'),
        }),
      );
      return { caseId: id, refusal: null };
    } catch (error) {
      if (!(error instanceof DomainRuleViolation)) throw error;
      return { caseId: null, refusal: `${error.rule}: ${error.message}` };
    }
  }
}

export const CASE_RECORD_HANDLERS = [
  CaseStreamReader,
  NoteCaseOnRecordHandler,
  AssignPostFromDecisionHandler,
  EndTermOnRecordHandler,
  GiveReappointmentNoticeHandler,
];
