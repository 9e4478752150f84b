import {
  BadRequestException,
  Controller,
  Get,
  Header,
  Inject,
  Optional,
  NotFoundException,
  Param,
  Query,
  Res,
} from '@nestjs/common';
import { SensitiveRead } from '../access-log/sensitive-read.decorator';
import { Actor } from '../identity/actor';
import { MaybeActor } from '../identity/current-actor.decorator';
import { OrgScope } from '../identity/org-scope';
import { DomainRuleViolation } from '../workflow/case/domain-rule-violation';
import { ACCESS, Allow } from '../identity/allow.decorator';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { Pool } from 'pg';
import { checkOutClient } from '../database/checked-out-client';
import { PG_POOL } from '../common/tokens';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { AuditEntry } from './audit-entry';
import { exportTransform, toCsv } from './audit-formats';
import { AuditHistoryQueries } from './audit-history.queries';
import { parseExportRequest } from './audit-range';
import { StreamCheck } from './audit-verification';

export interface HistoryResponse {
  id: string;
  events: AuditEntry[];
}

/**
 * The auditors' view (thanh tra, kiểm toán): ordered, tamper-evident history of a case or a
 * person, hash-chain verification and bulk exports. Read-only; served from the audit read model,
 * except `verify`, which recomputes the chain from the event store itself.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  private readonly queries: AuditHistoryQueries;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    // Absent only where the module runs without identity (its own integration test).
    @Optional() private readonly scope?: OrgScope,
  ) {
    this.queries = new AuditHistoryQueries(pool);
  }

  /** A history is read within the grant's unit: the unit named when the case opened or the person registered. */
  private async assertHistoryInScope(
    actor: Actor | undefined,
    events: AuditEntry[],
    what: string,
  ): Promise<void> {
    if (!actor || !this.scope) return;
    const unit = events
      .map((event) => event.data.orgUnitId)
      .find((value): value is string => typeof value === 'string');
    if (unit) await this.scope.assertReaches(actor, unit, what);
  }

  @Allow(...ACCESS.audit)
  @SensitiveRead('case history')
  @Get('cases/:id/history')
  @ApiOperation({
    summary: "A case's full history in order, whatever its procedure (appointment, discipline, …)",
  })
  @ApiParam({ name: 'id', description: 'case id (the stream name without its kind)' })
  @ApiOkResponse({
    description:
      '{ id, events: [...] } with actor, roles, org unit, rule version, times, correlation/causation ids and hash',
  })
  async caseHistory(
    @Param('id') id: string,
    @MaybeActor() actor?: Actor,
  ): Promise<HistoryResponse> {
    const events = await this.queries.caseHistory(id);
    if (events.length === 0) throw new NotFoundException(`no case history for id ${id}`);
    await this.assertHistoryInScope(actor, events, `case ${id}`);
    return { id, events };
  }

  @Allow(...ACCESS.audit)
  @SensitiveRead('case history CSV')
  @Get('cases/:id/history.csv')
  @ApiOperation({ summary: "A case's history as CSV (same columns as the export)" })
  @ApiParam({ name: 'id', description: 'case id' })
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async caseHistoryCsv(
    @Param('id') id: string,
    @Res({ passthrough: true }) response: ServerResponse,
    @MaybeActor() actor?: Actor,
  ): Promise<string> {
    const events = await this.queries.caseHistory(id);
    if (events.length === 0) throw new NotFoundException(`no case history for id ${id}`);
    await this.assertHistoryInScope(actor, events, `case ${id}`);
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="case-${safeFileName(id)}-history.csv"`,
    );
    return toCsv(events);
  }

  @Allow(...ACCESS.audit)
  @SensitiveRead('person history')
  @Get('cadres/:id/history')
  @ApiOperation({
    summary: "A person's history: their own stream plus the case events about them (data.personId)",
  })
  @ApiParam({ name: 'id', description: 'person id' })
  async personHistory(
    @Param('id') id: string,
    @MaybeActor() actor?: Actor,
  ): Promise<HistoryResponse> {
    const events = await this.queries.personHistory(id);
    if (events.length === 0) throw new NotFoundException(`no history for person ${id}`);
    await this.assertHistoryInScope(actor, events, `person ${id}`);
    return { id, events };
  }

  @Allow(...ACCESS.audit)
  @Get('audit/verify')
  @ApiOperation({
    summary:
      "Recomputes a stream's hash chain from the event store; names the first broken revision",
  })
  @ApiQuery({ name: 'stream', required: true, description: 'stream id, e.g. appointment-<id>' })
  async verify(@Query('stream') stream: string | undefined): Promise<StreamCheck> {
    if (!stream)
      throw new BadRequestException(
        'stream is required, e.g. /audit/verify?stream=appointment-<id>',
      );
    const result = await this.store.verifyStream(stream);
    if (result.ok && result.eventsChecked === 0)
      throw new NotFoundException(`stream ${stream} has no events`);
    return { streamId: stream, ...result };
  }

  @Allow(...ACCESS.audit)
  @SensitiveRead('audit export')
  @Get('audit/export')
  @ApiOperation({
    summary: 'Streams every event recorded in [from, to) in global order, as CSV or NDJSON',
  })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601, inclusive (recorded time)' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO 8601, exclusive (recorded time)' })
  @ApiQuery({
    name: 'format',
    required: false,
    enum: ['csv', 'ndjson'],
    description: 'default ndjson',
  })
  @ApiProduces('text/csv', 'application/x-ndjson')
  async export(
    @Query('from') from: string | undefined,
    @Query('to') to: string | undefined,
    @Query('format') format: string | undefined,
    @Res() response: ServerResponse,
    @MaybeActor() actor?: Actor,
  ): Promise<void> {
    const request = parseExportRequest({ from, to, format });
    // The export spans every unit: only a grant at a top-level unit covers all of it.
    if (actor && this.scope && !(await this.scope.isTopLevel(actor.orgUnit))) {
      throw new DomainRuleViolation(
        'scope.export_needs_top_level_grant',
        `the export spans every org unit; your grant for ${actor.orgUnit} covers only its subtree`,
        'forbidden',
      );
    }
    const client = await checkOutClient(this.pool);
    const rows = this.queries.streamRecorded(client, request);
    response.statusCode = 200;
    response.setHeader(
      'Content-Type',
      request.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    );
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="audit-export.${request.format}"`,
    );
    await new Promise<void>((resolve) => {
      pipeline(rows, exportTransform(request.format), response, (error) => {
        // A half-read cursor must not go back to the pool: discard that connection.
        client.release(error ?? undefined);
        if (error && !response.headersSent) {
          response.statusCode = 500;
          response.end();
        }
        resolve();
      });
    });
  }
}

function safeFileName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_');
}
