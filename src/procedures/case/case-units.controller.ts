import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PositionCaseUnitsDto } from '../../cadres/dto/registry-views.dto';
import { RegistryService } from '../../cadres/registry.service';
import { ApiAuthenticatedProblems, ApiProblems } from '../../common/openapi/api-problems.decorator';
import { ACCESS, Allow } from '../../identity/allow.decorator';
import { ProcedureRegistry } from './procedure-registry';
import { caseUnitsOf } from './unit-authority';

/**
 * The units a case about a post may be opened in, for the opening form's "Đơn vị thực hiện": the
 * rule POST /cases applies (case.unit_without_authority), which depends on the procedure (the
 * Party committee of the post's territory runs an election nomination).
 */
@ApiTags('registry')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller()
export class CaseUnitsController {
  constructor(
    private readonly registry: RegistryService,
    private readonly procedures: ProcedureRegistry,
  ) {}

  @Allow(...ACCESS.anyRole)
  @Get('positions/:id/case-units')
  @ApiOperation({
    // The id it had in OrgUnitsController, so generated clients keep its name.
    operationId: 'OrgUnitsController_positionCaseUnits',
    summary:
      'The units a case about the post may be opened in (the rule POST /cases applies: case.unit_without_authority)',
  })
  @ApiQuery({
    name: 'procedure',
    required: false,
    description:
      "the procedure of the case, as POST /cases names it (election: the Party committees of the post's territories too); without it, the units every procedure accepts. Unknown: 400 procedure.unknown",
    example: 'election',
  })
  @ApiOkResponse({ type: PositionCaseUnitsDto })
  @ApiProblems(400, 404)
  async positionCaseUnits(
    @Param('id') id: string,
    @Query('procedure') procedure?: string,
  ): Promise<PositionCaseUnitsDto> {
    const opening =
      procedure === undefined ? undefined : this.procedures.forOpeningOrRefuse(procedure);
    // Posts and units are reference data (GET /positions, GET /org-units list them all).
    const position = await this.registry.findPosition(id);
    if (!position) throw new NotFoundException(`position ${id} does not exist`);
    const orgUnitIds = await caseUnitsOf(this.registry, position, {
      partyCommitteeOfTerritory: opening?.module.partyCommitteeOfTerritoryRuns === true,
    });
    return { positionId: id, orgUnitIds };
  }
}
