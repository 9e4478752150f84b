import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Body, Controller, Get, NotFoundException, Param, Post, Query } from '@nestjs/common';
import {
  ApiAuthenticatedProblems,
  ApiBodyProblems,
  ApiProblems,
} from '../common/openapi/api-problems.decorator';
import { Actor } from '../identity/actor';
import { ACCESS, Allow } from '../identity/allow.decorator';
import { CurrentActor } from '../identity/current-actor.decorator';
import { UnregisteredGrantAllowed } from '../identity/grant-unit.guard';
import { OrgScope } from '../identity/org-scope';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { CreateOrgUnitDto } from './dto/create-org-unit.dto';
import { CreatePositionDto } from './dto/create-position.dto';
import { OrgUnitDto, OrgUnitTreeDto, PositionDto } from './dto/registry-views.dto';
import { RegistryService } from './registry.service';
import { Write, WriteRequest } from '../common/http/route-request.decorator';
import { idsNamed } from '../common/http/ids-named-in-body';
import { parseBody } from '../procedures/case/step-body-validation';

/**
 * The organisation's tree and its posts: the reference data every case names. Its operation ids
 * are the ones these routes had in CadresController, so generated clients keep their names.
 */
@ApiTags('registry')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller()
export class OrgUnitsController {
  constructor(
    private readonly registry: RegistryService,
    private readonly scope: OrgScope,
  ) {}

  @Allow(...ACCESS.registryWrite)
  @UnregisteredGrantAllowed()
  @Post('org-units')
  @ApiOperation({
    operationId: 'CadresController_createOrgUnit',
    summary:
      'Create an org unit under a parent within your grant (a top-level unit: admin or its own grant)',
  })
  @ApiCreatedResponse({ type: OrgUnitDto })
  @ApiBodyProblems()
  @ApiProblems(409, 422)
  @ApiBody({ type: CreateOrgUnitDto })
  async createOrgUnit(@Body() raw: unknown, @Write() write: WriteRequest) {
    const { actor } = write;
    // The parent the body names is asked of the grant before the body is checked (`parseBody`):
    // a caller outside the grant is told so, not which field of the body is wrong.
    const { parentId } = idsNamed(CreateOrgUnitDto, raw, ['parentId']);
    if (parentId) {
      // The one route GrantUnitGuard lets an unregistered grant reach: it is asked here instead.
      await this.scope.assertGrantUnitKnown(actor);
      await this.scope.assertUnitInScope(actor, parentId, 'parentId');
    }
    const dto = parseBody(CreateOrgUnitDto, raw);
    if (!dto.parentId) await this.assertMayAddTopLevelUnit(actor, dto);
    return this.registry.createOrgUnit(dto, write.request.idempotencySeed);
  }

  /** Who may add a unit with no parent: a new top of the tree. */
  private async assertMayAddTopLevelUnit(actor: Actor, dto: CreateOrgUnitDto): Promise<void> {
    if (!actor.roles.includes('admin')) {
      // A new top of the tree is reached by nobody's grant but its own: only an admin may add one
      // (else a token for an unregistered unit could create it and reach all put under it).
      throw new DomainRuleViolation(
        'scope.top_level_needs_admin',
        'parentId: a unit with no parent (a new top-level unit) is created by an admin only',
        'forbidden',
        'parentId',
      );
    } else if (dto.id === actor.orgUnit && !(await this.scope.registryEmpty())) {
      // Its own unit only as a new registry's first: beside units already registered, an
      // unregistered grant would make itself a top-level one (whole-store audit, metrics).
      await this.scope.assertGrantUnitKnown(actor);
    } else if (dto.id !== actor.orgUnit) {
      // An admin whose grant names no registered unit yet may create that one unit (a new
      // registry's first); any other unit needs a grant the registry knows.
      await this.scope.assertGrantUnitKnown(actor);
      // A new top of the tree sits beside every unit and takes the top-level grants' reach (the
      // whole store's audit, metrics, dead letters): an admin below the top may not add one.
      if (!(await this.scope.grantIsTopLevel(actor)))
        throw new DomainRuleViolation(
          'scope.top_level_only',
          `parentId: a new top-level unit is created by an admin of a top-level unit (${actor.orgUnit} is not one)`,
          'forbidden',
          'parentId',
        );
    }
  }

  @Allow(...ACCESS.anyRole)
  @Get('org-units')
  @ApiOperation({
    operationId: 'CadresController_listOrgUnits',
    summary: 'Every org unit, top down',
  })
  @ApiOkResponse({ type: [OrgUnitDto] })
  listOrgUnits() {
    return this.registry.listOrgUnits();
  }

  @Allow(...ACCESS.anyRole)
  @Get('org-units/:id')
  @ApiOperation({
    operationId: 'CadresController_orgUnit',
    summary: 'An org unit with every unit below it',
  })
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
    operationId: 'CadresController_createPosition',
    summary: 'Create a post in a unit, with the unit whose leadership appoints to it',
  })
  @ApiCreatedResponse({ type: PositionDto })
  @ApiBodyProblems()
  @ApiProblems(409, 422)
  @ApiBody({ type: CreatePositionDto })
  async createPosition(@Body() raw: unknown, @Write() write: WriteRequest) {
    // The units the body names are asked of the grant before the body is checked (`parseBody`).
    const units = idsNamed(CreatePositionDto, raw, ['orgUnitId', 'appointingAuthority']);
    for (const field of ['orgUnitId', 'appointingAuthority'] as const) {
      const unitId = units[field];
      if (unitId !== undefined) await this.scope.assertUnitInScope(write.actor, unitId, field);
    }
    const dto = parseBody(CreatePositionDto, raw);
    return this.registry.createPosition(dto, write.request.idempotencySeed);
  }

  @Allow(...ACCESS.anyRole)
  @Get('positions')
  @ApiOperation({
    operationId: 'CadresController_listPositions',
    summary: 'Posts, optionally of one unit (a unit named must lie in your grant)',
  })
  @ApiQuery({ name: 'orgUnit', required: false })
  @ApiOkResponse({ type: [PositionDto] })
  async listPositions(@CurrentActor() actor: Actor, @Query('orgUnit') orgUnit?: string) {
    // The list itself is reference data; a unit named as a filter must lie in the grant.
    if (orgUnit !== undefined) await this.scope.assertUnitInScope(actor, orgUnit, 'orgUnit');
    return this.registry.listPositions(orgUnit);
  }
}
