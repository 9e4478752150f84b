import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PersonState } from '../../../cadres/person/person.state';
import { RegistryService } from '../../../cadres/registry.service';
import { handlersFor, row } from '../../../common/command-table';
import { TimerHandlerRegistry } from '../../../jobs/timers/timer-handlers';
import { SagasRuntime } from '../../../sagas/sagas-runtime';
import { sendsCommand, WorkflowCommand } from '../../../sagas/workflow-command';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../../../workflow/workflow-catalog';
import { ReappointmentNotice } from './case-record.handlers';
import { RecordWorkflowRunner } from './record-workflow-runner';
import {
  RECORDED_TERM_NOTICE_TIMER,
  RecordedTermNoticePayload,
  recordedTermNoticeSaga,
} from './recorded-term-notice.saga';

/** The notice of a term recorded by hand or imported is due. */
export class GiveRecordedTermNotice extends WorkflowCommand {
  constructor(readonly notice: RecordedTermNoticePayload) {
    super();
  }
}

/**
 * Whether the person still holds the recorded hold the notice was set for (the same post, term
 * end and decision): one ended since (a removal, a discipline, another decision) or replaced by a
 * decided term gets no notice.
 */
export function holdsRecordedTerm(person: PersonState, notice: RecordedTermNoticePayload): boolean {
  return (
    person.status === 'registered' &&
    person.posts.some(
      (post) =>
        post.positionId === notice.positionId &&
        post.termEnd === notice.termEnd &&
        post.decisionRef === notice.decisionRef &&
        !post.extendedBy,
    )
  );
}

/** Gives the notice as a decided term's: acted on by the post's appointing authority. */
@Injectable()
export class RecordedTermNotice {
  constructor(
    private readonly notices: ReappointmentNotice,
    private readonly record: RecordWorkflowRunner,
    private readonly registry: RegistryService,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
  ) {}

  async give({ notice, dispatch }: GiveRecordedTermNotice): Promise<void> {
    const person = await this.record.personOf(notice.personId);
    if (!holdsRecordedTerm(person, notice)) return;
    const position = await this.registry.findPosition(notice.positionId);
    if (!position)
      throw new Error(`post ${notice.positionId} on the record is not in the registry`);
    const ruleSet = this.catalog.ruleSet(notice.ruleSetId);
    if (!ruleSet) throw new Error(`rule set ${notice.ruleSetId} of a notice is not loaded`);
    const target = {
      personId: notice.personId,
      positionId: notice.positionId,
      orgUnitId: position.appointingAuthority,
    };
    await this.notices.notify(target, notice, ruleSet, dispatch);
  }
}

/** Registers the saga (built on the catalog) and the command its timer sends. */
@Injectable()
export class RecordedTermNoticeRegistration implements OnModuleInit {
  constructor(
    private readonly sagas: SagasRuntime,
    private readonly timers: TimerHandlerRegistry,
    private readonly commands: CommandBus,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
  ) {}

  onModuleInit(): void {
    this.sagas.register(recordedTermNoticeSaga(this.catalog));
    this.timers.register(
      RECORDED_TERM_NOTICE_TIMER,
      sendsCommand(
        this.commands,
        ({ payload }) =>
          new GiveRecordedTermNotice(payload as unknown as RecordedTermNoticePayload),
      ),
    );
  }
}

export const RECORDED_TERM_NOTICE_PROVIDERS = [
  RecordedTermNotice,
  RecordedTermNoticeRegistration,
  ...handlersFor(RecordedTermNotice, [
    row(GiveRecordedTermNotice, (notices: RecordedTermNotice, command) => notices.give(command)),
  ]),
];
