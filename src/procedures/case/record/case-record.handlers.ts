import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { deterministicId } from '../../../common/deterministic-id';
import { handlersFor, row } from '../../../common/command-table';
import { WorkflowDispatch } from '../../../sagas/workflow-command';
import { RuleSet, ruleValue } from '../../../workflow/rule-sets/rule-set';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../../../workflow/workflow-catalog';
import { OpenCase } from '../commands/case-commands';
import { caseDecider } from '../decider/case.decider';
import { DomainRuleViolation } from '../decider/domain-rule-violation';
import { DuplicateOpenCase } from '../duplicate-open-case';
import {
  AssignPostFromDecision,
  EndTermOnRecord,
  GiveReappointmentNotice,
  MoveRegistrationOnEffectiveDay,
  NoteCaseOnRecord,
} from './case-record.commands';
import {
  appointeeOf,
  assignPost,
  effectiveWhenIssued,
  endTerm,
  moveRegistration,
  moveRegistrationOnEffectiveDay,
  noteCase,
  NoticeTarget,
  noticeTargetOf,
  reappointmentCase,
  reappointmentDue,
  reappointmentFollows,
} from './case-record.process';
import { RecordWorkflowRunner } from './record-workflow-runner';

/** The re-appointment notice opens a case (or leaves a task) and notes the outcome. */
@Injectable()
export class ReappointmentNotice {
  constructor(
    private readonly record: RecordWorkflowRunner,
    private readonly commands: CommandBus,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
  ) {}

  async give({ stream, termEnd, noticeOn, dispatch }: GiveReappointmentNotice): Promise<void> {
    const state = await this.record.caseOf(stream, caseDecider);
    const person = await this.record.personOf(appointeeOf(state));
    if (!reappointmentFollows(person, state, termEnd)) return;
    const ruleSet = this.catalog.ruleSet(state.ruleSetId)!;
    await this.notify(noticeTargetOf(state), { termEnd, noticeOn }, ruleSet, dispatch);
  }

  /**
   * Opens the re-appointment or leaves the task, as the rule set's `reappointment.reminderAction`
   * says, and notes the notice on the record (once per post and term: the record's rule).
   */
  async notify(
    target: NoticeTarget,
    notice: { termEnd: string; noticeOn: string },
    ruleSet: RuleSet,
    dispatch: WorkflowDispatch,
  ): Promise<void> {
    const action = ruleValue<'open_case' | 'inbox_task'>(ruleSet, 'reappointment.reminderAction');
    const outcome =
      action === 'open_case'
        ? await this.openReappointment(target, notice.termEnd, dispatch)
        : { caseId: null, refusal: null };
    await this.record.write(reappointmentDue(target, notice, action, outcome), dispatch);
  }

  /**
   * Opens the re-appointment case; a refused opening (e.g. a discipline period) says why. A
   * re-appointment of the post already open (opened by hand before the notice fell due) is the one
   * the notice asks for: the notice notes that case. Before, it was noted as refused
   * case.duplicate_open, an inbox task asking to open a case that was open.
   */
  private async openReappointment(
    target: NoticeTarget,
    termEnd: string,
    dispatch: WorkflowDispatch,
  ): Promise<{ caseId: string | null; refusal: string | null }> {
    const id = `r-${deterministicId(dispatch.idSeed, 'case').slice(0, 18)}`;
    try {
      await this.commands.execute(
        new OpenCase(reappointmentCase(target, termEnd, id), {
          actor: {
            userId: dispatch.metadata.actorId,
            roles: ['organization_staff'],
            orgUnit: target.orgUnitId,
          },
          metadata: { ...dispatch.metadata },
          idSeed: deterministicId(dispatch.idSeed, 'open'),
        }),
      );
      return { caseId: id, refusal: null };
    } catch (error) {
      if (error instanceof DuplicateOpenCase && error.openCaseId)
        return { caseId: error.openCaseId, refusal: null };
      if (!(error instanceof DomainRuleViolation)) throw error;
      return { caseId: null, refusal: `${error.rule}: ${error.message}` };
    }
  }
}

/**
 * What a personnel case writes on the person's record: each row reads the case once, asks the
 * pure workflow (`case-record.process.ts`) what to write and hands that to the `RecordWriter`.
 */
const CASE_RECORD_TABLE = [
  // A note names whose case it is, which and of what procedure: fixed at the opening.
  row(NoteCaseOnRecord, async (record: RecordWorkflowRunner, { stream, status, on, dispatch }) =>
    record.write(noteCase(await record.openingOf(stream, caseDecider), { status, on }), dispatch),
  ),
  row(AssignPostFromDecision, async (record: RecordWorkflowRunner, { stream, dispatch }) => {
    const state = await record.caseOf(stream, caseDecider);
    // The appointee: a post case names them at its final ballot (kiêm nhiệm reads their posts).
    const person = await record.personOf(appointeeOf(state));
    // The appointee's open cases: a post the decision ends withdraws its re-appointment.
    const openCases = await record.openCasesOf(person, state);
    const moved =
      state.status === 'decided' && effectiveWhenIssued(state.decision)
        ? moveRegistration(state, person, await record.unitOfPost(state.positionId))
        : [];
    return record.write([...assignPost(state, person, openCases), ...moved], dispatch);
  }),
  row(
    MoveRegistrationOnEffectiveDay,
    async (record: RecordWorkflowRunner, { stream, dispatch }) => {
      const state = await record.caseOf(stream, caseDecider);
      const person = await record.personOf(appointeeOf(state));
      const receivingUnit = await record.unitOfPost(state.positionId);
      return record.write(moveRegistrationOnEffectiveDay(state, person, receivingUnit), dispatch);
    },
  ),
  row(EndTermOnRecord, async (record: RecordWorkflowRunner, { stream, termEnd, dispatch }) => {
    const state = await record.caseOf(stream, caseDecider);
    const person = await record.personOf(appointeeOf(state));
    return record.write(endTerm(state, person, termEnd), dispatch);
  }),
];

export const CASE_RECORD_HANDLERS = [
  RecordWorkflowRunner,
  ReappointmentNotice,
  ...handlersFor(RecordWorkflowRunner, CASE_RECORD_TABLE),
  ...handlersFor(ReappointmentNotice, [
    row(GiveReappointmentNotice, (notice: ReappointmentNotice, command) => notice.give(command)),
  ]),
];
