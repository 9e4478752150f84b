import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  BadRequestException,
  ConflictException,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Optional,
  Param,
  Post,
  Query,
  ServiceUnavailableException,
} from '@nestjs/common';
import { Pool } from 'pg';
import { ApiAuthenticatedProblems, ApiProblems } from '../common/openapi/api-problems.decorator';
import { StreamCheckDto } from './dto/history-entry.dto';
import {
  CaseProofDto,
  CheckpointVerificationDto,
  CreatedCheckpointDto,
} from './dto/checkpoint.dto';
import { CheckpointService, CheckpointsNotConfigured } from './checkpoints/checkpoint.service';
import {
  CaseProof,
  CheckpointRefused,
  CreatedCheckpoint,
  StoreDisagrees,
} from './checkpoints/checkpoint-ledger';
import { KeysDirectoryUnreadable } from './checkpoints/keys-directory-unreadable';
import { KEYS_DIR_REREAD_MS } from './checkpoints/directory-keyring';
import { CASE_PROCEDURES } from '../procedures/case/case-stream';
import { SensitiveRead } from '../access-log/sensitive-read.decorator';
import { Actor } from '../identity/actor';
import { MaybeActor } from '../identity/current-actor.decorator';
import { OrgScope } from '../identity/org-scope';
import { ACCESS, Allow } from '../identity/allow.decorator';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { assertProofDisclosedTo } from './checkpoints/proof-disclosure';
import { StreamCheckWithCheckpoint, verifyStreamIntegrity } from './stream-integrity';
import { StoreVerification } from './store-verification';
import { PG_POOL } from '../common/tokens';

/**
 * Tamper evidence for auditors: a stream's hash chain recomputed from the event store, the whole
 * store against the latest signed checkpoint, signing a checkpoint, and a case's inclusion proof.
 * The operation ids are those of the routes' first home (AuditController), kept so the web app's
 * generated client does not change.
 */
@ApiTags('audit')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller()
export class AuditCheckpointsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    // Absent only where the module runs without identity (its own integration test).
    @Optional() private readonly scope?: OrgScope,
    @Optional() private readonly checkpoints?: CheckpointService,
  ) {}

  @Allow(...ACCESS.audit)
  @Get('audit/verify')
  @ApiOperation({
    operationId: 'AuditController_verify',
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
  ): Promise<StreamCheckWithCheckpoint | StoreVerification> {
    if (!stream) return this.verifyWholeStore(actor);
    // Before the chain is read: a stream outside the grant must not answer with its event count.
    if (actor && this.scope) await this.assertStreamReadable(actor, this.scope, stream);
    const checked = await verifyStreamIntegrity({
      pool: this.pool,
      store: this.store,
      streamId: stream,
      checkpoints: this.checkpoints?.outsideCopy(),
    });
    // No events and nothing to say of them; a deleted stream has (the checkpoint or the history).
    const deletedFound =
      checked.checkpoint?.status === 'parted' || checked.historyDisagreements.length > 0;
    if (checked.ok && checked.eventsChecked === 0 && !deletedFound)
      throw new NotFoundException(`stream ${stream} has no events`);
    return checked;
  }

  /**
   * A stream is checked within the grant's units. One whose first event the store no longer holds
   * (the whole stream deleted, or its beginning) lies in no unit, as that event named it, so no
   * scope places it: a grant the whole-store check answers (an auditor or admin on a top-level
   * unit) is told of it as that check tells, `deleted-stream` or `deleted-event` at revision 0
   * (before: 403 here while the whole-store check named it). Any other grant is refused as for a
   * stream outside it, so whether another unit's stream was ever there stays untold.
   */
  private async assertStreamReadable(actor: Actor, scope: OrgScope, stream: string): Promise<void> {
    const checksWholeStore =
      actor.roles.some((role) => (ACCESS.auditorOnly as string[]).includes(role)) &&
      (await scope.grantIsTopLevel(actor));
    if (checksWholeStore) {
      const [first] = await this.store.readStream(stream, { limit: 1 });
      if (!first || first.revision !== 0) return;
    }
    await scope.assertStreamInScope(actor, stream, 'stream');
  }

  /** Every stream against the latest signed checkpoint: for auditors and admins only. */
  private async verifyWholeStore(actor: Actor | undefined): Promise<StoreVerification> {
    if (!this.checkpoints?.configured())
      throw new BadRequestException({
        rule: 'query.stream_required',
        message:
          'stream: required, e.g. /audit/verify?stream=appointment-<id> (signed checkpoints are not configured, so the whole store cannot be checked)',
        field: 'stream',
      });
    if (actor && !actor.roles.some((role) => (ACCESS.auditorOnly as string[]).includes(role)))
      throw new ForbiddenException('checking the whole store is for auditors and admins');
    // Its findings name any unit's streams, and its totals count every unit's.
    if (actor && this.scope)
      await this.scope.assertTopLevelGrant(actor, 'the checks of the whole store');
    return this.checkpoints.verify();
  }

  @Allow(...ACCESS.auditorOnly)
  @Post('audit/checkpoints')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'AuditController_createCheckpoint',
    summary:
      'Signs a checkpoint over the whole store now (Ed25519), kept in CHECKPOINT_DIR and the database; refused (409 checkpoint.store_disagrees) while verifying the store finds it changed, and (503 checkpoint.keys_unreadable, the file named) while a file of CHECKPOINT_PUBLIC_KEYS_DIR cannot be read',
  })
  @ApiResponse({ status: 201, type: CreatedCheckpointDto })
  @ApiProblems(409, 503)
  async createCheckpoint(@MaybeActor() actor?: Actor): Promise<CreatedCheckpoint> {
    // A checkpoint covers, and its answer counts, every unit's streams.
    if (actor && this.scope) await this.scope.assertTopLevelGrant(actor, 'signed checkpoints');
    if (!this.checkpoints?.configured(true))
      throw new ConflictException({
        rule: 'checkpoint.not_configured',
        message:
          'signed checkpoints are not configured (CHECKPOINT_DIR, CHECKPOINT_SIGNING_KEY_FILE)',
      });
    try {
      return await this.checkpoints.createOnRequest();
    } catch (error) {
      throw checkpointConflict(error);
    }
  }

  @Allow(...ACCESS.auditorOnly)
  @SensitiveRead('case proof')
  @Get('audit/cases/:id/proof')
  @ApiOperation({
    operationId: 'AuditController_caseProof',
    summary:
      "A case's events exactly as stored, with the signed checkpoint covering them and the inclusion proof (check it with scripts/verify-case-proof.mjs); refused (409 checkpoint.recorded_missing, the checkpoint named, and the folder to a top-level grant) while CHECKPOINT_DIR lacks the checkpoints the database records",
  })
  @ApiParam({ name: 'id', description: 'case id' })
  @ApiOkResponse({ type: CaseProofDto })
  @ApiProblems(404, 409)
  async caseProof(@Param('id') id: string, @MaybeActor() actor?: Actor): Promise<CaseProof> {
    // As for a case's history: a missing case and one outside the grant both answer 403.
    if (actor && this.scope) await this.scope.assertAnyCaseInScope(actor, id, 'id');
    if (!this.checkpoints?.configured())
      throw new ConflictException({
        rule: 'checkpoint.not_configured',
        message: 'signed checkpoints are not configured (CHECKPOINT_DIR)',
      });
    try {
      // Before any proof is looked for: a folder without the recorded checkpoints holds none.
      await this.checkpoints.assertFolderHoldsRecorded();
      for (const kind of CASE_PROCEDURES) {
        const proof = await this.checkpoints.proof(`${kind}-${id}`);
        if (!proof) continue;
        if (actor) assertProofDisclosedTo(actor, id, proof.events);
        return proof;
      }
    } catch (error) {
      // The folder is a path on the server: told to an operator (a top-level grant) only.
      const operator = !actor || !this.scope || (await this.scope.grantIsTopLevel(actor));
      throw proofRefusal(error, operator);
    }
    throw new NotFoundException(`no signed checkpoint covers case ${id} yet`);
  }
}

/**
 * Why a case's proof cannot be given. A CHECKPOINT_DIR lacking the checkpoints the database records
 * (storage unmounted, a mistyped folder) is 409 `checkpoint.recorded_missing` naming the checkpoint,
 * with `checkpoint` its sequence: before, 404 "no signed checkpoint covers case", which sent the
 * auditor to sign one while the signed ones were out of reach. The folder's path is named to an
 * `operator` only: a unit's auditor has no use for the server's layout, and is sent to the operator.
 */
function proofRefusal(error: unknown, operator: boolean): unknown {
  if (error instanceof CheckpointRefused && error.code === 'recorded_checkpoint_missing')
    return new ConflictException({
      rule: 'checkpoint.recorded_missing',
      message: operator
        ? error.message
        : `the service's checkpoint folder lacks checkpoint ${error.sequence}, which the database records as signed; ask the operator to restore it`,
      checkpoint: error.sequence,
    });
  return checkpointConflict(error);
}

/**
 * A checkpoint that cannot be signed or relied on, as a 409 naming why; a keys folder with a file
 * that cannot be read as a 503 naming the file, fixed there and read again within
 * KEYS_DIR_REREAD_MS (before: 500 internal.unexpected).
 */
function checkpointConflict(error: unknown): unknown {
  if (error instanceof KeysDirectoryUnreadable)
    return new ServiceUnavailableException({
      rule: 'checkpoint.keys_unreadable',
      message: error.message,
      retryAfterSeconds: KEYS_DIR_REREAD_MS / 1000,
    });
  if (error instanceof CheckpointRefused)
    return new ConflictException({ rule: 'checkpoint.refused', message: error.message });
  if (error instanceof StoreDisagrees)
    return new ConflictException({ rule: 'checkpoint.store_disagrees', message: error.message });
  if (error instanceof CheckpointsNotConfigured)
    return new ConflictException({ rule: 'checkpoint.not_configured', message: error.message });
  return error;
}
