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
import { parseInstantParam } from '../common/input/calendar-date';
import { CASE_READ_KINDS, PERSON_READ_KINDS, readKindOf } from './sensitive-read-kind';
import { OrgScope } from '../identity/org-scope';

/** The auditors' view of who read which sensitive record. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('audit/access-log')
export class AccessLogController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly scope: OrgScope,
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
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
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
    const since = parseInstantParam('from', from);
    if (since) add((p) => `at >= ${p}`, since);
    const until = parseInstantParam('to', to);
    if (until) add((p) => `at < ${p}`, until);
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

  /**
   * Each entry with what it read split into kind and subject, and a person read by name — only a
   * person the caller's grant sees: a refused read of someone outside it (any id typed) must not
   * tell the unit's auditor who that is, or that the id exists.
   */
  private async named(caller: Actor, rows: { resource: string; id: string }[]) {
    const entries = rows.map((row) => ({ ...row, ...readKindOf(row.resource) }));
    const subjects = new Set(
      entries
        .filter((e) => e.kind && PERSON_READ_KINDS.includes(e.kind) && e.subject)
        .map((e) => e.subject!),
    );
    const seen = await this.scope.seesPeople(caller, [...subjects]);
    const people = [...subjects].filter((_, index) => seen[index]);
    // A case read is named by whom the case is about (its summary when about nobody yet) — only a
    // case in a unit the caller's grant reaches, for the same reason as a person.
    const caseIds = [
      ...new Set(
        entries
          .filter((e) => e.kind && CASE_READ_KINDS.includes(e.kind) && e.subject)
          .map((e) => e.subject!),
      ),
    ];
    const caseNames = new Map<string, string>();
    const caseRows = caseIds.length
      ? (
          await this.pool.query<{
            case_id: string;
            person_id: string;
            org_unit_id: string;
            summary: string;
          }>(
            'SELECT case_id, person_id, org_unit_id, summary FROM case_summaries WHERE case_id = ANY($1)',
            [caseIds],
          )
        ).rows
      : [];
    const reached = await Promise.all(
      caseRows.map((r) => this.scope.reaches(caller, r.org_unit_id)),
    );
    const casesSeen = caseRows.filter((_, index) => reached[index]);
    const names = new Map<string, string>();
    const wanted = [...new Set([...people, ...casesSeen.map((r) => r.person_id).filter(Boolean)])];
    if (wanted.length > 0) {
      const { rows: found } = await this.pool.query<{ person_id: string; full_name: string }>(
        'SELECT person_id, full_name FROM people WHERE person_id = ANY($1)',
        [wanted],
      );
      for (const row of found) names.set(row.person_id, row.full_name);
    }
    for (const row of casesSeen)
      caseNames.set(row.case_id, names.get(row.person_id) ?? row.summary);
    return entries.map((e) => ({
      ...e,
      subjectName:
        e.kind && PERSON_READ_KINDS.includes(e.kind)
          ? people.includes(e.subject ?? '')
            ? (names.get(e.subject ?? '') ?? null)
            : null
          : e.kind && CASE_READ_KINDS.includes(e.kind)
            ? (caseNames.get(e.subject ?? '') ?? null)
            : null,
    }));
  }
}
