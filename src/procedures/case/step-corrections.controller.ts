import { Body, Controller, Headers, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
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
import { Clock, CLOCK } from '../../common/clock';
import {
  ApiAuthenticatedProblems,
  ApiBodyProblems,
  ApiProblems,
} from '../../common/openapi/api-problems.decorator';
import { metadataFromRequest } from '../../common/request-metadata';
import { Actor } from '../../identity/actor';
import { ACCESS, Allow } from '../../identity/allow.decorator';
import { CurrentActor } from '../../identity/current-actor.decorator';
import { OrgScope } from '../../identity/org-scope';
import { CaseService } from './case.service';
import { parseIfMatch, Request, Response, withEtag } from './cases.controller';
import { CorrectCaseStep } from './commands/case-commands';
import { DomainRuleViolation } from './decider/domain-rule-violation';
import { CorrectionReasonDto } from './dto/correct-step.dto';
import { CaseViewDto } from './dto/case-view.dto';
import {
  BallotStepDto,
  MeetingStepDto,
  NominationStepDto,
  ProposalStepDto,
  VettingStepDto,
} from './dto/step-bodies.dto';
import { parseBody, parseStepBody } from './step-body-validation';

const CORRECTABLE_BODIES = [
  ProposalStepDto,
  MeetingStepDto,
  NominationStepDto,
  BallotStepDto,
  VettingStepDto,
];

/** Corrections of recorded steps: `StepCorrected`, the original kept in the history. */
@ApiTags('cases')
@ApiBearerAuth()
@ApiExtraModels(CorrectionReasonDto)
@ApiAuthenticatedProblems()
@Controller('cases')
export class StepCorrectionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly cases: CaseService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly scope: OrgScope,
  ) {}

  @Allow(...ACCESS.caseStep)
  @Post(':id/steps/:stepId/corrections')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Correct the last performed step: the corrected body (as for performing the step) with a reason; judged again by the step rules. The definition names who may correct (`corrections`); a later step, a decision or a wrong role is refused with its rule',
  })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'the revision you last read; 409 with the current one if it moved',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiBody({
    schema: {
      allOf: [
        { $ref: getSchemaPath(CorrectionReasonDto) },
        { oneOf: CORRECTABLE_BODIES.map((dto) => ({ $ref: getSchemaPath(dto) })) },
      ],
    },
  })
  @ApiOkResponse({ type: CaseViewDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  async correct(
    @Param('id') id: string,
    @Param('stepId') stepId: string,
    @Body() raw: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.scope.assertCaseInScope(actor, id, 'id');
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw new DomainRuleViolation(
        'body.invalid',
        'the request body must be a JSON object',
        'invalid',
      );
    const { reason, ...stepBody } = raw as Record<string, unknown>;
    const { reason: why } = parseBody(CorrectionReasonDto, { reason });
    const options = {
      actor,
      metadata: metadataFromRequest(request, actor, this.clock.now()),
      ifMatch: parseIfMatch(ifMatch),
      idSeed: request.idempotencySeed,
    };
    const body = parseStepBody(await this.cases.stepKind(id, stepId), stepBody);
    if (body.kind === 'nomination')
      for (const [index, candidate] of body.candidates.entries())
        await this.scope.assertPersonInScope(
          actor,
          candidate.personId,
          `candidates[${index}].personId`,
        );
    const view = await this.commands.execute(new CorrectCaseStep(id, stepId, body, why, options));
    return withEtag(response, view as { revision: number });
  }
}
