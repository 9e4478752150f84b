import { Body, Controller, Delete, Get, HttpCode, Inject, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Clock, CLOCK } from '../common/clock';
import { IdempotentRequest } from '../common/idempotency.interceptor';
import { metadataFromRequest, RequestLike } from '../common/request-metadata';
import { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/current-actor.decorator';
import { CreateOrgUnitDto } from './dto/create-org-unit.dto';
import { CreatePositionDto } from './dto/create-position.dto';
import { AddPlanningPoolEntryDto, AssignPostDto, RecordPersonStatusDto, RemovePlanningPoolEntryDto } from './dto/person-record.dto';
import { RegisterPersonDto } from './dto/register-person.dto';
import { PersonState } from './person/person.state';
import { RegistryService } from './registry.service';

type Request = RequestLike & IdempotentRequest;

function personView(personId: string, state: PersonState, revision: number | null) {
  if (state.status !== 'registered') throw new NotFoundException(`person ${personId} is not registered`);
  return {
    id: personId,
    revision,
    ...state.profile,
    posts: state.posts,
    pastPosts: state.pastPosts,
    planningPool: state.planningPool,
    statuses: state.statuses,
  };
}

@ApiTags('registry')
@ApiBearerAuth()
@Controller()
export class CadresController {
  constructor(
    private readonly registry: RegistryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('org-units')
  createOrgUnit(@Body() dto: CreateOrgUnitDto) {
    return this.registry.createOrgUnit(dto);
  }

  @Get('org-units')
  listOrgUnits() {
    return this.registry.listOrgUnits();
  }

  @Get('org-units/:id')
  async orgUnit(@Param('id') id: string) {
    const subtree = await this.registry.orgUnitSubtree(id);
    if (subtree.length === 0) throw new NotFoundException(`org unit ${id} does not exist`);
    return { ...subtree[0], subtree: subtree.slice(1) };
  }

  @Post('positions')
  createPosition(@Body() dto: CreatePositionDto) {
    return this.registry.createPosition(dto);
  }

  @Get('positions')
  listPositions(@Query('orgUnit') orgUnit?: string) {
    return this.registry.listPositions(orgUnit);
  }

  @Post('cadres')
  async register(@Body() dto: RegisterPersonDto, @CurrentActor() actor: Actor, @Req() request: Request) {
    const personId = dto.id ?? `p-${randomUUID()}`;
    const { id: _ignored, ...profile } = dto;
    const { state, revision } = await this.registry.runPersonCommand(
      personId,
      { type: 'RegisterPerson', data: { personId, ...profile } },
      metadataFromRequest(request, actor, this.clock.now()),
      { idSeed: request.idempotencySeed },
    );
    return personView(personId, state, revision);
  }

  @Get('cadres/:id')
  async person(@Param('id') personId: string) {
    const { state, revision } = await this.registry.loadPerson(personId);
    return personView(personId, state, revision);
  }

  @Post('cadres/:id/posts')
  async assignPost(@Param('id') personId: string, @Body() dto: AssignPostDto, @CurrentActor() actor: Actor, @Req() request: Request) {
    const { state, revision } = await this.registry.runPersonCommand(
      personId,
      { type: 'AssignPost', data: { personId, positionId: dto.positionId, from: dto.from, termEnd: dto.termEnd ?? null, decisionRef: dto.decisionRef } },
      metadataFromRequest(request, actor, this.clock.now()),
      { idSeed: request.idempotencySeed },
    );
    return personView(personId, state, revision);
  }

  @Post('cadres/:id/planning-pool')
  async addPlanningPoolEntry(@Param('id') personId: string, @Body() dto: AddPlanningPoolEntryDto, @CurrentActor() actor: Actor, @Req() request: Request) {
    const { state, revision } = await this.registry.runPersonCommand(
      personId,
      { type: 'AddPlanningPoolEntry', data: { personId, ...dto } },
      metadataFromRequest(request, actor, this.clock.now()),
      { idSeed: request.idempotencySeed },
    );
    return personView(personId, state, revision);
  }

  @Delete('cadres/:id/planning-pool/:positionId')
  @HttpCode(200)
  async removePlanningPoolEntry(
    @Param('id') personId: string,
    @Param('positionId') positionId: string,
    @Body() dto: RemovePlanningPoolEntryDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ) {
    const { state, revision } = await this.registry.runPersonCommand(
      personId,
      { type: 'RemovePlanningPoolEntry', data: { personId, positionId, ...dto } },
      metadataFromRequest(request, actor, this.clock.now()),
      { idSeed: request.idempotencySeed },
    );
    return personView(personId, state, revision);
  }

  @Post('cadres/:id/statuses')
  async recordStatus(@Param('id') personId: string, @Body() dto: RecordPersonStatusDto, @CurrentActor() actor: Actor, @Req() request: Request) {
    const { state, revision } = await this.registry.runPersonCommand(
      personId,
      { type: 'RecordPersonStatus', data: { personId, status: dto.status, from: dto.from, until: dto.until ?? null, note: dto.note } },
      metadataFromRequest(request, actor, this.clock.now()),
      { idSeed: request.idempotencySeed },
    );
    return personView(personId, state, revision);
  }
}
