import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  ApiAuthenticatedProblems,
  ApiBodyProblems,
  ApiProblems,
} from '../../common/openapi/api-problems.decorator';
import { CaseViewDto } from './dto/case-view.dto';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ACCESS, Allow } from '../../identity/allow.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { parseAsOf } from '../../common/as-of';
import { Clock, CLOCK } from '../../common/clock';
import { IdempotentRequest } from '../../common/idempotency.interceptor';
import { metadataFromRequest, RequestLike } from '../../common/request-metadata';
import { Actor } from '../../identity/actor';
import { CurrentActor } from '../../identity/current-actor.decorator';
import { OrgScope } from '../../identity/org-scope';
import { DomainRuleViolation } from './decider/domain-rule-violation';
import { VETTING_ITEMS, VettingItem } from '../../workflow/definitions/procedure-definition';
import { CaseService, CaseWriteOptions, PaperOpening } from './case.service';
import { vietnamDay } from '../../common/vietnam-day';
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

type Request = RequestLike & IdempotentRequest;
interface Response {
  setHeader(name: string, value: string): void;
}

function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(value.trim());
  if (!match)
    throw new DomainRuleViolation(
      'header.if_match',
      'If-Match: the case revision you last read, e.g. "3"',
      'invalid',
      'If-Match',
    );
  return Number(match[1]);
}

function withEtag<T extends { revision?: number | null } | null>(response: Response, view: T): T {
  if (view && view.revision !== null && view.revision !== undefined)
    response.setHeader('ETag', `"${view.revision}"`);
  return view;
}

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
    private readonly commands: CommandBus,
    private readonly cases: CaseService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly scope: OrgScope,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** Every route with a case id answers nothing about a case outside the grant but 403. */
  private assertCaseInScope(actor: Actor, caseId: string): Promise<void> {
    return this.scope.assertCaseInScope(actor, caseId, 'id');
  }

  private options(actor: Actor, request: Request, ifMatch?: string): CaseWriteOptions {
    return {
      actor,
      metadata: metadataFromRequest(request, actor, this.clock.now()),
      ifMatch: parseIfMatch(ifMatch),
      idSeed: request.idempotencySeed,
    };
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
  @ApiCreatedResponse({ type: CaseViewDto, description: 'the case, with its revision in ETag' })
  @ApiBodyProblems()
  @ApiProblems(409, 422)
  async open(
    @Body() dto: OpenCaseDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    // The unit running the case, the person and the post must all lie in the caller's grant, so
    // the grant covers both the case's unit and the person's (no case about a sibling's person).
    await this.scope.assertUnitInScope(actor, dto.orgUnitId, 'orgUnitId');
    await this.scope.assertPersonInScope(actor, dto.personId, 'personId');
    await this.scope.assertPositionInScope(actor, dto.positionId, 'positionId');
    // A case id taken in another unit answers 403, not "already exists".
    if (dto.id && (await this.scope.caseUnit(dto.id)) !== null)
      await this.assertCaseInScope(actor, dto.id);
    const fromPaper = this.paperOpening(dto, actor);
    const options = this.options(actor, request);
    // Audited: the event's metadata says the opening was back-dated, by whom and with which roles.
    if (fromPaper) options.metadata.openedAsOf = fromPaper.openedOn;
    const view = await this.commands.execute(
      new OpenCase(
        {
          caseId: dto.id ?? `c-${randomUUID()}`,
          procedure: dto.procedure,
          definition: dto.definition,
          personId: dto.personId,
          positionId: dto.positionId,
          orgUnitId: dto.orgUnitId,
          summary: dto.summary,
          ...(fromPaper ? { fromPaper } : {}),
        },
        options,
      ),
    );
    return withEtag(response, view as { revision: number });
  }

  @Allow(...ACCESS.anyRole)
  @Get(':id')
  @ApiOperation({
    summary: "A case's state, current step, what may be done next and its revision (ETag)",
  })
  @ApiQuery({
    name: 'asOf',
    required: false,
    description:
      'the case as it stood then, replayed from its events: a day YYYY-MM-DD means the end of that day in Vietnam (23:59:59.999+07:00); an ISO date-time is that instant (Vietnam time without an offset)',
  })
  @ApiOkResponse({ type: CaseViewDto })
  @ApiProblems(400, 404)
  async get(
    @Param('id') id: string,
    @Query('asOf') asOf: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.assertCaseInScope(actor, id);
    const until = parseAsOf(asOf)?.instant;
    const view = await this.cases.view(id, actor, until);
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
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'the revision you last read; 409 with the current one if it moved',
  })
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
  @ApiOkResponse({ type: CaseViewDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  async perform(
    @Param('id') id: string,
    @Param('stepId') stepId: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.assertCaseInScope(actor, id);
    const options = this.options(actor, request, ifMatch);
    const kind = await this.cases.stepKind(id, stepId);
    const parsed = parseStepBody(kind, body);
    if (parsed.kind === 'nomination') {
      // Candidates are people too: a ballot may not name someone outside the grant.
      for (const [index, candidate] of parsed.candidates.entries())
        await this.scope.assertPersonInScope(
          actor,
          candidate.personId,
          `candidates[${index}].personId`,
        );
    }
    return withEtag(
      response,
      (await this.commands.execute(new PerformCaseStep(id, stepId, parsed, options))) as {
        revision: number;
      },
    );
  }

  @Allow(...ACCESS.caseOpen)
  @Post(':id/vetting/:item/resolve')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Resolve a flagged vetting item with a note (a running discipline bar cannot be resolved)',
  })
  @ApiOkResponse({ type: CaseViewDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  async resolve(
    @Param('id') id: string,
    @Param('item') item: string,
    @Body() dto: ResolveVettingItemDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.assertCaseInScope(actor, id);
    if (!VETTING_ITEMS.includes(item as VettingItem)) {
      throw new DomainRuleViolation(
        'vetting.unknown_item',
        `item: "${item}" is not one of ${VETTING_ITEMS.join(', ')}`,
        'invalid',
        'item',
      );
    }
    return withEtag(
      response,
      (await this.commands.execute(
        new ResolveVettingItem(
          id,
          item as VettingItem,
          dto.note,
          this.options(actor, request, ifMatch),
        ),
      )) as { revision: number },
    );
  }

  @Allow(...ACCESS.caseClose)
  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw the case (closes it)' })
  @ApiOkResponse({ type: CaseViewDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  async withdraw(
    @Param('id') id: string,
    @Body() dto: ReasonDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.assertCaseInScope(actor, id);
    return withEtag(
      response,
      (await this.commands.execute(
        new CloseCase(id, 'withdraw', dto.reason, this.options(actor, request, ifMatch)),
      )) as { revision: number },
    );
  }

  @Allow(...ACCESS.caseClose)
  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject the case (closes it), e.g. after a flagged vetting item' })
  @ApiOkResponse({ type: CaseViewDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  async reject(
    @Param('id') id: string,
    @Body() dto: ReasonDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.assertCaseInScope(actor, id);
    return withEtag(
      response,
      (await this.commands.execute(
        new CloseCase(id, 'reject', dto.reason, this.options(actor, request, ifMatch)),
      )) as { revision: number },
    );
  }
}
