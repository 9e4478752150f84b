import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuthenticatedProblems } from '../common/openapi/api-problems.decorator';
import { ACCESS, Allow } from '../identity/allow.decorator';
import { definitionKey } from './definitions/procedure-definition';
import { WORKFLOW_CATALOG, WorkflowCatalog } from './workflow-catalog';

/** The data the engine runs on, for clients that draw a procedure and check a tally as it is typed. */
@ApiTags('catalog')
@ApiBearerAuth()
@Controller('catalog')
export class CatalogController {
  constructor(@Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog) {}

  @Allow(...ACCESS.anyRole)
  @Get()
  @ApiOperation({
    summary:
      'Procedure definitions (every version, with their steps) and rule sets (parameters with citations)',
  })
  @ApiOkResponse({
    description: 'definitions (key, steps, vote rules) and rule sets (parameters with citations)',
    schema: {
      type: 'object',
      properties: {
        definitions: { type: 'array', items: { type: 'object' } },
        ruleSets: { type: 'array', items: { type: 'object' } },
      },
    },
  })
  @ApiAuthenticatedProblems()
  get() {
    return {
      definitions: [...this.catalog.definitions.values()].map((definition) => ({
        key: definitionKey(definition),
        ...definition,
      })),
      ruleSets: this.catalog.ruleSets,
    };
  }
}
