import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { SensitiveRead } from '../access-log/sensitive-read.decorator';
import { ACCESS, Allow } from '../identity/allow.decorator';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { vietnamDay } from '../common/vietnam-day';
import { DomainRuleViolation } from '../workflow/case/domain-rule-violation';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../workflow/workflow-catalog';
import { disciplineStatusOn } from './discipline-facts';
import { appointmentEligibility } from './eligibility';
import { OrgScope } from '../identity/org-scope';
import { randomUUID } from 'node:crypto';
import { Clock, CLOCK } from '../common/clock';
import { IdempotentRequest } from '../common/idempotency.interceptor';
import { metadataFromRequest, RequestLike } from '../common/request-metadata';
import { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/current-actor.decorator';
import { CreateOrgUnitDto } from './dto/create-org-unit.dto';
import { CreatePositionDto } from './dto/create-position.dto';
import {
  AddPlanningPoolEntryDto,
  AssignPostDto,
  RecordPersonStatusDto,
  RemovePlanningPoolEntryDto,
} from './dto/person-record.dto';
import { RegisterPersonDto } from './dto/register-person.dto';
import { PersonState } from './person/person.state';
import { RegistryService } from './registry.service';

type Request = RequestLike & IdempotentRequest;

function personView(personId: string, state: PersonState, revision: number | null, today: string) {
  if (state.status !== 'registered')
    throw new NotFoundException(`person ${personId} is not registered`);
  return {
    id: personId,
    revision,
    ...state.profile,
    posts: state.posts,
    pastPosts: state.pastPosts,
    planningPool: state.planningPool,
    statuses: state.statuses,
    discipline: state.discipline.map((record) => ({
      ...record,
      status: disciplineStatusOn(record, today),
    })),
    openCases: state.openCases,
    reappointmentsDue: state.reappointmentsDue,
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

@ApiTags('registry')
@ApiBearerAuth()
@Controller()
export class CadresController {
  constructor(
    private readonly registry: RegistryService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
    private readonly scope: OrgScope,
  ) {}

  /** The person's record is read and written only within the unit they belong to (and above). */
  private async assertPersonInScope(actor: Actor, personId: string): Promise<void> {
    const { state } = await this.registry.loadPerson(personId);
    if (state.status !== 'registered')
      throw new NotFoundException(`person ${personId} is not registered`);
    await this.scope.assertReaches(actor, state.profile.orgUnitId, `person ${personId}`);
  }

  private today(): string {
    return vietnamDay(this.clock.now());
  }

  @Allow(...ACCESS.registryWrite)
  @Post('org-units')
  async createOrgUnit(@Body() dto: CreateOrgUnitDto, @CurrentActor() actor: Actor) {
    if (dto.parentId) await this.scope.assertReaches(actor, dto.parentId, 'the parent unit');
    // A top-level unit is created by an admin, or by the holder of a grant for that very unit (bootstrap).
    else if (!actor.roles.includes('admin') && dto.id !== actor.orgUnit) {
      throw new DomainRuleViolation(
        'scope.out_of_scope',
        `a top-level org unit is created by an admin or by a grant for that unit (yours is ${actor.orgUnit})`,
        'forbidden',
      );
    }
    return this.registry.createOrgUnit(dto);
  }

  @Allow(...ACCESS.anyRole)
  @Get('org-units')
  listOrgUnits() {
    return this.registry.listOrgUnits();
  }

  @Allow(...ACCESS.anyRole)
  @Get('org-units/:id')
  async orgUnit(@Param('id') id: string) {
    const subtree = await this.registry.orgUnitSubtree(id);
    if (subtree.length === 0) throw new NotFoundException(`org unit ${id} does not exist`);
    return { ...subtree[0], subtree: subtree.slice(1) };
  }

  @Allow(...ACCESS.registryWrite)
  @Post('positions')
  async createPosition(@Body() dto: CreatePositionDto, @CurrentActor() actor: Actor) {
    await this.scope.assertReaches(actor, dto.orgUnitId, 'orgUnitId');
    return this.registry.createPosition(dto);
  }

  @Allow(...ACCESS.anyRole)
  @Get('positions')
  listPositions(@Query('orgUnit') orgUnit?: string) {
    return this.registry.listPositions(orgUnit);
  }

  @Allow(...ACCESS.registryWrite)
  @Post('cadres')
  async register(
    @Body() dto: RegisterPersonDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ) {
    if (await this.registry.findOrgUnit(dto.orgUnitId))
      await this.scope.assertReaches(actor, dto.orgUnitId, 'orgUnitId');
    const personId = dto.id ?? `p-${randomUUID()}`;
    const { id: _ignored, ...profile } = dto;
    const { state, revision } = await this.registry.runPersonCommand(
      personId,
      { type: 'RegisterPerson', data: { personId, ...profile } },
      metadataFromRequest(request, actor, this.clock.now()),
      { idSeed: request.idempotencySeed },
    );
    return personView(personId, state, revision, this.today());
  }

  @Allow(...ACCESS.personRead)
  @Get('cadres')
  @ApiOperation({
    summary:
      'People in your unit (and below) whose name contains q, diacritics ignored ("nguyen van" finds "Nguyễn Văn An")',
  })
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'limit', required: false })
  searchPeople(
    @CurrentActor() actor: Actor,
    @Query('q') q?: string,
    @Query('limit') limit?: string,
  ) {
    const max = limit === undefined ? 20 : Number(limit);
    if (!Number.isInteger(max) || max < 1 || max > 100)
      throw new DomainRuleViolation('query.limit', 'limit: 1 to 100', 'invalid', 'limit');
    return this.registry.searchPeople(actor.orgUnit, q ?? '', max);
  }

  @Allow(...ACCESS.personRead)
  @SensitiveRead('person record')
  @Get('cadres/:id')
  async person(@Param('id') personId: string, @CurrentActor() actor: Actor) {
    await this.assertPersonInScope(actor, personId);
    const { state, revision } = await this.registry.loadPerson(personId);
    return personView(personId, state, revision, this.today());
  }

  @Allow(...ACCESS.personRead)
  @SensitiveRead('person eligibility')
  @Get('cadres/:id/eligibility')
  @ApiOperation({
    summary: 'Whether the person may be appointed to a post on a day, and every reason if not',
  })
  @ApiQuery({ name: 'for', required: true, description: 'the position id' })
  @ApiQuery({
    name: 'asOf',
    required: false,
    description: 'a day YYYY-MM-DD (default today): the record and the rule set of that day',
  })
  async eligibility(
    @Param('id') personId: string,
    @Query('for') positionId: string | undefined,
    @Query('asOf') asOf: string | undefined,
    @CurrentActor() actor: Actor,
  ) {
    await this.assertPersonInScope(actor, personId);
    if (!positionId)
      throw new DomainRuleViolation(
        'query.for',
        'for: the position id to check eligibility for',
        'invalid',
        'for',
      );
    if (asOf !== undefined && (!DAY.test(asOf) || Number.isNaN(Date.parse(asOf))))
      throw new DomainRuleViolation(
        'query.as_of',
        `asOf: "${asOf}" is not a day YYYY-MM-DD`,
        'invalid',
        'asOf',
      );
    const day = asOf ?? this.today();
    const target = await this.registry.findPosition(positionId);
    if (!target)
      throw new DomainRuleViolation(
        'position.not_found',
        `for: position ${positionId} does not exist`,
        'not_found',
        'for',
      );
    const ruleSet = this.catalog.ruleSetOn(day);
    if (!ruleSet)
      throw new DomainRuleViolation(
        'rule_set.none_in_force',
        `asOf: no rule set is in force on ${day}`,
        'unprocessable',
        'asOf',
      );
    // The record as it stood at the end of that day in Vietnam.
    const { state } = await this.registry.loadPerson(personId, new Date(`${day}T16:59:59.999Z`));
    if (state.status !== 'registered')
      throw new NotFoundException(`person ${personId} was not registered on ${day}`);
    const ranks = new Map<string, number>();
    for (const entry of state.planningPool) {
      const position = await this.registry.findPosition(entry.positionId);
      if (position) ranks.set(position.id, position.rank);
    }
    return {
      personId,
      positionId,
      ...appointmentEligibility(state, { id: target.id, rank: target.rank }, ranks, ruleSet, day),
    };
  }

  @Allow(...ACCESS.registryWrite)
  @Post('cadres/:id/posts')
  async assignPost(
    @Param('id') personId: string,
    @Body() dto: AssignPostDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ) {
    await this.assertPersonInScope(actor, personId);
    const { state, revision } = await this.registry.runPersonCommand(
      personId,
      {
        type: 'AssignPost',
        data: {
          personId,
          positionId: dto.positionId,
          from: dto.from,
          termEnd: dto.termEnd ?? null,
          decisionRef: dto.decisionRef,
        },
      },
      metadataFromRequest(request, actor, this.clock.now()),
      { idSeed: request.idempotencySeed },
    );
    return personView(personId, state, revision, this.today());
  }

  @Allow(...ACCESS.registryWrite)
  @Post('cadres/:id/planning-pool')
  async addPlanningPoolEntry(
    @Param('id') personId: string,
    @Body() dto: AddPlanningPoolEntryDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ) {
    await this.assertPersonInScope(actor, personId);
    const { state, revision } = await this.registry.runPersonCommand(
      personId,
      { type: 'AddPlanningPoolEntry', data: { personId, ...dto } },
      metadataFromRequest(request, actor, this.clock.now()),
      { idSeed: request.idempotencySeed },
    );
    return personView(personId, state, revision, this.today());
  }

  @Allow(...ACCESS.registryWrite)
  @Delete('cadres/:id/planning-pool/:positionId')
  @HttpCode(200)
  async removePlanningPoolEntry(
    @Param('id') personId: string,
    @Param('positionId') positionId: string,
    @Body() dto: RemovePlanningPoolEntryDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ) {
    await this.assertPersonInScope(actor, personId);
    const { state, revision } = await this.registry.runPersonCommand(
      personId,
      { type: 'RemovePlanningPoolEntry', data: { personId, positionId, ...dto } },
      metadataFromRequest(request, actor, this.clock.now()),
      { idSeed: request.idempotencySeed },
    );
    return personView(personId, state, revision, this.today());
  }

  @Allow(...ACCESS.registryWrite)
  @Post('cadres/:id/statuses')
  async recordStatus(
    @Param('id') personId: string,
    @Body() dto: RecordPersonStatusDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ) {
    await this.assertPersonInScope(actor, personId);
    const { state, revision } = await this.registry.runPersonCommand(
      personId,
      {
        type: 'RecordPersonStatus',
        data: {
          personId,
          status: dto.status,
          from: dto.from,
          until: dto.until ?? null,
          note: dto.note,
        },
      },
      metadataFromRequest(request, actor, this.clock.now()),
      { idSeed: request.idempotencySeed },
    );
    return personView(personId, state, revision, this.today());
  }
}
