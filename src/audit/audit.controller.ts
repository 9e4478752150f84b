import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiAuthenticatedProblems, ApiProblems } from '../common/openapi/api-problems.decorator';
import { HistoryDto, HistoryEntryDto, StreamCheckDto } from './dto/history-entry.dto';
import {
  CaseProofDto,
  CheckpointVerificationDto,
  CreatedCheckpointDto,
} from './dto/checkpoint.dto';
import { CheckpointService, CheckpointsNotConfigured } from './checkpoints/checkpoint.service';
import {
  CaseProof,
  CheckpointRefused,
  CheckpointVerification,
  CreatedCheckpoint,
  StoreDisagrees,
  StreamCheckpointCheck,
} from './checkpoints/checkpoint-ledger';
import { CASE_PROCEDURES } from '../procedures/case/case-stream';
import {
  BadRequestException,
  ConflictException,
  Controller,
  ForbiddenException,
  HttpCode,
  Post,
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
import { ACCESS, Allow } from '../identity/allow.decorator';
import { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { Pool } from 'pg';
import { checkOutClient } from '../database/checked-out-client';
import { PG_POOL } from '../common/tokens';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { NamedAuditEntry } from './audit-entry';
import { AuditEntryDisclosure, DisclosedNamedAuditEntry, NO_ROLES_VIEWER } from './disclosed-entry';
import { exportTransform, toCsv } from './audit-formats';
import { AuditHistoryQueries, ExportScope } from './audit-history.queries';
import { parseExportRequest } from './audit-range';
import { StreamCheck } from './audit-verification';

/** A stream's own chain check, with its verdict against the latest signed checkpoint. */
export type StreamCheckWithCheckpoint = StreamCheck & { checkpoint?: StreamCheckpointCheck };

export interface HistoryResponse {
  id: string;
  events: DisclosedNamedAuditEntry[];
}

/**
 * The auditors' view (thanh tra, kiểm toán): ordered, tamper-evident history of a case or a
 * person, hash-chain verification and bulk exports. Read-only; served from the audit read model,
 * except `verify`, which recomputes the chain from the event store itself.
 */
@ApiTags('audit')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller()
export class AuditController {
  private readonly queries: AuditHistoryQueries;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    // Absent only where the module runs without identity (its own integration test).
    @Optional() private readonly scope?: OrgScope,
    @Optional() private readonly checkpoints?: CheckpointService,
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
    if (actor && this.scope) await this.scope.assertPersonInScope(actor, personId, 'id');
  }

  /** History lines as this reader may see them: secret ballot counts withheld by the one rule. */
  private async disclosed(
    actor: Actor | undefined,
    events: NamedAuditEntry[],
  ): Promise<DisclosedNamedAuditEntry[]> {
    const subjectOf = actor?.personId
      ? await this.queries.streamsAbout(actor.personId)
      : new Set<string>();
    const disclosure = new AuditEntryDisclosure(actor ?? NO_ROLES_VIEWER);
    return events.map((entry) =>
      disclosure.disclose({ entry, viewerIsSubject: subjectOf.has(entry.streamId) }),
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
    const events = await this.queries.personHistory(id);
    if (events.length === 0) throw new NotFoundException(`no history for person ${id}`);
    return { id, events: await this.disclosed(actor, events) };
  }

  @Allow(...ACCESS.audit)
  @Get('audit/verify')
  @ApiOperation({
    summary:
      "With `stream`: recomputes that stream's hash chain and compares it with the latest signed checkpoint; without: the whole store against the checkpoint",
  })
  @ApiQuery({
    name: 'stream',
    required: false,
    description:
      'stream id, e.g. appointment-<id>; leave out to check every stream against the latest signed checkpoint (auditor, admin)',
  })
  @ApiExtraModels(CheckpointVerificationDto)
  @ApiOkResponse({
    description:
      'for one stream: its chain check with `checkpoint` (covered / not yet covered / where it parts); for the whole store: the checkpoint verification',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(StreamCheckDto) },
        { $ref: getSchemaPath(CheckpointVerificationDto) },
      ],
    },
  })
  @ApiExtraModels(StreamCheckDto)
  @ApiProblems(400, 404, 409)
  async verify(
    @Query('stream') stream: string | undefined,
    @MaybeActor() actor?: Actor,
  ): Promise<StreamCheckWithCheckpoint | CheckpointVerification> {
    if (!stream) {
      if (!this.checkpoints?.configured())
        throw new BadRequestException(
          'stream is required, e.g. /audit/verify?stream=appointment-<id> (signed checkpoints are not configured)',
        );
      if (actor && !actor.roles.some((role) => (ACCESS.auditorOnly as string[]).includes(role)))
        throw new ForbiddenException('checking the whole store is for auditors and admins');
      return this.checkpoints.verify();
    }
    // Before the chain is read: a stream outside the grant must not answer with its event count.
    if (actor && this.scope) await this.scope.assertStreamInScope(actor, stream, 'stream');
    const result = await this.store.verifyStream(stream);
    if (result.ok && result.eventsChecked === 0)
      throw new NotFoundException(`stream ${stream} has no events`);
    const checkpoint = this.checkpoints?.configured()
      ? await this.checkpoints.verifyStream(stream)
      : undefined;
    return { streamId: stream, ...result, ...(checkpoint ? { checkpoint } : {}) };
  }

  @Allow(...ACCESS.auditorOnly)
  @Post('audit/checkpoints')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Signs a checkpoint over the whole store now (Ed25519), kept in CHECKPOINT_DIR and the database',
  })
  @ApiResponse({ status: 201, type: CreatedCheckpointDto })
  @ApiProblems(409)
  async createCheckpoint(): Promise<CreatedCheckpoint> {
    if (!this.checkpoints?.configured(true))
      throw new ConflictException({
        rule: 'checkpoint.not_configured',
        message:
          'signed checkpoints are not configured (CHECKPOINT_DIR, CHECKPOINT_SIGNING_KEY_FILE)',
      });
    try {
      return await this.checkpoints.create();
    } catch (error) {
      throw checkpointConflict(error);
    }
  }

  @Allow(...ACCESS.auditorOnly)
  @SensitiveRead('case proof')
  @Get('audit/cases/:id/proof')
  @ApiOperation({
    summary:
      "A case's events exactly as stored, with the signed checkpoint covering them and the inclusion proof (check it with scripts/verify-case-proof.mjs)",
  })
  @ApiParam({ name: 'id', description: 'case id' })
  @ApiOkResponse({ type: CaseProofDto })
  @ApiProblems(404, 409)
  async caseProof(@Param('id') id: string, @MaybeActor() actor?: Actor): Promise<CaseProof> {
    await this.assertCaseHistoryInScope(actor, id);
    if (!this.checkpoints?.configured())
      throw new ConflictException({
        rule: 'checkpoint.not_configured',
        message: 'signed checkpoints are not configured (CHECKPOINT_DIR)',
      });
    try {
      for (const kind of CASE_PROCEDURES) {
        const proof = await this.checkpoints.proof(`${kind}-${id}`);
        if (proof) return proof;
      }
    } catch (error) {
      throw checkpointConflict(error);
    }
    throw new NotFoundException(`no signed checkpoint covers case ${id} yet`);
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
  @ApiOkResponse({
    description: 'every event in [from, to), streamed; CSV is UTF-8 with a byte order mark',
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
    await new Promise<void>((resolve) => {
      pipeline(rows, exportTransform(request.format, disclosure), response, (error) => {
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

/** What an export may hold for this caller: their subtree, and for an admin the unit-less streams. */
function exportScopeOf(actor: Actor): ExportScope {
  return { unit: actor.orgUnit, withUnitlessStreams: actor.roles.includes('admin') };
}

/** A checkpoint that cannot be signed or relied on, as a 409 naming why. */
function checkpointConflict(error: unknown): unknown {
  if (error instanceof CheckpointRefused)
    return new ConflictException({ rule: 'checkpoint.refused', message: error.message });
  if (error instanceof StoreDisagrees)
    return new ConflictException({ rule: 'checkpoint.store_disagrees', message: error.message });
  if (error instanceof CheckpointsNotConfigured)
    return new ConflictException({ rule: 'checkpoint.not_configured', message: error.message });
  return error;
}

function safeFileName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_');
}
