import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiAuthenticatedProblems,
  ApiBodyProblems,
  ApiProblems,
} from '../common/openapi/api-problems.decorator';
import {
  EligibilityDto,
  OrgUnitDto,
  OrgUnitTreeDto,
  PersonRecordDto,
  PositionDto,
} from './dto/registry-views.dto';
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
import { parseAsOf } from '../common/as-of';
import { endOfVietnamDay, vietnamDay } from '../common/vietnam-day';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../workflow/workflow-catalog';
import { disciplineStatusOn } from './discipline-standing';
import { appointmentEligibility } from './eligibility';
import { OrgScope } from '../identity/org-scope';
import { UnregisteredGrantAllowed } from '../identity/grant-unit.guard';
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

@ApiTags('registry')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller()
export class CadresController {
  constructor(
    private readonly registry: RegistryService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
    private readonly scope: OrgScope,
  ) {}

  /**
   * The person's record is read and written only within the unit they belong to (and above). A
   * person who does not exist is refused like one outside the grant (existence is not revealed).
   */
  private assertPersonInScope(actor: Actor, personId: string): Promise<void> {
    return this.scope.assertPersonInScope(actor, personId, 'id');
  }

  private today(): string {
    return vietnamDay(this.clock.now());
  }

  @Allow(...ACCESS.registryWrite)
  @UnregisteredGrantAllowed()
  @Post('org-units')
  @ApiOperation({
    summary:
      'Create an org unit under a parent within your grant (a top-level unit: admin or its own grant)',
  })
  @ApiCreatedResponse({ type: OrgUnitDto })
  @ApiBodyProblems()
  @ApiProblems(409, 422)
  async createOrgUnit(@Body() dto: CreateOrgUnitDto, @CurrentActor() actor: Actor) {
    if (dto.parentId) {
      // The one route GrantUnitGuard lets an unregistered grant reach: it is asked here instead.
      await this.scope.assertGrantUnitKnown(actor);
      await this.scope.assertUnitInScope(actor, dto.parentId, 'parentId');
    } else if (!actor.roles.includes('admin')) {
      // A new top of the tree is reached by nobody's grant but its own: only an admin may add one
      // (else a token for an unregistered unit could create it and reach all put under it).
      throw new DomainRuleViolation(
        'scope.top_level_needs_admin',
        'parentId: a unit with no parent (a new top-level unit) is created by an admin only',
        'forbidden',
        'parentId',
      );
    }
    return this.registry.createOrgUnit(dto);
  }

  @Allow(...ACCESS.anyRole)
  @Get('org-units')
  @ApiOperation({ summary: 'Every org unit, top down' })
  @ApiOkResponse({ type: [OrgUnitDto] })
  listOrgUnits() {
    return this.registry.listOrgUnits();
  }

  @Allow(...ACCESS.anyRole)
  @Get('org-units/:id')
  @ApiOperation({ summary: 'An org unit with every unit below it' })
  @ApiOkResponse({ type: OrgUnitTreeDto })
  @ApiProblems(404)
  async orgUnit(@Param('id') id: string, @CurrentActor() actor: Actor) {
    // Units are reference data (GET /org-units lists them all): a missing one may answer 404.
    const subtree = await this.registry.orgUnitSubtree(id);
    if (subtree.length === 0) throw new NotFoundException(`org unit ${id} does not exist`);
    await this.scope.assertReaches(actor, id, `org unit ${id}`, 'id');
    return { ...subtree[0], subtree: subtree.slice(1) };
  }

  @Allow(...ACCESS.registryWrite)
  @Post('positions')
  @ApiOperation({
    summary: 'Create a post in a unit, with the unit whose leadership appoints to it',
  })
  @ApiCreatedResponse({ type: PositionDto })
  @ApiBodyProblems()
  @ApiProblems(409, 422)
  async createPosition(@Body() dto: CreatePositionDto, @CurrentActor() actor: Actor) {
    await this.scope.assertUnitInScope(actor, dto.orgUnitId, 'orgUnitId');
    await this.scope.assertUnitInScope(actor, dto.appointingAuthority, 'appointingAuthority');
    return this.registry.createPosition(dto);
  }

  @Allow(...ACCESS.anyRole)
  @Get('positions')
  @ApiOperation({ summary: 'Posts, optionally of one unit (a unit named must lie in your grant)' })
  @ApiQuery({ name: 'orgUnit', required: false })
  @ApiOkResponse({ type: [PositionDto] })
  async listPositions(@CurrentActor() actor: Actor, @Query('orgUnit') orgUnit?: string) {
    // The list itself is reference data; a unit named as a filter must lie in the grant.
    if (orgUnit !== undefined) await this.scope.assertUnitInScope(actor, orgUnit, 'orgUnit');
    return this.registry.listPositions(orgUnit);
  }

  @Allow(...ACCESS.registryWrite)
  @Post('cadres')
  @ApiOperation({ summary: 'Register a person (opens the stream cadre-<id>)' })
  @ApiCreatedResponse({ type: PersonRecordDto })
  @ApiBodyProblems()
  @ApiProblems(409, 422)
  async register(
    @Body() dto: RegisterPersonDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ) {
    await this.scope.assertUnitInScope(actor, dto.orgUnitId, 'orgUnitId');
    // An id taken by a person of another unit is refused as out of scope, not "already exists":
    // the answer must not tell whether someone outside the grant is registered.
    if (dto.id && (await this.scope.personUnit(dto.id)) !== null)
      await this.scope.assertPersonInScope(actor, dto.id, 'id');
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
  @ApiOkResponse({
    description: 'people found: id, full name, unit',
    schema: { type: 'array', items: { type: 'object' } },
  })
  @ApiProblems(400)
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
  @ApiOperation({
    summary:
      "A person's record: posts and terms, planning pool, statuses, discipline with status, open cases, re-appointment notices",
  })
  @ApiOkResponse({ type: PersonRecordDto })
  @ApiProblems(404)
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
    description:
      'a day YYYY-MM-DD (default today in Vietnam), or an ISO date-time meaning its day in Vietnam: the record at the end of that day and the rule set of that day',
  })
  @ApiOkResponse({ type: EligibilityDto })
  @ApiProblems(400, 404, 422)
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
    const day = parseAsOf(asOf)?.day ?? this.today();
    const target = await this.registry.findPosition(positionId);
    if (!target)
      throw new DomainRuleViolation(
        'position.not_found',
        `for: position ${positionId} does not exist`,
        'not_found',
        'for',
      );
    await this.scope.assertPositionInScope(actor, positionId, 'for');
    // Eligibility for a post is the appointment procedure's question: the State track's rules.
    const ruleSet = this.catalog.ruleSetOn(day, 'state');
    if (!ruleSet)
      throw new DomainRuleViolation(
        'rule_set.none_in_force',
        `asOf: no rule set is in force on ${day}`,
        'unprocessable',
        'asOf',
      );
    // The record as it stood at the end of that day in Vietnam.
    const { state } = await this.registry.loadPerson(personId, endOfVietnamDay(day));
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
  @ApiOperation({ summary: 'Record a post the person holds, with its term' })
  @ApiCreatedResponse({ type: PersonRecordDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  async assignPost(
    @Param('id') personId: string,
    @Body() dto: AssignPostDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ) {
    await this.assertPersonInScope(actor, personId);
    await this.scope.assertPositionInScope(actor, dto.positionId, 'positionId');
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
  @ApiOperation({ summary: 'Add the person to the planning pool (quy hoạch) for a post and term' })
  @ApiCreatedResponse({ type: PersonRecordDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  async addPlanningPoolEntry(
    @Param('id') personId: string,
    @Body() dto: AddPlanningPoolEntryDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ) {
    await this.assertPersonInScope(actor, personId);
    await this.scope.assertPositionInScope(actor, dto.positionId, 'positionId');
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
  @ApiOperation({
    summary:
      'Take the person off the planning pool for a post; the decision and reason go in the query',
  })
  @ApiOkResponse({ type: PersonRecordDto })
  @ApiProblems(400, 404, 409, 422)
  async removePlanningPoolEntry(
    @Param('id') personId: string,
    @Param('positionId') positionId: string,
    // A DELETE carries no body (RFC 9110 gives it no meaning): the decision goes in the query.
    @Query() dto: RemovePlanningPoolEntryDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ) {
    await this.assertPersonInScope(actor, personId);
    await this.scope.assertPositionInScope(actor, positionId, 'positionId');
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
  @ApiOperation({
    summary:
      'Record a period the person is under investigation, abroad, in hospital, on maternity leave, …',
  })
  @ApiCreatedResponse({ type: PersonRecordDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
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
