import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiAuthenticatedProblems, ApiProblems } from '../common/openapi/api-problems.decorator';
import { AccessLogPageDto } from './access-log-entry.dto';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { Pool } from 'pg';
import { PG_POOL } from '../common/tokens';
import { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/current-actor.decorator';
import { withinUnit } from '../read-models/within-unit';
import { ACCESS, Allow } from '../identity/allow.decorator';
import { decodeCursor, encodeCursor, parseLimit } from '../read-models/cursor';
import { parseAuditPeriod } from '../audit/audit-range';
import { readKindOf } from './sensitive-read-kind';
import { NamesWithinGrant } from './names-within-grant';

/** A period's ends, read as `GET /audit/export` reads them (parseAuditPeriod). */
const FROM_READ_AS =
  'first day (YYYY-MM-DD, from its start in Vietnam) or date-time (Vietnam time without an offset) taken';
const TO_READ_AS =
  'last day (YYYY-MM-DD, to its end in Vietnam) or date-time taken, as written (…T17:05 is that whole minute); before from: 400 query.period_reversed';

/** The auditors' view of who read which sensitive record. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('audit/access-log')
export class AccessLogController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly names: NamesWithinGrant,
  ) {}

  @Allow(...ACCESS.auditorOnly)
  @Get()
  @ApiOperation({
    summary: 'Sensitive reads, newest first: who, what, when, why (purpose), the answer status',
  })
  @ApiQuery({ name: 'actor', required: false })
  @ApiQuery({
    name: 'resource',
    required: false,
    description: 'text the resource contains, e.g. a person id',
  })
  @ApiQuery({ name: 'from', required: false, description: FROM_READ_AS })
  @ApiQuery({ name: 'to', required: false, description: TO_READ_AS })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ type: AccessLogPageDto })
  @ApiProblems(400)
  async list(
    @CurrentActor() caller: Actor,
    @Query('actor') actor?: string,
    @Query('resource') resource?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ) {
    // Reads made under grants within the caller's own unit and below.
    const params: unknown[] = [caller.orgUnit];
    const where: string[] = [withinUnit('org_unit', '$1')];
    const add = (condition: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (actor) add((p) => `actor_id = ${p}`, actor);
    if (resource) add((p) => `strpos(resource, ${p}) > 0`, resource);
    // Read as the export reads them: a day alone is the whole day in Vietnam, both ends taken.
    const period = parseAuditPeriod({ from, to });
    if (period.from) add((p) => `at >= ${p}`, period.from);
    if (period.to) add((p) => `at < ${p}::timestamptz + interval '1 millisecond'`, period.to);
    const after = decodeCursor(cursor, ['sequence']);
    if (after) add((p) => `id < ${p}::bigint`, after[0]);
    const size = parseLimit(limit);
    params.push(size + 1);
    const { rows } = await this.pool.query(
      `SELECT id::text AS id, at, actor_id AS "actorId", actor_name AS "actorName", roles, org_unit AS "orgUnit", method, route, resource, query, purpose, status, request_id AS "requestId"
         FROM access_log WHERE ${where.join(' AND ')} ORDER BY access_log.id DESC LIMIT $${params.length}`,
      params,
    );
    const items = await this.named(caller, rows.slice(0, size));
    return { items, nextCursor: rows.length > size ? encodeCursor([items.at(-1)!.id]) : null };
  }

  /** Each entry with what it read split into kind and subject, and its name within the grant. */
  private async named(caller: Actor, rows: { resource: string; id: string }[]) {
    const entries = rows.map((row) => ({ ...row, ...readKindOf(row.resource) }));
    const names = await this.names.of(caller, entries);
    return entries.map((entry, index) => ({ ...entry, subjectName: names[index] }));
  }
}
