import { ApiBody, ApiOperation } from '@nestjs/swagger';
import { DisciplineCaseViewDto } from './dto/discipline-case-view.dto';
import { DISCIPLINE_STEP_BODY_EXAMPLES } from './dto/discipline-step-examples';
import { Body, Inject, Param, Post } from '@nestjs/common';
import { Pool } from 'pg';
import { PG_POOL } from '../../common/tokens';
import { generatedId } from '../../common/generated-id';
import { displayNames } from '../../read-models/display-names';
import { ACCESS, Allow } from '../../identity/allow.decorator';
import { ReasonDto } from '../case/dto/open-case.dto';
import { CommandWriter } from '../../common/http/command-writer';
import { CaseEngineController, OPENING_IDS } from '../../common/http/case-routes';
import { idsNamed } from '../../common/http/ids-named-in-body';
import { CaseEngineRoutes } from '../../common/http/case-engine-routes';
import { WriteOptions } from '../../common/http/write-options';
import { ApiCaseOpen, ApiCaseWrite } from '../../common/http/route-docs';
import { Write, WriteRequest } from '../../common/http/route-request.decorator';
import { Actor } from '../../identity/actor';
import { OrgScope } from '../../identity/org-scope';
import { ActOnDisciplineCase, OpenDisciplineCase } from './commands/discipline-commands';
import { DisciplineCommand } from './discipline.commands';
import { DisciplineService } from './discipline.service';
import { DISCIPLINE_STEP_BODIES, parseDisciplineStepBody } from './discipline-step-body';
import { parseBody } from '../case/step-body-validation';
import { requireStepRole } from '../../workflow/step-engine';
import { Violation } from './discipline.events';
import { ComplaintDto, ComplaintReviewDto } from './dto/discipline-complaint.dto';
import {
  DisciplineBallotDto,
  DisciplineMeetingDto,
  OpenDisciplineCaseDto,
} from './dto/discipline-bodies.dto';

/** A decision's body is read too (see parseDisciplineStepBody), so the engine's refusal names the rule. */
const CORRECTABLE_BODIES = [DisciplineMeetingDto, DisciplineBallotDto];

@CaseEngineController('discipline', 'discipline-cases', ...DISCIPLINE_STEP_BODIES)
export class DisciplineController extends CaseEngineRoutes({
  view: DisciplineCaseViewDto,
  read: {
    roles: ACCESS.disciplineRead,
    sensitive: 'discipline case',
    summary:
      'A discipline case: steps, ballot (counts only for the roles the rule names), decision, complaint',
    asOf: 'the case as it stood then: a day YYYY-MM-DD means the end of that day in Vietnam; an ISO date-time is the whole minute, second or millisecond it is written to, so the recordedAt a history shows includes its event; such a replay offers no action (allowedNext is empty)',
  },
  step: {
    roles: ACCESS.caseStep,
    summary:
      'Perform the current step: verification, self-criticism, review (meetings), the secret ballot, the decision',
    bodies: DISCIPLINE_STEP_BODIES,
    docs: {
      description:
        'meeting steps (verification, self-criticism, review) take DisciplineMeetingDto, the ballot DisciplineBallotDto, the decision DisciplineDecisionDto',
      examples: DISCIPLINE_STEP_BODY_EXAMPLES,
    },
  },
  correction: {
    roles: ACCESS.disciplineRead,
    summary:
      'Correct the last performed step (meeting or ballot body as for performing it, with a reason); the definition names who may (`corrections`); a later step or a decision is refused with its rule',
    bodies: CORRECTABLE_BODIES,
  },
}) {
  constructor(
    writer: CommandWriter,
    private readonly discipline: DisciplineService,
    scope: OrgScope,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {
    super(writer, scope, 'discipline case');
  }

  /** The case with the names the screen shows for its person and unit, as a case's view has. */
  protected async viewOf(id: string, actor: Actor, at?: Date) {
    const view = await this.discipline.view(id, actor, at);
    if (!view) return view;
    const names = await displayNames(this.pool, {
      people: [view.personId],
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
    // The step's roles before its body and the case's current step, as a case's step is.
    const step = await this.discipline.stepOf(id, stepId);
    requireStepRole(step, write.actor);
    const body = parseDisciplineStepBody(step.kind, stepId, raw);
    const command = { type: 'PerformDisciplineStep' as const, data: { stepId, body } };
    return new ActOnDisciplineCase(id, command, options);
  }

  protected async correctionCommand(
    id: string,
    stepId: string,
    { reason, stepBody }: { reason: string; stepBody: Record<string, unknown> },
    _w: WriteRequest,
    options: WriteOptions,
  ) {
    const { kind } = await this.discipline.stepOf(id, stepId);
    const body = parseDisciplineStepBody(kind, stepId, stepBody);
    const command = { type: 'CorrectDisciplineStep' as const, data: { stepId, body, reason } };
    return new ActOnDisciplineCase(id, command, options);
  }

  /**
   * The case's scope first, then the body against its DTO (`parseBody`), as a step's is: a caller
   * outside the grant is told so, not which field of the body is wrong. Then the command.
   */
  private async act<T extends object>(
    id: string,
    body: { raw: unknown; dto: new () => T },
    command: (dto: T) => DisciplineCommand,
    write: WriteRequest,
  ) {
    await this.assertCaseInScope(write.actor, id);
    const dto = parseBody(body.dto, body.raw);
    return this.writer.send(
      write,
      new ActOnDisciplineCase(id, command(dto), this.writer.options(write)),
    );
  }

  @Allow(...ACCESS.disciplineOpen)
  @Post()
  @ApiOperation({
    summary:
      'Open a discipline case: records the violation; refused when past its limitation period',
  })
  @ApiCaseOpen({ type: DisciplineCaseViewDto })
  @ApiBody({ type: OpenDisciplineCaseDto })
  async open(@Body() raw: unknown, @Write() write: WriteRequest) {
    // A commune may not discipline a sibling commune's cadre (nor name its post); asked before
    // anything about the body.
    await this.assertOpeningInScope(write.actor, idsNamed(OpenDisciplineCaseDto, raw, OPENING_IDS));
    const dto = parseBody(OpenDisciplineCaseDto, raw);
    const opening = {
      caseId: dto.id ?? generatedId('d', write.request.idempotencySeed),
      definition: dto.definition,
      personId: dto.personId,
      positionId: dto.positionId ?? null,
      orgUnitId: dto.orgUnitId,
      ...(dto.electedCadre === undefined ? {} : { electedCadre: dto.electedCadre }),
      ...(dto.serviceStatus ? { serviceStatus: dto.serviceStatus } : {}),
      summary: dto.summary,
      violation: { ...dto.violation } as Violation,
    };
    return this.writer.send(
      write,
      new OpenDisciplineCase(opening, this.writer.newStreamOptions(write)),
    );
  }

  @Allow(...ACCESS.disciplineDecide)
  @Post(':id/extend')
  @ApiOperation({
    summary: 'Extend the civil-service time to decide, once (90 → 150 days under the rule set)',
  })
  @ApiCaseWrite(DisciplineCaseViewDto)
  @ApiBody({ type: ReasonDto })
  extend(@Param('id') id: string, @Body() raw: unknown, @Write() write: WriteRequest) {
    const reason = ({ reason }: ReasonDto): DisciplineCommand => ({
      type: 'ExtendTimeLimit',
      data: { reason },
    });
    return this.act(id, { raw, dto: ReasonDto }, reason, write);
  }

  @Allow(...ACCESS.disciplineOpen)
  @Post(':id/complaints')
  @ApiOperation({
    summary:
      "Record the person's complaint against the decision, within the window; opens a review",
  })
  @ApiCaseWrite(DisciplineCaseViewDto)
  @ApiBody({ type: ComplaintDto })
  complain(@Param('id') id: string, @Body() raw: unknown, @Write() write: WriteRequest) {
    const complaint = ({
      filedOn,
      grounds,
      complainantName,
      complex,
    }: ComplaintDto): DisciplineCommand => {
      const data = {
        filedOn,
        grounds,
        ...(complainantName ? { complainantName } : {}),
        ...(complex ? { complex } : {}),
      };
      return { type: 'FileComplaint', data };
    };
    return this.act(id, { raw, dto: ComplaintDto }, complaint, write);
  }

  @Allow(...ACCESS.disciplineDecide)
  @Post(':id/complaints/review')
  @ApiOperation({
    summary: 'The outcome of the complaint review: keep, change (with the new form) or annul',
  })
  @ApiCaseWrite(DisciplineCaseViewDto)
  @ApiBody({ type: ComplaintReviewDto })
  review(@Param('id') id: string, @Body() raw: unknown, @Write() write: WriteRequest) {
    const outcome = (dto: ComplaintReviewDto): DisciplineCommand => {
      const { heldOn, servedOn, number, outcome, form, reason } = dto;
      const data = {
        heldOn,
        ...(servedOn ? { servedOn } : {}),
        number,
        outcome,
        ...(form ? { form } : {}),
        reason,
      };
      return { type: 'ReviewComplaint', data };
    };
    return this.act(id, { raw, dto: ComplaintReviewDto }, outcome, write);
  }

  @Allow(...ACCESS.disciplineOpen)
  @Post(':id/close')
  @ApiOperation({
    summary: 'Close an open case without discipline (e.g. the report was withdrawn)',
  })
  @ApiCaseWrite(DisciplineCaseViewDto)
  @ApiBody({ type: ReasonDto })
  close(@Param('id') id: string, @Body() raw: unknown, @Write() write: WriteRequest) {
    const closing = ({ reason }: ReasonDto): DisciplineCommand => ({
      type: 'CloseDisciplineCase',
      data: { reason },
    });
    return this.act(id, { raw, dto: ReasonDto }, closing, write);
  }
}
