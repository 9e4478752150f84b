import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
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
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { CorrectionReasonDto } from '../case/dto/correct-step.dto';
import { parseBody } from '../case/step-body-validation';
import { ActOnDisciplineCase } from './commands/discipline-commands';
import { DisciplineStepBody } from './discipline.commands';
import { DisciplineService } from './discipline.service';
import { DisciplineCaseViewDto } from './dto/discipline-case-view.dto';
import {
  DisciplineBallotDto,
  DisciplineDecisionDto,
  DisciplineMeetingDto,
} from './dto/discipline-bodies.dto';

const CORRECTABLE_BODIES = { meeting: DisciplineMeetingDto, ballot: DisciplineBallotDto } as const;
/** A decision's body is read too, so the engine's refusal (`step.correction_of_decision`) names the rule. */
const BODY_BY_KIND = { ...CORRECTABLE_BODIES, decision: DisciplineDecisionDto } as const;

/** Corrections of a discipline case's recorded steps, as for the other procedures' cases. */
@ApiTags('discipline')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('discipline-cases')
export class DisciplineStepCorrectionsController {
  constructor(
    private readonly writer: CommandWriter,
    private readonly discipline: DisciplineService,
    private readonly scope: OrgScope,
  ) {}

  @Allow(...ACCESS.disciplineRead)
  @Post(':id/steps/:stepId/corrections')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Correct the last performed step (meeting or ballot body as for performing it, with a reason); the definition names who may (`corrections`); a later step or a decision is refused with its rule',
  })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiBody({
    schema: {
      allOf: [
        { $ref: getSchemaPath(CorrectionReasonDto) },
        {
          oneOf: Object.values(CORRECTABLE_BODIES).map((dto) => ({ $ref: getSchemaPath(dto) })),
        },
      ],
    },
  })
  @ApiOkResponse({ type: DisciplineCaseViewDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  async correct(
    @Param('id') id: string,
    @Param('stepId') stepId: string,
    @Body() raw: unknown,
    @Write() write: WriteRequest,
  ) {
    const { actor } = write;
    await this.scope.assertCaseInScope(actor, id, 'id', 'discipline case');
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw new DomainRuleViolation(
        'body.invalid',
        'the request body must be a JSON object',
        'invalid',
      );
    const { reason, ...stepBody } = raw as Record<string, unknown>;
    const { reason: why } = parseBody(CorrectionReasonDto, { reason });
    const kind = await this.discipline.stepKind(id, stepId);
    if (!(kind in BODY_BY_KIND))
      throw new Error(`discipline step ${stepId} has kind ${kind}, which the engine does not run`);
    const dtoClass: new () => object = BODY_BY_KIND[kind as keyof typeof BODY_BY_KIND];
    const body = { ...parseBody(dtoClass, stepBody), kind } as DisciplineStepBody;
    const options = this.writer.options(write);
    const command = { type: 'CorrectDisciplineStep' as const, data: { stepId, body, reason: why } };
    return this.writer.send(write, new ActOnDisciplineCase(id, command, options));
  }
}
