import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
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
import { CommandWriter } from '../../common/http/command-writer';
import { Write, WriteRequest } from '../../common/http/route-request.decorator';
import {
  ApiAuthenticatedProblems,
  ApiBodyProblems,
  ApiProblems,
} from '../../common/openapi/api-problems.decorator';
import { ACCESS, Allow } from '../../identity/allow.decorator';
import { OrgScope } from '../../identity/org-scope';
import { CaseService } from './case.service';
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
    private readonly writer: CommandWriter,
    private readonly cases: CaseService,
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
    @Write() write: WriteRequest,
  ) {
    const { actor } = write;
    await this.scope.assertCaseInScope(actor, id, 'id');
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw new DomainRuleViolation(
        'body.invalid',
        'the request body must be a JSON object',
        'invalid',
      );
    const { reason, ...stepBody } = raw as Record<string, unknown>;
    const { reason: why } = parseBody(CorrectionReasonDto, { reason });
    const options = this.writer.options(write);
    const body = parseStepBody(await this.cases.stepKind(id, stepId), stepBody);
    if (body.kind === 'nomination')
      for (const [index, candidate] of body.candidates.entries())
        await this.scope.assertPersonInScope(
          actor,
          candidate.personId,
          `candidates[${index}].personId`,
        );
    return this.writer.send(write, new CorrectCaseStep(id, stepId, body, why, options));
  }
}
