import { applyDecorators, Controller, Get, Inject, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Pool } from 'pg';
import { SensitiveRead } from '../access-log/sensitive-read.decorator';
import { Clock, CLOCK } from '../common/clock';
import { ApiAuthenticatedProblems, ApiProblems } from '../common/openapi/api-problems.decorator';
import { PG_POOL } from '../common/tokens';
import { inReadSnapshot } from '../database/read-snapshot';
import { vietnamDay } from '../common/vietnam-day';
import { Actor } from '../identity/actor';
import { ACCESS, Allow } from '../identity/allow.decorator';
import { CurrentActor } from '../identity/current-actor.decorator';
import { OrgScope } from '../identity/org-scope';
import { parseChoice } from '../read-models/cursor';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../workflow/workflow-catalog';
import { PersonnelReportDto } from './dto/personnel-report.dto';
import { buildPersonnelReport } from './personnel-report';
import { PersonnelReportQueries } from './personnel-report.queries';
import { parseReportPeriod } from './report-period';
import { reportWorkbook } from './report-workbook';
import { ruleSetNameVi } from '../workflow/rule-sets/rule-set-name-vi';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The personnel report the seeds quote, for the caller's unit (or a unit below it). */
/** What the personnel report answers, in the OpenAPI document. */
const ApiPersonnelReport = () =>
  applyDecorators(
    ApiOperation({
      summary:
        'Cases decided by procedure and unit, people disciplined by track and form (in the period), leaders not from their province, and women and young people in the planning pool against the rule set’s targets (today); JSON or xlsx',
    }),
    ApiQuery({
      name: 'from',
      required: false,
      description: 'first day (default 1 January this year)',
    }),
    ApiQuery({ name: 'to', required: false, description: 'last day (default today in Vietnam)' }),
    ApiQuery({
      name: 'orgUnit',
      required: false,
      description: 'a unit within your grant (default your own)',
    }),
    ApiQuery({ name: 'format', required: false, enum: ['json', 'xlsx'] }),
    ApiProduces('application/json', XLSX),
    ApiExtraModels(PersonnelReportDto),
    ApiOkResponse({
      description: 'the report as JSON, or with format=xlsx as an Excel workbook',
      content: {
        'application/json': { schema: { $ref: getSchemaPath(PersonnelReportDto) } },
        [XLSX]: { schema: { type: 'string', format: 'binary' } },
      },
    }),
    ApiProblems(400),
  );

@ApiTags('reports')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('reports')
export class ReportsController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
    private readonly scope: OrgScope,
  ) {}

  @Allow(...ACCESS.personRead)
  @SensitiveRead('personnel report')
  @Get('personnel')
  @ApiPersonnelReport()
  async personnel(
    @CurrentActor() actor: Actor,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('orgUnit') orgUnit?: string,
    @Query('format') format?: string,
  ) {
    const today = vietnamDay(this.clock.now());
    const period = parseReportPeriod(from, to, today);
    const asXlsx = parseChoice('format', format, ['json', 'xlsx'] as const) === 'xlsx';
    if (orgUnit !== undefined) await this.scope.assertUnitInScope(actor, orgUnit, 'orgUnit');
    // The targets of the rules in force at the end of the period.
    const ruleSet = this.catalog.ruleSetOn(period.to, 'state');
    if (!ruleSet)
      throw new DomainRuleViolation(
        'rule_set.none_in_force',
        `to: no rule set is in force on ${period.to}`,
        'unprocessable',
        'to',
      );
    const orgUnitId = orgUnit ?? actor.orgUnit;
    // One snapshot: the people disciplined, the rows and the totals count the same decisions.
    const { report, orgUnitName } = await inReadSnapshot(this.pool, async (client) => {
      const queries = new PersonnelReportQueries(client);
      return {
        report: await buildPersonnelReport(queries, { orgUnitId, period, today, ruleSet }),
        orgUnitName: asXlsx ? await queries.unitName(orgUnitId) : null,
      };
    });
    if (!asXlsx) return report;
    // A Buffer returned as is would be serialised as JSON: a StreamableFile is sent as bytes.
    const names = { orgUnitName: orgUnitName ?? orgUnitId, ruleSetName: ruleSetNameVi(ruleSet) };
    return new StreamableFile(await reportWorkbook(report, names), {
      type: XLSX,
      disposition: `attachment; filename="bao-cao-can-bo-${period.from}-${period.to}.xlsx"`,
    });
  }
}
