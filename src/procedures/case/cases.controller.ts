import { ApiBody, ApiOperation } from '@nestjs/swagger';
import { HeadsReadOnce } from '../../common/heads-read-once';
import { CaseViewDto } from './dto/case-view.dto';
import { Body, Inject, Param, Post } from '@nestjs/common';
import { ACCESS, Allow } from '../../identity/allow.decorator';
import { generatedId } from '../../common/generated-id';
import { CommandWriter } from '../../common/http/command-writer';
import { refusalForReader } from './duplicate-open-case';
import { CaseEngineController, OPENING_IDS } from '../../common/http/case-routes';
import { CaseEngineRoutes } from '../../common/http/case-engine-routes';
import { WriteOptions } from '../../common/http/write-options';
import { ApiCaseOpen, ApiCaseWrite } from '../../common/http/route-docs';
import { Write, WriteRequest } from '../../common/http/route-request.decorator';
import { Actor } from '../../identity/actor';
import { OrgScope } from '../../identity/org-scope';
import { DomainRuleViolation } from './decider/domain-rule-violation';
import { VETTING_ITEMS, VettingItem } from '../../workflow/definitions/procedure-definition';
import { CaseService, PaperOpening } from './case.service';
import { vietnamDay } from '../../common/vietnam-day';
import { Clock, CLOCK } from '../../common/clock';
import {
  CloseCase,
  CorrectCaseStep,
  OpenCase,
  PerformCaseStep,
  ResolveVettingItem,
} from './commands/case-commands';
import { CorrectionReasonDto } from './dto/correct-step.dto';
import { OpenCaseDto, ReasonDto, ResolveVettingItemDto } from './dto/open-case.dto';
import { STEP_BODIES as ENGINE_STEP_BODIES } from './dto/case-step-bodies';
import { DecisionStepDto } from './dto/step-bodies.dto';
import { RegistrationStepDto, ScoresStepDto } from '../competitive-exam/dto/exam-step-bodies.dto';
import { STEP_BODY_EXAMPLES } from './dto/step-body-examples';
import { Pool } from 'pg';
import { PG_POOL } from '../../common/tokens';
import { displayNames } from '../../read-models/display-names';
import { parseBody, parseStepBody } from './step-body-validation';
import { postIdsInVetting } from './posts-named-in-vetting';
import { StepBody } from './decider/case.commands';
import { peopleInSteps } from './people-in-steps';
import { idsNamed } from '../../common/http/ids-named-in-body';
import { requireStepRole } from '../../workflow/step-engine';

/** The cases of an earlier track an opening may name: each must lie in the caller's grant. */
const TRACKS_NAMED = ['approvalInPrincipleCaseId', 'consultationCaseId'] as const;

/** Every step kind's body: the engine's and a competitive examination's. */
const STEP_BODIES = [...ENGINE_STEP_BODIES, RegistrationStepDto, ScoresStepDto];
const CORRECTABLE_BODIES = STEP_BODIES.filter((dto) => dto !== DecisionStepDto);

@CaseEngineController('cases', 'cases', ...STEP_BODIES, CorrectionReasonDto)
export class CasesController extends CaseEngineRoutes({
  view: CaseViewDto,
  read: {
    roles: ACCESS.anyRole,
    // Its view shows vetting results and ballot counts: every read goes to the access log, as a
    // discipline case's does (before, an auditor's as-of reads of a case left no entry).
    sensitive: 'case',
    summary: "A case's state, current step, what may be done next and its revision (ETag)",
    asOf: 'the case as it stood then, replayed from its events: a day YYYY-MM-DD means the end of that day in Vietnam (23:59:59.999+07:00); an ISO date-time is the whole minute, second or millisecond it is written to (Vietnam time without an offset), so the recordedAt a history shows includes its event; such a replay offers no action (allowedNext is empty)',
  },
  step: {
    roles: ACCESS.caseStep,
    summary: 'Perform the current step; the body depends on the step kind',
    bodies: STEP_BODIES,
    docs: { examples: STEP_BODY_EXAMPLES },
  },
  correction: {
    roles: ACCESS.caseStep,
    summary:
      'Correct the last performed step: the corrected body (as for performing the step) with a reason; judged again by the step rules. The definition names who may correct (`corrections`); a later step, a decision or a wrong role is refused with its rule',
    bodies: CORRECTABLE_BODIES,
  },
}) {
  constructor(
    writer: CommandWriter,
    private readonly cases: CaseService,
    scope: OrgScope,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super(writer, scope, 'case');
  }

  /** The case with the names the screens show: the person, the nominees, the posts and the unit. */
  protected async viewOf(id: string, actor: Actor, at?: Date) {
    const view = await this.cases.view(id, actor, at);
    if (!view) return view;
    const names = await displayNames(this.pool, {
      people: [
        ...(view.personId ? [view.personId] : []),
        ...(view.nominees ?? []),
        ...peopleInSteps(view.steps),
      ],
      positions: [...(view.positionId ? [view.positionId] : []), ...postIdsInVetting(view.vetting)],
      orgUnits: [view.orgUnitId],
    });
    return { ...view, names };
  }

  protected async stepCommand(
    id: string,
    stepId: string,
    raw: unknown,
    write: WriteRequest,
    options: WriteOptions,
  ) {
    // Who may take the step is the definition's to say, asked before its body and the case's
    // current step: 403 before anything else about the case (README's order of refusals).
    const step = await this.cases.stepOf(id, stepId);
    requireStepRole(step, write.actor);
    const body = parseStepBody(step.kind, raw);
    await this.assertPeopleInScope(write.actor, body);
    return new PerformCaseStep(id, stepId, body, options);
  }

  protected async correctionCommand(
    id: string,
    stepId: string,
    { reason, stepBody }: { reason: string; stepBody: Record<string, unknown> },
    write: WriteRequest,
    options: WriteOptions,
  ) {
    const body = parseStepBody((await this.cases.stepOf(id, stepId)).kind, stepBody);
    await this.assertPeopleInScope(write.actor, body);
    return new CorrectCaseStep(id, stepId, body, reason, options);
  }

  /** The people a step body names: a nomination's or registration's candidates, a part's scores. */
  private async assertPeopleInScope(actor: WriteRequest['actor'], body: StepBody) {
    if (body.kind === 'nomination' || body.kind === 'registration')
      await this.assertCandidatesInScope(actor, body.candidates);
    if (body.kind === 'scores') await this.assertCandidatesInScope(actor, body.scores, 'scores');
  }

  /** Sends the opening; a duplicate-open refusal names the holding case only within the grant. */
  private async opened(actor: Actor, write: WriteRequest, command: OpenCase): Promise<unknown> {
    try {
      return await this.writer.send(write, command);
    } catch (error) {
      throw await refusalForReader(error, this.scope, actor);
    }
  }

  /**
   * A case that ran on paper before the unit adopted the service opens as of the day it began:
   * only a records clerk may (on top of the first step's role), and only with the paper file's
   * reference, so the back-dating is never anonymous nor unexplained.
   */
  private paperOpening(dto: OpenCaseDto, actor: Actor): PaperOpening | undefined {
    if (dto.openedOn === undefined) {
      if (dto.paperRecordRef !== undefined)
        throw new DomainRuleViolation(
          'case.paper_ref_without_day',
          'openedOn: the day the paper case began goes with paperRecordRef',
          'invalid',
          'openedOn',
        );
      return undefined;
    }
    if (!ACCESS.caseOpenFromPaper.some((role) => actor.roles.includes(role)))
      throw new DomainRuleViolation(
        'case.opened_on_needs_records_clerk',
        `openedOn: opening a case as of a past day needs the role ${ACCESS.caseOpenFromPaper.join(' or ')}`,
        'forbidden',
        'openedOn',
      );
    const today = vietnamDay(this.clock.now());
    if (dto.openedOn > today)
      throw new DomainRuleViolation(
        'case.opened_in_the_future',
        `openedOn: ${dto.openedOn} is after today (${today})`,
        'invalid',
        'openedOn',
      );
    return { openedOn: dto.openedOn, paperRecordRef: dto.paperRecordRef! };
  }

  @Allow(...ACCESS.caseOpen)
  @Post()
  @ApiOperation({
    summary:
      'Open a case; it pins the definition version and the rule set in force today (or, for a case kept on paper, on openedOn: records_clerk only)',
  })
  @ApiCaseOpen({ type: CaseViewDto, description: 'the case, with its revision in ETag' })
  @ApiBody({ type: OpenCaseDto })
  async open(@Body() raw: unknown, @Write() write: WriteRequest) {
    // The subject's head the scope check asks serves the opening's read of the record too.
    return HeadsReadOnce.within(() => this.opening(raw, write));
  }

  /** Every id the body names is asked of the grant first, then the body (`parseBody`), as a step's. */
  private async opening(raw: unknown, write: WriteRequest) {
    const { actor } = write;
    const named = idsNamed(OpenCaseDto, raw, [...OPENING_IDS, ...TRACKS_NAMED]);
    await this.assertOpeningInScope(actor, named);
    for (const field of TRACKS_NAMED) {
      const caseId = named[field];
      if (caseId) await this.scope.assertCaseInScope(actor, caseId, field);
    }
    const dto = parseBody(OpenCaseDto, raw);
    const fromPaper = this.paperOpening(dto, actor);
    const { id, procedure, definition, personId, positionId, orgUnitId, summary } = dto;
    const caseId = id ?? generatedId('c', write.request.idempotencySeed);
    const options = this.writer.newStreamOptions(write);
    // Audited: the event's metadata says the opening was back-dated, by whom and with which roles.
    if (fromPaper) options.metadata.openedAsOf = fromPaper.openedOn;
    return this.opened(
      actor,
      write,
      new OpenCase(
        {
          caseId,
          procedure,
          definition,
          personId: personId ?? '',
          positionId,
          orgUnitId,
          summary,
          ...(fromPaper ? { fromPaper } : {}),
          ...(dto.grounds ? { grounds: dto.grounds } : {}),
          ...(dto.approvalInPrincipleCaseId
            ? { approvalInPrincipleCaseId: dto.approvalInPrincipleCaseId }
            : {}),
          ...(dto.consultationCaseId ? { consultationCaseId: dto.consultationCaseId } : {}),
        },
        options,
      ),
    );
  }

  @Allow(...ACCESS.caseOpen)
  @Post(':id/vetting/:item/resolve')
  @ApiOperation({
    summary:
      'Resolve a flagged vetting item with a note (a running discipline bar cannot be resolved)',
  })
  @ApiCaseWrite(CaseViewDto)
  @ApiBody({ type: ResolveVettingItemDto })
  async resolve(
    @Param('id') id: string,
    @Param('item') item: string,
    @Body() raw: unknown,
    @Write() write: WriteRequest,
  ) {
    // The case's scope is answered before anything about the body (`parseBody`), as a step's is.
    await this.assertCaseInScope(write.actor, id);
    const dto = parseBody(ResolveVettingItemDto, raw);
    if (!VETTING_ITEMS.includes(item as VettingItem)) {
      throw new DomainRuleViolation(
        'vetting.unknown_item',
        `item: "${item}" is not one of ${VETTING_ITEMS.join(', ')}`,
        'invalid',
        'item',
      );
    }
    const options = this.writer.options(write);
    return this.writer.send(
      write,
      new ResolveVettingItem(id, item as VettingItem, dto.note, options),
    );
  }

  @Allow(...ACCESS.caseClose)
  @Post(':id/withdraw')
  @ApiOperation({ summary: 'Withdraw the case (closes it)' })
  @ApiCaseWrite(CaseViewDto)
  @ApiBody({ type: ReasonDto })
  withdraw(@Param('id') id: string, @Body() raw: unknown, @Write() write: WriteRequest) {
    return this.close(id, 'withdraw', raw, write);
  }

  @Allow(...ACCESS.caseClose)
  @Post(':id/reject')
  @ApiOperation({ summary: 'Reject the case (closes it), e.g. after a flagged vetting item' })
  @ApiCaseWrite(CaseViewDto)
  @ApiBody({ type: ReasonDto })
  reject(@Param('id') id: string, @Body() raw: unknown, @Write() write: WriteRequest) {
    return this.close(id, 'reject', raw, write);
  }

  /** The case's scope first, then the body (`reason`), then the command. */
  private async close(id: string, how: 'withdraw' | 'reject', raw: unknown, write: WriteRequest) {
    await this.assertCaseInScope(write.actor, id);
    const { reason } = parseBody(ReasonDto, raw);
    return this.writer.send(write, new CloseCase(id, how, reason, this.writer.options(write)));
  }
}
