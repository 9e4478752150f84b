import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiAuthenticatedProblems, ApiProblems } from '../common/openapi/api-problems.decorator';
import { CaseSummaryPageDto, InboxPageDto } from './dto/read-model-views.dto';
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { SensitiveRead } from '../access-log/sensitive-read.decorator';
import { ACCESS, Allow } from '../identity/allow.decorator';
import { ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { parseAsOf } from '../common/as-of';
import { Clock, CLOCK } from '../common/clock';
import { PG_POOL } from '../common/tokens';
import { vietnamDay } from '../common/vietnam-day';
import { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/current-actor.decorator';
import { OrgScope } from '../identity/org-scope';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../workflow/workflow-catalog';
import { isCalendarDate, parseDayRange } from '../common/input/calendar-date';
import { parseChoice, parseFlag, parseLimit } from './cursor';
import { DISCIPLINE_FORMS } from '../procedures/discipline/discipline-forms';
import { COMPLAINT_REVIEW, stepsPerformedBy } from './inbox-steps';
import { ReadModelQueries, RegisterQuery } from './read-model.queries';
import { disciplineRegisterCsv } from './discipline-register.csv';
import { preferredLanguage } from '../common/problems/accept-language';
import {
  DisciplineRegisterDocs,
  RECORD_STATUSES,
  REGISTER_TRACKS,
} from './discipline-register.docs';
import { CASE_PROCEDURES } from '../procedures/case/case-stream';
import { VIOLATION_CATEGORIES } from '../procedures/discipline/violation-category-names';
import { FILTERED_PROCEDURES_BESIDES_CASES } from './procedure-filter';

const PROCEDURES = [...CASE_PROCEDURES, ...FILTERED_PROCEDURES_BESIDES_CASES];
const CASE_STATUSES = [
  'open',
  'decided',
  'rejected',
  'withdrawn',
  'closed',
  'under_review',
  'annulled',
  'time_barred',
] as const;
/** The read side for staff (inbox, case list) and inspectors (discipline register), within the caller's unit. */
@ApiTags('read models')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller()
export class ReadModelsController {
  private readonly queries: ReadModelQueries;

  constructor(
    @Inject(PG_POOL) pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
    private readonly scope: OrgScope,
  ) {
    this.queries = new ReadModelQueries(pool);
  }

  /**
   * A filter naming a unit or a person outside the grant is refused (403 naming the query
   * parameter), not answered with an empty page that would look like "nothing there".
   */
  private async assertFiltersInScope(
    actor: Actor,
    filters: { orgUnit?: string; person?: string },
  ): Promise<void> {
    if (filters.orgUnit !== undefined)
      await this.scope.assertUnitInScope(actor, filters.orgUnit, 'orgUnit');
    if (filters.person !== undefined)
      await this.scope.assertPersonInScope(actor, filters.person, 'person');
  }

  private today(): string {
    return vietnamDay(this.clock.now());
  }

  @Allow(...ACCESS.anyRole)
  @Get('inbox')
  @ApiOperation({
    summary:
      "The caller's open steps (by their roles, in their unit's subtree) and staff tasks, soonest deadline first",
  })
  @ApiQuery({ name: 'procedure', required: false, enum: PROCEDURES })
  @ApiQuery({
    name: 'orgUnit',
    required: false,
    description: 'narrow to a unit (and its subtree) within your grant',
  })
  @ApiQuery({ name: 'overdue', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ type: InboxPageDto })
  @ApiProblems(400)
  async inbox(
    @CurrentActor() actor: Actor,
    @Query('procedure') procedure?: string,
    @Query('orgUnit') orgUnit?: string,
    @Query('overdue') overdue?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ) {
    await this.assertFiltersInScope(actor, { orgUnit });
    const page = await this.queries.inbox({
      scopeUnit: actor.orgUnit,
      steps: stepsPerformedBy(actor, this.catalog),
      includeTasks: actor.roles.includes('organization_staff'),
      readerPersonId: actor.personId,
      procedure: parseChoice('procedure', procedure, PROCEDURES),
      orgUnit,
      overdueOnly: parseChoice('overdue', overdue, ['true', 'false'] as const) === 'true',
      today: this.today(),
      calendar: this.catalog.calendar,
      limit: parseLimit(limit),
      cursor,
    });
    // Each step with its title from the definition the case pinned; a complaint's review by its own.
    return {
      ...page,
      items: page.items.map((item) => {
        if (item.procedure === 'discipline' && item.step === COMPLAINT_REVIEW.id)
          return { ...item, ...titled(COMPLAINT_REVIEW), stepKind: null };
        const step =
          item.definition && item.step
            ? this.catalog.definition(item.definition)?.steps.find((s) => s.id === item.step)
            : undefined;
        return { ...item, ...titled(step), stepKind: step?.kind ?? null };
      }),
    };
  }

  @Allow(...ACCESS.anyRole)
  @Get('cases')
  @ApiOperation({
    summary: 'Cases of every procedure in your unit, newest first, filtered, with a cursor',
  })
  @ApiQuery({ name: 'procedure', required: false, enum: PROCEDURES })
  @ApiQuery({ name: 'status', required: false, enum: CASE_STATUSES })
  @ApiQuery({ name: 'orgUnit', required: false })
  @ApiQuery({ name: 'person', required: false })
  @ApiQuery({ name: 'from', required: false, description: 'opened on or after (YYYY-MM-DD)' })
  @ApiQuery({ name: 'to', required: false, description: 'opened on or before (YYYY-MM-DD)' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ type: CaseSummaryPageDto })
  @ApiProblems(400)
  async cases(
    @CurrentActor() actor: Actor,
    @Query('procedure') procedure?: string,
    @Query('status') status?: string,
    @Query('orgUnit') orgUnit?: string,
    @Query('person') person?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ) {
    await this.assertFiltersInScope(actor, { orgUnit, person });
    return this.queries.cases({
      scopeUnit: actor.orgUnit,
      procedure: parseChoice('procedure', procedure, PROCEDURES),
      status: parseChoice('status', status, CASE_STATUSES),
      orgUnit,
      person,
      ...parseDayRange(from, to),
      today: this.today(),
      limit: parseLimit(limit),
      cursor,
    });
  }

  @Allow(...ACCESS.register)
  @SensitiveRead('discipline register')
  @Get('discipline-records')
  @DisciplineRegisterDocs()
  async disciplineRecords(
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: ServerResponse,
    @Query('person') person?: string,
    @Query('orgUnit') orgUnit?: string,
    @Query('track') track?: string,
    @Query('form') form?: string,
    @Query('category') category?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('status') status?: string,
    @Query('inEffect') inEffect?: string,
    @Query('barred') barred?: string,
    @Query('asOf') asOf?: string,
    @Query('format') format?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ) {
    await this.assertFiltersInScope(actor, { orgUnit, person });
    const moment = parseAsOf(asOf);
    const query: RegisterQuery = {
      scopeUnit: actor.orgUnit,
      person,
      orgUnit,
      track: parseChoice('track', track, REGISTER_TRACKS),
      form: parseChoice('form', form, DISCIPLINE_FORMS),
      category: parseChoice('category', category, VIOLATION_CATEGORIES),
      ...parseDayRange(from, to),
      status: parseChoice('status', status, RECORD_STATUSES),
      inEffect: parseFlag('inEffect', inEffect),
      barred: parseFlag('barred', barred),
      asOf: moment?.day ?? this.today(),
      // A day alone judges the decisions by their own days, a decision entered late for an earlier
      // day included; a moment (date-time) also counts only what was recorded within it.
      recordedBy: asOf && !isCalendarDate(asOf) ? moment?.lastMillisecond : undefined,
      limit: parseLimit(limit),
      cursor,
    };
    if (parseChoice('format', format, ['json', 'csv'] as const) !== 'csv')
      return this.queries.disciplineRecords(query);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="discipline-records.csv"');
    return disciplineRegisterCsv(
      this.queries,
      query,
      preferredLanguage(response.req.headers['accept-language']),
      this.catalog.ruleSets,
    );
  }
}

/** A step's titles in both languages, null where the step is not known. */
function titled(step: { title: string; titleVi: string } | undefined) {
  return { stepTitle: step?.title ?? null, stepTitleVi: step?.titleVi ?? null };
}
