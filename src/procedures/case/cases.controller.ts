import {
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiAuthenticatedProblems, ApiProblems } from '../../common/openapi/api-problems.decorator';
import { CaseViewDto } from './dto/case-view.dto';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ACCESS, Allow } from '../../identity/allow.decorator';
import { randomUUID } from 'node:crypto';
import { parseAsOf } from '../../common/as-of';
import { CommandWriter } from '../../common/http/command-writer';
import { withEtag } from '../../common/http/etag';
import {
  ApiAsOfQuery,
  ApiCaseOpen,
  ApiCaseWrite,
  ApiIfMatchHeader,
} from '../../common/http/route-docs';
import { Read, ReadRequest, Write, WriteRequest } from '../../common/http/route-request.decorator';
import { Actor } from '../../identity/actor';
import { OrgScope } from '../../identity/org-scope';
import { DomainRuleViolation } from './decider/domain-rule-violation';
import { VETTING_ITEMS, VettingItem } from '../../workflow/definitions/procedure-definition';
import { CaseService, PaperOpening } from './case.service';
import { vietnamDay } from '../../common/vietnam-day';
import { Clock, CLOCK } from '../../common/clock';
import { CloseCase, OpenCase, PerformCaseStep, ResolveVettingItem } from './commands/case-commands';
import { OpenCaseDto, ReasonDto, ResolveVettingItemDto } from './dto/open-case.dto';
import {
  BallotStepDto,
  DecisionStepDto,
  MeetingStepDto,
  NominationStepDto,
  ProposalStepDto,
  VettingStepDto,
} from './dto/step-bodies.dto';
import { STEP_BODY_EXAMPLES } from './dto/step-body-examples';
import { Pool } from 'pg';
import { PG_POOL } from '../../common/tokens';
import { displayNames } from '../../read-models/display-names';
import { parseStepBody } from './step-body-validation';

@ApiTags('cases')
@ApiBearerAuth()
@ApiExtraModels(
  ProposalStepDto,
  MeetingStepDto,
  NominationStepDto,
  BallotStepDto,
  VettingStepDto,
  DecisionStepDto,
)
@ApiAuthenticatedProblems()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly writer: CommandWriter,
    private readonly cases: CaseService,
    private readonly scope: OrgScope,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Every route with a case id answers nothing about a case outside the grant but 403. */
  private assertCaseInScope(actor: Actor, caseId: string): Promise<void> {
    return this.scope.assertCaseInScope(actor, caseId, 'id');
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
  async open(@Body() dto: OpenCaseDto, @Write() write: WriteRequest) {
    const { actor } = write;
    // The unit running the case, the person and the post must all lie in the caller's grant, so
    // the grant covers both the case's unit and the person's (no case about a sibling's person).
    await this.scope.assertUnitInScope(actor, dto.orgUnitId, 'orgUnitId');
    if (dto.personId) await this.scope.assertPersonInScope(actor, dto.personId, 'personId');
    await this.scope.assertPositionInScope(actor, dto.positionId, 'positionId');
    // A case id taken in another unit answers 403, not "already exists".
    if (dto.id && (await this.scope.caseUnit(dto.id)) !== null)
      await this.assertCaseInScope(actor, dto.id);
    if (dto.approvalInPrincipleCaseId)
      await this.scope.assertCaseInScope(
        actor,
        dto.approvalInPrincipleCaseId,
        'approvalInPrincipleCaseId',
      );
    if (dto.consultationCaseId)
      await this.scope.assertCaseInScope(actor, dto.consultationCaseId, 'consultationCaseId');
    const fromPaper = this.paperOpening(dto, actor);
    const { id, procedure, definition, personId, positionId, orgUnitId, summary } = dto;
    const caseId = id ?? `c-${randomUUID()}`;
    const options = this.writer.newStreamOptions(write);
    // Audited: the event's metadata says the opening was back-dated, by whom and with which roles.
    if (fromPaper) options.metadata.openedAsOf = fromPaper.openedOn;
    return this.writer.send(
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

  @Allow(...ACCESS.anyRole)
  @Get(':id')
  @ApiOperation({
    summary: "A case's state, current step, what may be done next and its revision (ETag)",
  })
  @ApiAsOfQuery(
    'the case as it stood then, replayed from its events: a day YYYY-MM-DD means the end of that day in Vietnam (23:59:59.999+07:00); an ISO date-time is that instant (Vietnam time without an offset)',
  )
  @ApiOkResponse({ type: CaseViewDto })
  @ApiProblems(400, 404)
  async get(
    @Param('id') id: string,
    @Query('asOf') asOf: string | undefined,
    @Read() read: ReadRequest,
  ) {
    const { actor, response } = read;
    await this.assertCaseInScope(actor, id);
    const view = await this.cases.view(id, actor, parseAsOf(asOf)?.instant);
    if (!view) return withEtag(response, view);
    // Names for the screens: the person, the nominees, the post and the unit.
    const names = await displayNames(this.pool, {
      people: [view.personId, ...(view.nominees ?? [])],
      positions: view.positionId ? [view.positionId] : [],
      orgUnits: [view.orgUnitId],
    });
    return withEtag(response, { ...view, names });
  }

  @Allow(...ACCESS.caseStep)
  @Post(':id/steps/:stepId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Perform the current step; the body depends on the step kind' })
  @ApiIfMatchHeader()
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'a retry with the same key returns the first answer and writes nothing',
  })
  @ApiBody({
    schema: {
      oneOf: [
        ProposalStepDto,
        MeetingStepDto,
        NominationStepDto,
        BallotStepDto,
        VettingStepDto,
        DecisionStepDto,
      ].map((dto) => ({ $ref: getSchemaPath(dto) })),
    },
    examples: STEP_BODY_EXAMPLES,
  })
  @ApiCaseWrite(CaseViewDto)
  async perform(
    @Param('id') id: string,
    @Param('stepId') stepId: string,
    @Body() body: unknown,
    @Write() write: WriteRequest,
  ) {
    await this.assertCaseInScope(write.actor, id);
    const options = this.writer.options(write);
    const parsed = parseStepBody(await this.cases.stepKind(id, stepId), body);
    if (parsed.kind === 'nomination') {
      // Candidates are people too: a ballot may not name someone outside the grant.
      for (const [index, { personId }] of parsed.candidates.entries())
        await this.scope.assertPersonInScope(
          write.actor,
          personId,
          `candidates[${index}].personId`,
        );
    }
    if (parsed.kind === 'ballot') {
      // A post case's tallies and the head's choice name people too.
      for (const [index, { personId }] of (parsed.tallies ?? []).entries())
        await this.scope.assertPersonInScope(write.actor, personId, `tallies[${index}].personId`);
      if (parsed.headChoice)
        await this.scope.assertPersonInScope(write.actor, parsed.headChoice, 'headChoice');
    }
    return this.writer.send(write, new PerformCaseStep(id, stepId, parsed, options));
  }

  @Allow(...ACCESS.caseOpen)
  @Post(':id/vetting/:item/resolve')
  @ApiOperation({
    summary:
      'Resolve a flagged vetting item with a note (a running discipline bar cannot be resolved)',
  })
  @ApiCaseWrite(CaseViewDto)
  async resolve(
    @Param('id') id: string,
    @Param('item') item: string,
    @Body() dto: ResolveVettingItemDto,
    @Write() write: WriteRequest,
  ) {
    await this.assertCaseInScope(write.actor, id);
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
  withdraw(@Param('id') id: string, @Body() dto: ReasonDto, @Write() write: WriteRequest) {
    return this.close(id, 'withdraw', dto.reason, write);
  }

  @Allow(...ACCESS.caseClose)
  @Post(':id/reject')
  @ApiOperation({ summary: 'Reject the case (closes it), e.g. after a flagged vetting item' })
  @ApiCaseWrite(CaseViewDto)
  reject(@Param('id') id: string, @Body() dto: ReasonDto, @Write() write: WriteRequest) {
    return this.close(id, 'reject', dto.reason, write);
  }

  private async close(id: string, how: 'withdraw' | 'reject', reason: string, write: WriteRequest) {
    await this.assertCaseInScope(write.actor, id);
    return this.writer.send(write, new CloseCase(id, how, reason, this.writer.options(write)));
  }
}
