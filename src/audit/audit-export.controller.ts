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
import {
  BeforeApplicationShutdown,
  Controller,
  Get,
  Inject,
  Logger,
  Optional,
  Query,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import { once } from 'node:events';
import { ServerResponse } from 'node:http';
import { pipeline, Readable, Transform } from 'node:stream';
import { Pool, PoolClient } from 'pg';
import { ApiAuthenticatedProblems, ApiProblems } from '../common/openapi/api-problems.decorator';
import { HistoryEntryDto } from './dto/history-entry.dto';
import { SensitiveRead } from '../access-log/sensitive-read.decorator';
import { Actor } from '../identity/actor';
import { MaybeActor } from '../identity/current-actor.decorator';
import { OrgScope } from '../identity/org-scope';
import { ACCESS, Allow } from '../identity/allow.decorator';
import { checkOutClient } from '../database/checked-out-client';
import { PG_POOL } from '../common/tokens';
import { AuditEntryDisclosure, NO_ROLES_VIEWER } from './disclosed-entry';
import { exportTransform } from './audit-formats';
import { AuditHistoryQueries, ExportScope } from './audit-history.queries';
import { parseExportRequest } from './audit-range';

/** `from` and `to`, read as `asOf` is (parseExportRequest). */
const FROM_DOC =
  'recorded from, inclusive, read as asOf is: a day YYYY-MM-DD from its start in Vietnam; an ISO date-time (Vietnam time without an offset) from the minute, second or millisecond written';
const TO_DOC =
  'recorded through, inclusive, read as asOf is: a day YYYY-MM-DD to the end of that day in Vietnam; an ISO date-time (Vietnam time without an offset) to the end of the minute, second or millisecond written';

/**
 * The auditors' bulk export: every event recorded in a time range, streamed from a database
 * cursor. The operation id is that of the route's first home (AuditController), kept so the web
 * app's generated client does not change.
 */
@ApiTags('audit')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller()
export class AuditExportController implements BeforeApplicationShutdown {
  private readonly queries: AuditHistoryQueries;
  private readonly logger = new Logger('AuditExport');
  /** The exports under way, cut short at shutdown (see beforeApplicationShutdown). */
  private readonly underWay = new Set<Readable>();

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    // Absent only where the module runs without identity (its own integration test).
    @Optional() private readonly scope?: OrgScope,
  ) {
    this.queries = new AuditHistoryQueries(pool);
  }

  @Allow(...ACCESS.audit)
  @SensitiveRead('audit export')
  @Get('audit/export')
  @ApiOperation({
    operationId: 'AuditController_export',
    summary:
      'Streams every event recorded from `from` through `to` in global order, as CSV or NDJSON',
  })
  @ApiQuery({ name: 'from', required: false, description: FROM_DOC })
  @ApiQuery({ name: 'to', required: false, description: TO_DOC })
  @ApiQuery({
    name: 'format',
    required: false,
    enum: ['csv', 'ndjson'],
    description: 'default ndjson',
  })
  @ApiProduces('text/csv', 'application/x-ndjson')
  @ApiOkResponse({
    description:
      'every event recorded from `from` through `to`, streamed; CSV is UTF-8 with a byte order mark',
    content: {
      'text/csv': { schema: { type: 'string' } },
      'application/x-ndjson': { schema: { $ref: getSchemaPath(HistoryEntryDto) } },
    },
  })
  @ApiExtraModels(HistoryEntryDto)
  @ApiProblems(400)
  async export(
    @Query('from') from: string | undefined,
    @Query('to') to: string | undefined,
    @Query('format') format: string | undefined,
    @Res() response: ServerResponse,
    @MaybeActor() actor?: Actor,
  ): Promise<void> {
    const request = parseExportRequest({ from, to, format });
    // The export holds the streams of the caller's subtree only (see AuditHistoryQueries).
    const scope = actor && this.scope ? exportScopeOf(actor) : undefined;
    const client = await checkOutClient(this.pool);
    const rows = this.queries.streamRecorded(client, { ...request, scope }, actor?.personId);
    this.track(rows);
    await untilFirstRow(rows, client);
    const disclosure = new AuditEntryDisclosure(actor ?? NO_ROLES_VIEWER);
    response.statusCode = 200;
    response.setHeader(
      'Content-Type',
      request.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    );
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="audit-export.${request.format}"`,
    );
    await this.send(rows, exportTransform(request.format, disclosure), response, client);
  }

  /**
   * An export streams for as long as its reader takes and holds a pooled connection meanwhile;
   * the pool's end, and so the shutdown, would wait for it (up to SHUTDOWN_TIMEOUT_MS, then exit
   * 1). It is cut short instead: the reader sees an aborted transfer (or a 503) and exports again.
   */
  beforeApplicationShutdown(): void {
    for (const rows of this.underWay) rows.destroy(new ExportCutByShutdown());
  }

  private track(rows: Readable): void {
    this.underWay.add(rows);
    rows.once('close', () => this.underWay.delete(rows));
  }

  /** Streams the export; on a failure the response is cut short, the client discarded. */
  private send(
    rows: Readable,
    lines: Transform,
    response: ServerResponse,
    client: PoolClient,
  ): Promise<void> {
    return new Promise<void>((resolve) => {
      // On a failure the pipeline destroys the response: the client sees the transfer cut short
      // (chunked encoding never terminated), never a clean end of a partial export.
      pipeline(rows, lines, response, (error) => {
        // A half-read cursor must not go back to the pool: discard that connection.
        client.release(error ?? undefined);
        if (error instanceof ExportCutByShutdown) this.logger.warn(error.message);
        else if (error && !clientWentAway(error)) {
          this.logger.error(
            `audit export failed after streaming began; the response was cut short: ${error.message}`,
            error.stack,
          );
        }
        resolve();
      });
    });
  }
}

/**
 * Waits for the export's first row (or its end), so that nothing is sent before it: a query that
 * fails until then, its connection lost included, is still answered as a problem (503 for a lost
 * connection), not as a 200 cut short.
 */
async function untilFirstRow(rows: Readable, client: PoolClient): Promise<void> {
  try {
    await once(rows, 'readable');
  } catch (error) {
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}

class ExportCutByShutdown extends ServiceUnavailableException {
  constructor() {
    super('the service is shutting down: the audit export was cut short; export again');
  }
}

/** The pipeline's error when the client closed the connection before the export's end. */
function clientWentAway(error: NodeJS.ErrnoException): boolean {
  return error.code === 'ERR_STREAM_PREMATURE_CLOSE';
}

/** What an export may hold for this caller: their subtree, and for an admin the unit-less streams. */
function exportScopeOf(actor: Actor): ExportScope {
  return { unit: actor.orgUnit, withUnitlessStreams: actor.roles.includes('admin') };
}
