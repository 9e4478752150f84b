import {
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiAuthenticatedProblems, ApiProblems } from '../../common/openapi/api-problems.decorator';
import { DisciplineCaseViewDto } from './dto/discipline-case-view.dto';
import { DISCIPLINE_STEP_BODY_EXAMPLES } from './dto/discipline-step-examples';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { SensitiveRead } from '../../access-log/sensitive-read.decorator';
import { ACCESS, Allow } from '../../identity/allow.decorator';
import { randomUUID } from 'node:crypto';
import { parseBody } from '../case/step-body-validation';
import { ReasonDto } from '../case/dto/open-case.dto';
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
import { ActOnDisciplineCase, OpenDisciplineCase } from './commands/discipline-commands';
import { DisciplineCommand, DisciplineStepBody } from './discipline.commands';
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

const BODY_BY_KIND = {
  meeting: DisciplineMeetingDto,
  ballot: DisciplineBallotDto,
  decision: DisciplineDecisionDto,
} as const;

@ApiTags('discipline')
@ApiBearerAuth()
@ApiExtraModels(DisciplineMeetingDto, DisciplineBallotDto, DisciplineDecisionDto)
@ApiAuthenticatedProblems()
@Controller('discipline-cases')
export class DisciplineController {
  constructor(
    private readonly writer: CommandWriter,
    private readonly discipline: DisciplineService,
    private readonly scope: OrgScope,
  ) {}

  /** Every route with a case id answers nothing about a case outside the grant but 403. */
  private assertCaseInScope(actor: Actor, caseId: string): Promise<void> {
    return this.scope.assertCaseInScope(actor, caseId, 'id', 'discipline case');
  }

  private async act(id: string, command: DisciplineCommand, write: WriteRequest) {
    await this.assertCaseInScope(write.actor, id);
    return this.writer.send(
      write,
      new ActOnDisciplineCase(id, command, this.writer.options(write)),
    );
  }

  @Allow(...ACCESS.disciplineOpen)
  @Post()
  @ApiOperation({
    summary:
      'Open a discipline case: records the violation; refused when past its limitation period',
  })
  @ApiCaseOpen({ type: DisciplineCaseViewDto })
  async open(@Body() dto: OpenDisciplineCaseDto, @Write() write: WriteRequest) {
    const { actor } = write;
    // The unit running the case and the person (and their post, if named) must all lie in the
    // caller's grant: a commune may not discipline a sibling commune's cadre.
    await this.scope.assertUnitInScope(actor, dto.orgUnitId, 'orgUnitId');
    await this.scope.assertPersonInScope(actor, dto.personId, 'personId');
    if (dto.positionId !== undefined)
      await this.scope.assertPositionInScope(actor, dto.positionId, 'positionId');
    // A case id taken in another unit answers 403, not "already exists".
    if (dto.id && (await this.scope.caseUnit(dto.id, 'discipline case')) !== null)
      await this.assertCaseInScope(actor, dto.id);
    const opening = {
      caseId: dto.id ?? `d-${randomUUID()}`,
      definition: dto.definition,
      personId: dto.personId,
      positionId: dto.positionId ?? null,
      orgUnitId: dto.orgUnitId,
      electedCadre: dto.electedCadre ?? false,
      ...(dto.serviceStatus ? { serviceStatus: dto.serviceStatus } : {}),
      summary: dto.summary,
      violation: { ...dto.violation } as Violation,
    };
    return this.writer.send(
      write,
      new OpenDisciplineCase(opening, this.writer.newStreamOptions(write)),
    );
  }

  @Allow(...ACCESS.disciplineRead)
  @SensitiveRead('discipline case')
  @Get(':id')
  @ApiOperation({
    summary:
      'A discipline case: steps, ballot (counts only for the roles the rule names), decision, complaint',
  })
  @ApiAsOfQuery(
    'the case as it stood then: a day YYYY-MM-DD means the end of that day in Vietnam; an ISO date-time is that instant',
  )
  @ApiOkResponse({ type: DisciplineCaseViewDto })
  @ApiProblems(400, 404)
  async get(
    @Param('id') id: string,
    @Query('asOf') asOf: string | undefined,
    @Read() read: ReadRequest,
  ) {
    await this.assertCaseInScope(read.actor, id);
    const view = await this.discipline.view(id, read.actor, parseAsOf(asOf)?.instant);
    return withEtag(read.response, view);
  }

  @Allow(...ACCESS.caseStep)
  @Post(':id/steps/:stepId')
  @ApiOperation({
    summary:
      'Perform the current step: verification, self-criticism, review (meetings), the secret ballot, the decision',
  })
  @ApiIfMatchHeader()
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
  @ApiCaseWrite(DisciplineCaseViewDto)
  async perform(
    @Param('id') id: string,
    @Param('stepId') stepId: string,
    @Body() body: unknown,
    @Write() write: WriteRequest,
  ) {
    await this.assertCaseInScope(write.actor, id);
    const kind = await this.discipline.stepKind(id, stepId);
    if (!(kind in BODY_BY_KIND))
      throw new Error(
        `discipline step ${stepId} has kind ${kind}, which the discipline engine does not run`,
      );
    const dtoClass: new () => object = BODY_BY_KIND[kind as keyof typeof BODY_BY_KIND];
    const parsed = { ...parseBody(dtoClass, body), kind } as DisciplineStepBody;
    return this.act(id, { type: 'PerformDisciplineStep', data: { stepId, body: parsed } }, write);
  }

  @Allow(...ACCESS.disciplineDecide)
  @Post(':id/extend')
  @ApiOperation({
    summary: 'Extend the civil-service time to decide, once (90 → 150 days under the rule set)',
  })
  @ApiCaseWrite(DisciplineCaseViewDto)
  extend(@Param('id') id: string, @Body() dto: ReasonDto, @Write() write: WriteRequest) {
    return this.act(id, { type: 'ExtendTimeLimit', data: { reason: dto.reason } }, write);
  }

  @Allow(...ACCESS.disciplineOpen)
  @Post(':id/complaints')
  @ApiOperation({
    summary:
      "Record the person's complaint against the decision, within the window; opens a review",
  })
  @ApiCaseWrite(DisciplineCaseViewDto)
  complain(@Param('id') id: string, @Body() dto: ComplaintDto, @Write() write: WriteRequest) {
    const { filedOn, grounds } = dto;
    return this.act(id, { type: 'FileComplaint', data: { filedOn, grounds } }, write);
  }

  @Allow(...ACCESS.disciplineDecide)
  @Post(':id/complaints/review')
  @ApiOperation({
    summary: 'The outcome of the complaint review: keep, change (with the new form) or annul',
  })
  @ApiCaseWrite(DisciplineCaseViewDto)
  review(@Param('id') id: string, @Body() dto: ComplaintReviewDto, @Write() write: WriteRequest) {
    const { heldOn, number, outcome, form, reason } = dto;
    const data = { heldOn, number, outcome, ...(form ? { form } : {}), reason };
    return this.act(id, { type: 'ReviewComplaint', data }, write);
  }

  @Allow(...ACCESS.disciplineOpen)
  @Post(':id/close')
  @ApiOperation({
    summary: 'Close an open case without discipline (e.g. the report was withdrawn)',
  })
  @ApiCaseWrite(DisciplineCaseViewDto)
  close(@Param('id') id: string, @Body() dto: ReasonDto, @Write() write: WriteRequest) {
    return this.act(id, { type: 'CloseDisciplineCase', data: { reason: dto.reason } }, write);
  }
}
