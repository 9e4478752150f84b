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
import { DisciplineCaseViewDto } from './dto/discipline-case-view.dto';
import { DISCIPLINE_STEP_BODY_EXAMPLES } from './dto/discipline-step-examples';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { SensitiveRead } from '../../access-log/sensitive-read.decorator';
import { ACCESS, Allow } from '../../identity/allow.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { parseBody } from '../case/step-body-validation';
import { ReasonDto } from '../case/dto/open-case.dto';
import { parseAsOf } from '../../common/as-of';
import { Clock, CLOCK } from '../../common/clock';
import { IdempotentRequest } from '../../common/idempotency.interceptor';
import { metadataFromRequest, RequestLike } from '../../common/request-metadata';
import { Actor } from '../../identity/actor';
import { CurrentActor } from '../../identity/current-actor.decorator';
import { OrgScope } from '../../identity/org-scope';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { ActOnDisciplineCase, OpenDisciplineCase } from './commands/discipline-commands';
import { DisciplineStepBody } from './discipline.commands';
import { DisciplineCommand } from './discipline.commands';
import { DisciplineWriteOptions } from './discipline.service';
import { DisciplineService } from './discipline.service';
import { Violation } from './discipline.events';
import {
  ComplaintDto,
  ComplaintReviewDto,
  DisciplineBallotDto,
  DisciplineDecisionDto,
  DisciplineMeetingDto,
  OpenDisciplineCaseDto,
} from './dto/discipline-bodies.dto';

type Request = RequestLike & IdempotentRequest;
interface Response {
  setHeader(name: string, value: string): void;
}

const BODY_BY_KIND = {
  meeting: DisciplineMeetingDto,
  ballot: DisciplineBallotDto,
  decision: DisciplineDecisionDto,
} as const;

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

function withEtag<T>(response: Response, view: T): T {
  const revision = (view as { revision?: number | null } | null)?.revision;
  if (revision !== null && revision !== undefined) response.setHeader('ETag', `"${revision}"`);
  return view;
}

@ApiTags('discipline')
@ApiBearerAuth()
@ApiExtraModels(DisciplineMeetingDto, DisciplineBallotDto, DisciplineDecisionDto)
@ApiAuthenticatedProblems()
@Controller('discipline-cases')
export class DisciplineController {
  constructor(
    private readonly commands: CommandBus,
    private readonly discipline: DisciplineService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly scope: OrgScope,
  ) {}

  /** Every route with a case id answers nothing about a case outside the grant but 403. */
  private assertCaseInScope(actor: Actor, caseId: string): Promise<void> {
    return this.scope.assertCaseInScope(actor, caseId, 'id', 'discipline case');
  }

  private options(actor: Actor, request: Request, ifMatch?: string): DisciplineWriteOptions {
    return {
      actor,
      metadata: metadataFromRequest(request, actor, this.clock.now()),
      ifMatch: parseIfMatch(ifMatch),
      idSeed: request.idempotencySeed,
    };
  }

  private async act(
    id: string,
    command: DisciplineCommand,
    actor: Actor,
    request: Request,
    response: Response,
    ifMatch?: string,
  ) {
    await this.assertCaseInScope(actor, id);
    return this.commands
      .execute(new ActOnDisciplineCase(id, command, this.options(actor, request, ifMatch)))
      .then((view) => withEtag(response, view));
  }

  @Allow(...ACCESS.disciplineOpen)
  @Post()
  @ApiOperation({
    summary:
      'Open a discipline case: records the violation; refused when past its limitation period',
  })
  @ApiCreatedResponse({ type: DisciplineCaseViewDto })
  @ApiBodyProblems()
  @ApiProblems(409, 422)
  async open(
    @Body() dto: OpenDisciplineCaseDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    // The unit running the case and the person (and their post, if named) must all lie in the
    // caller's grant: a commune may not discipline a sibling commune's cadre.
    await this.scope.assertUnitInScope(actor, dto.orgUnitId, 'orgUnitId');
    await this.scope.assertPersonInScope(actor, dto.personId, 'personId');
    if (dto.positionId !== undefined)
      await this.scope.assertPositionInScope(actor, dto.positionId, 'positionId');
    // A case id taken in another unit answers 403, not "already exists".
    if (dto.id && (await this.scope.caseUnit(dto.id, 'discipline case')) !== null)
      await this.assertCaseInScope(actor, dto.id);
    const view = await this.commands.execute(
      new OpenDisciplineCase(
        {
          caseId: dto.id ?? `d-${randomUUID()}`,
          definition: dto.definition,
          personId: dto.personId,
          positionId: dto.positionId ?? null,
          orgUnitId: dto.orgUnitId,
          electedCadre: dto.electedCadre ?? false,
          summary: dto.summary,
          violation: { ...dto.violation } as Violation,
        },
        this.options(actor, request),
      ),
    );
    return withEtag(response, view);
  }

  @Allow(...ACCESS.disciplineRead)
  @SensitiveRead('discipline case')
  @Get(':id')
  @ApiOperation({
    summary:
      'A discipline case: steps, ballot (counts only for the roles the rule names), decision, complaint',
  })
  @ApiQuery({
    name: 'asOf',
    required: false,
    description:
      'the case as it stood then: a day YYYY-MM-DD means the end of that day in Vietnam; an ISO date-time is that instant',
  })
  @ApiOkResponse({ type: DisciplineCaseViewDto })
  @ApiProblems(400, 404)
  async get(
    @Param('id') id: string,
    @Query('asOf') asOf: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.assertCaseInScope(actor, id);
    const until = parseAsOf(asOf)?.instant;
    return withEtag(response, await this.discipline.view(id, actor, until));
  }

  @Allow(...ACCESS.caseStep)
  @Post(':id/steps/:stepId')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Perform the current step: verification, self-criticism, review (meetings), the secret ballot, the decision',
  })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'the revision you last read; 409 with the current one if it moved',
  })
  @ApiBody({
    schema: {
      oneOf: [DisciplineMeetingDto, DisciplineBallotDto, DisciplineDecisionDto].map((dto) => ({
        $ref: getSchemaPath(dto),
      })),
    },
    description:
      'meeting steps (verification, self-criticism, review) take DisciplineMeetingDto, the ballot DisciplineBallotDto, the decision DisciplineDecisionDto',
    examples: DISCIPLINE_STEP_BODY_EXAMPLES,
  })
  @ApiOkResponse({ type: DisciplineCaseViewDto })
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
    const kind = await this.discipline.stepKind(id, stepId);
    if (!(kind in BODY_BY_KIND))
      throw new Error(
        `discipline step ${stepId} has kind ${kind}, which the discipline engine does not run`,
      );
    const dtoClass: new () => object = BODY_BY_KIND[kind as keyof typeof BODY_BY_KIND];
    const parsed = { ...parseBody(dtoClass, body), kind } as DisciplineStepBody;
    return this.act(
      id,
      { type: 'PerformDisciplineStep', data: { stepId, body: parsed } },
      actor,
      request,
      response,
      ifMatch,
    );
  }

  @Allow(...ACCESS.disciplineDecide)
  @Post(':id/extend')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Extend the civil-service time to decide, once (90 → 150 days under the rule set)',
  })
  @ApiOkResponse({ type: DisciplineCaseViewDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  extend(
    @Param('id') id: string,
    @Body() dto: ReasonDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.act(
      id,
      { type: 'ExtendTimeLimit', data: { reason: dto.reason } },
      actor,
      request,
      response,
      ifMatch,
    );
  }

  @Allow(...ACCESS.disciplineOpen)
  @Post(':id/complaints')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Record the person's complaint against the decision, within the window; opens a review",
  })
  @ApiOkResponse({ type: DisciplineCaseViewDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  complain(
    @Param('id') id: string,
    @Body() dto: ComplaintDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.act(
      id,
      { type: 'FileComplaint', data: { filedOn: dto.filedOn, grounds: dto.grounds } },
      actor,
      request,
      response,
      ifMatch,
    );
  }

  @Allow(...ACCESS.disciplineDecide)
  @Post(':id/complaints/review')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The outcome of the complaint review: keep, change (with the new form) or annul',
  })
  @ApiOkResponse({ type: DisciplineCaseViewDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  review(
    @Param('id') id: string,
    @Body() dto: ComplaintReviewDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.act(
      id,
      {
        type: 'ReviewComplaint',
        data: {
          heldOn: dto.heldOn,
          number: dto.number,
          outcome: dto.outcome,
          ...(dto.form ? { form: dto.form } : {}),
          reason: dto.reason,
        },
      },
      actor,
      request,
      response,
      ifMatch,
    );
  }

  @Allow(...ACCESS.disciplineOpen)
  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close an open case without discipline (e.g. the report was withdrawn)',
  })
  @ApiOkResponse({ type: DisciplineCaseViewDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  close(
    @Param('id') id: string,
    @Body() dto: ReasonDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.act(
      id,
      { type: 'CloseDisciplineCase', data: { reason: dto.reason } },
      actor,
      request,
      response,
      ifMatch,
    );
  }
}
