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
import { ACCESS, Allow } from '../identity/allow.decorator';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiHeader,
  ApiOperation,
  ApiQuery,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Clock, CLOCK } from '../common/clock';
import { IdempotentRequest } from '../common/idempotency.interceptor';
import { metadataFromRequest, RequestLike } from '../common/request-metadata';
import { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/current-actor.decorator';
import { DomainRuleViolation } from '../workflow/case/domain-rule-violation';
import { VETTING_ITEMS, VettingItem } from '../workflow/definitions/procedure-definition';
import { CaseService, CaseWriteOptions } from './case.service';
import { CloseCase } from './commands/close-case';
import { OpenCase } from './commands/open-case';
import { PerformCaseStep } from './commands/perform-case-step';
import { ResolveVettingItem } from './commands/resolve-vetting-item';
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
import { PG_POOL } from '../common/tokens';
import { displayNames } from '../read-models/display-names';
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
@Controller('cases')
export class CasesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly cases: CaseService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  private options(actor: Actor, request: Request, ifMatch?: string): CaseWriteOptions {
    return {
      actor,
      metadata: metadataFromRequest(request, actor, this.clock.now()),
      ifMatch: parseIfMatch(ifMatch),
      idSeed: request.idempotencySeed,
    };
  }

  @Allow(...ACCESS.caseOpen)
  @Post()
  @ApiOperation({
    summary: 'Open a case; it pins the definition version and the rule set in force today',
  })
  async open(
    @Body() dto: OpenCaseDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
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
        },
        this.options(actor, request),
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
    description: 'ISO time: the case as it stood then, replayed from its events',
  })
  async get(
    @Param('id') id: string,
    @Query('asOf') asOf: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ) {
    let until: Date | undefined;
    if (asOf !== undefined) {
      until = new Date(asOf);
      if (Number.isNaN(until.getTime()))
        throw new DomainRuleViolation(
          'query.as_of',
          `asOf: "${asOf}" is not an ISO date-time`,
          'invalid',
          'asOf',
        );
    }
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
  async perform(
    @Param('id') id: string,
    @Param('stepId') stepId: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const options = this.options(actor, request, ifMatch);
    const kind = await this.cases.stepKind(id, stepId);
    const parsed = parseStepBody(kind, body);
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
  async resolve(
    @Param('id') id: string,
    @Param('item') item: string,
    @Body() dto: ResolveVettingItemDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
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
  async withdraw(
    @Param('id') id: string,
    @Body() dto: ReasonDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
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
  async reject(
    @Param('id') id: string,
    @Body() dto: ReasonDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return withEtag(
      response,
      (await this.commands.execute(
        new CloseCase(id, 'reject', dto.reason, this.options(actor, request, ifMatch)),
      )) as { revision: number },
    );
  }
}
