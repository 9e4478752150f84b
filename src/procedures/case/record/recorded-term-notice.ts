import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PersonState } from '../../../cadres/person/person.state';
import { RegistryService } from '../../../cadres/registry.service';
import { handlersFor, row } from '../../../common/command-table';
import { TimerHandlerRegistry } from '../../../jobs/timers/timer-handlers';
import { SagasRuntime } from '../../../sagas/sagas-runtime';
import { sendsCommand, WorkflowCommand, WorkflowDispatch } from '../../../sagas/workflow-command';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../../../workflow/workflow-catalog';
import { ReappointmentNotice } from './case-record.handlers';
import { RecordWorkflowRunner } from './record-workflow-runner';
import { caseDecider } from '../decider/case.decider';
import { caseStream } from '../case-stream';
import {
  FollowRecordedTerm,
  noticedReappointment,
  RecordedTerm,
  renewedTermCorrection,
} from './renewed-term-correction';
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
 * Whether the notice is still the one due: the person holds the post now with the term end the
 * timer was set for. A hold ended since (a removal, a discipline, another decision), extended to
 * retirement, or corrected to another term end (whose own timer gives that term's notice) gets
 * none. The decision number is not matched: correcting only it keeps the same term.
 */
export function holdsRecordedTerm(person: PersonState, notice: RecordedTermNoticePayload): boolean {
  if (person.status !== 'registered') return false;
  const post = person.posts.find((held) => held.positionId === notice.positionId);
  return !!post && post.termEnd === notice.termEnd && !post.extendedBy;
}

/**
 * A re-appointment of the post that an earlier notice opened (or found opened by hand) and is
 * still open (the notice of the term before a correction of its end): it already runs the
 * re-appointment, and follows the corrected end (`followTerm`).
 */
export function reappointmentUnderway(person: PersonState, positionId: string): string | null {
  if (person.status !== 'registered') return null;
  const open = new Set(person.openCases.map((c) => c.caseId));
  const underway = person.reappointmentsDue.find(
    (due) => due.positionId === positionId && due.caseId !== null && open.has(due.caseId),
  );
  return underway?.caseId ?? null;
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
    if (!holdsRecordedTerm(person, notice) || reappointmentUnderway(person, notice.positionId))
      return;
    const position = await this.registry.findPosition(notice.positionId);
    if (!position)
      throw new Error(`post ${notice.positionId} on the record is not in the registry`);
    // Timers set before elected posts were told apart by their position: an election renews it.
    if (position.filledBy === 'election') return;
    const ruleSet = this.catalog.ruleSet(notice.ruleSetId);
    if (!ruleSet) throw new Error(`rule set ${notice.ruleSetId} of a notice is not loaded`);
    const target = {
      personId: notice.personId,
      positionId: notice.positionId,
      orgUnitId: position.appointingAuthority,
    };
    await this.notices.notify(target, notice, ruleSet, dispatch);
    // A re-appointment opened by hand that the notice has just noted: the correction that fired
    // the notice ran before the case was noted (followTerm found none), so the noting brings the
    // case to the term as recorded. A case the notice opened already has it (nothing written).
    const { personId, positionId, termEnd, decisionRef } = notice;
    await this.follow({ personId, positionId, termEnd, decisionRef }, dispatch);
  }

  /**
   * A term end recorded again after the post's notice opened its re-appointment: the open case
   * notes the corrected end (its facts give it from then on, and the decision form starts the new
   * term on it). Before, its facts kept the end it opened with, and the decision form offered that
   * day as the new term's start (refused reappointment.starts_before_term_end when the end moved later).
   */
  async followTerm({ term, dispatch }: FollowRecordedTerm): Promise<void> {
    await this.follow(term, dispatch);
  }

  private async follow(term: RecordedTerm, dispatch: WorkflowDispatch): Promise<void> {
    const person = await this.record.personOf(term.personId);
    const caseId = noticedReappointment(person, term.positionId);
    if (!caseId) return;
    const reappointment = await this.record.caseOf(
      caseStream('reappointment', caseId),
      caseDecider,
    );
    await this.record.write(renewedTermCorrection(person, reappointment, term), dispatch);
  }
}

/** Registers the saga (built on the catalog) and the command its timer sends. */
@Injectable()
export class RecordedTermNoticeRegistration implements OnModuleInit {
  constructor(
    private readonly sagas: SagasRuntime,
    private readonly timers: TimerHandlerRegistry,
    private readonly commands: CommandBus,
    private readonly registry: RegistryService,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
  ) {}

  onModuleInit(): void {
    this.sagas.register(
      recordedTermNoticeSaga(
        this.catalog,
        async (positionId) => (await this.registry.findPosition(positionId))?.filledBy ?? null,
      ),
    );
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
    row(FollowRecordedTerm, (notices: RecordedTermNotice, command) => notices.followTerm(command)),
  ]),
];
