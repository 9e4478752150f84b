import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  Controller,
  Get,
  Header,
  Inject,
  NotFoundException,
  Optional,
  Param,
  Res,
} from '@nestjs/common';
import { ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { ApiAuthenticatedProblems, ApiProblems } from '../common/openapi/api-problems.decorator';
import { HistoryDto } from './dto/history-entry.dto';
import { SensitiveRead } from '../access-log/sensitive-read.decorator';
import { Actor } from '../identity/actor';
import { MaybeActor } from '../identity/current-actor.decorator';
import { OrgScope } from '../identity/org-scope';
import { ACCESS, Allow } from '../identity/allow.decorator';
import { PG_POOL } from '../common/tokens';
import { NamedAuditEntry } from './audit-entry';
import { AuditEntryDisclosure, DisclosedNamedAuditEntry, NO_ROLES_VIEWER } from './disclosed-entry';
import { toCsv } from './audit-formats';
import { AuditHistoryQueries } from './audit-history.queries';
import { concludedStreams } from '../identity/ballot-disclosure';

export interface HistoryResponse {
  id: string;
  events: DisclosedNamedAuditEntry[];
}

/**
 * The auditors' view (thanh tra, kiểm toán) of one case's or one person's ordered history, as JSON
 * or CSV, served from the audit read model. Verification and signed checkpoints are in
 * AuditCheckpointsController, the bulk export in AuditExportController.
 */
@ApiTags('audit')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller()
export class AuditController {
  private readonly queries: AuditHistoryQueries;

  constructor(
    @Inject(PG_POOL) pool: Pool,
    // Absent only where the module runs without identity (its own integration test).
    @Optional() private readonly scope?: OrgScope,
  ) {
    this.queries = new AuditHistoryQueries(pool);
  }

  /**
   * A history is read within the grant's unit (the unit the case opened in or the person is
   * registered in), checked before anything else is answered: a missing history and one outside
   * the grant both answer 403. Without identity (the module's own test) there is no scope.
   */
  private async assertCaseHistoryInScope(actor: Actor | undefined, caseId: string) {
    if (actor && this.scope) await this.scope.assertAnyCaseInScope(actor, caseId, 'id');
  }

  private async assertPersonHistoryInScope(actor: Actor | undefined, personId: string) {
    if (actor && this.scope) await this.scope.assertManagesPersonRecord(actor, personId, 'id');
  }

  /** History lines as this reader may see them: secret ballot counts withheld by the one rule. */
  private async disclosed(
    actor: Actor | undefined,
    events: NamedAuditEntry[],
  ): Promise<DisclosedNamedAuditEntry[]> {
    // One of the case's people by any of its events, as the case view judges: not only its subject.
    const subjectOf = actor?.personId
      ? await this.queries.streamsNaming(actor.personId, events)
      : new Set<string>();
    // A case's history holds the whole case, a person's every event of the cases about them: a
    // decision among them makes the form its ballot chose public, judged as the case is now.
    const concluded = concludedStreams(events);
    const disclosure = new AuditEntryDisclosure(actor ?? NO_ROLES_VIEWER);
    return events.map((entry) =>
      disclosure.disclose({
        entry,
        viewerIsSubject: subjectOf.has(entry.streamId),
        conclusionPublic: concluded.has(entry.streamId),
      }),
    );
  }

  @Allow(...ACCESS.audit)
  @SensitiveRead('case history')
  @Get('cases/:id/history')
  @ApiOperation({
    summary: "A case's full history in order, whatever its procedure (appointment, discipline, …)",
  })
  @ApiParam({ name: 'id', description: 'case id (the stream name without its kind)' })
  @ApiOkResponse({
    type: HistoryDto,
    description:
      'the events with actor, roles, org unit, rule version, times, correlation/causation ids, hash, and names beside ids',
  })
  @ApiProblems(404)
  async caseHistory(
    @Param('id') id: string,
    @MaybeActor() actor?: Actor,
  ): Promise<HistoryResponse> {
    await this.assertCaseHistoryInScope(actor, id);
    const events = await this.queries.caseHistory(id);
    if (events.length === 0) throw new NotFoundException(`no case history for id ${id}`);
    return { id, events: await this.disclosed(actor, events) };
  }

  @Allow(...ACCESS.audit)
  @SensitiveRead('case history CSV')
  @Get('cases/:id/history.csv')
  @ApiOperation({ summary: "A case's history as CSV (same columns as the export)" })
  @ApiParam({ name: 'id', description: 'case id' })
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOkResponse({
    description: 'CSV, UTF-8 with a byte order mark; names beside ids',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiProblems(404)
  async caseHistoryCsv(
    @Param('id') id: string,
    @Res({ passthrough: true }) response: ServerResponse,
    @MaybeActor() actor?: Actor,
  ): Promise<string> {
    await this.assertCaseHistoryInScope(actor, id);
    const events = await this.queries.caseHistory(id);
    if (events.length === 0) throw new NotFoundException(`no case history for id ${id}`);
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="case-${safeFileName(id)}-history.csv"`,
    );
    return toCsv(await this.disclosed(actor, events));
  }

  @Allow(...ACCESS.audit)
  @SensitiveRead('person history')
  @Get('cadres/:id/history')
  @ApiOperation({
    summary:
      "A person's history: their own stream plus every event of the cases about them (data.personId)",
  })
  @ApiParam({ name: 'id', description: 'person id' })
  @ApiOkResponse({ type: HistoryDto })
  @ApiProblems(404)
  async personHistory(
    @Param('id') id: string,
    @MaybeActor() actor?: Actor,
  ): Promise<HistoryResponse> {
    await this.assertPersonHistoryInScope(actor, id);
    const withinUnit = actor && this.scope ? actor.orgUnit : undefined;
    const events = await this.queries.personHistory(id, withinUnit);
    if (events.length === 0) throw new NotFoundException(`no history for person ${id}`);
    return { id, events: await this.disclosed(actor, events) };
  }
}

function safeFileName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_');
}
