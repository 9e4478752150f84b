import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { deterministicId } from '../../common/deterministic-id';
import { EventMetadata } from '../../event-store/event-envelope';
import { isWriteRace } from '../../event-store/event-store.errors';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { BulkWrites } from '../../event-store/bulk-writes';
import { BULK_WRITES } from '../../common/tokens';
import { Actor } from '../../identity/actor';
import { RecordOrigins } from '../../identity/record-origins';
import { OrgScope } from '../../identity/org-scope';
import { outOfScope } from '../../identity/scope-refusals';
import { APP_CONFIG } from '../../infrastructure/app-config.token';
import { AppConfig } from '../../config/app-config';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { OpenTransferBatchDto } from './dto/open-transfer-batch.dto';
import { acceptValidTransferBatch } from './dto/transfer-batch-body-check';
import { entriesOutsideGrant } from './transfer-batch-entries-named';
import { parseBody } from '../case/step-body-validation';
import { TransferBatchCheckDto, TransferBatchViewDto } from './dto/transfer-batch-view.dto';
import { TransferBatchEntries } from './transfer-batch-entries';
import { refuseInvalid, refuseOutOfScope } from './transfer-batch-problem';
import { ChunkWriter, withPostsLeft, writeChunks } from './transfer-batch-chunks';
import { LoadedBatch, loadTransferBatch } from './loaded-transfer-batch';
import { settledByOtherCopy } from './transfer-batch-copy-at-once';
import { TransferBatchEvent, transferBatchStream } from './transfer-batch.events';

const DEFAULT_DEFINITION = 'transfer.standard';

/** The batch a request names: its id, its stream, its entries' hash and who sends it. */
interface BatchRequest {
  batchId: string;
  streamId: string;
  contentHash: string;
  actor: Actor;
}

/**
 * Opens a reorganisation's transfers as one batch: every entry checked first (nothing is written
 * if one is bad: a committee corrects its list and sends it again, it does not want half a
 * reorganisation opened), then the cases in chunks, each chunk with the batch's progress event.
 * The same batch again opens nothing new, sent after it or at the same time (each case is written
 * once; see settledByOtherCopy); a batch cut short (a crash, a conflict) continues where its last
 * chunk ended.
 */
@Injectable()
export class TransferBatchService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly entries: TransferBatchEntries,
    private readonly scope: OrgScope,
    private readonly origins: RecordOrigins,
    @Inject(BULK_WRITES) private readonly bulkWrites: BulkWrites,
  ) {}

  private get writer(): ChunkWriter {
    return { store: this.store, origins: this.origins };
  }

  /**
   * The batch's body as its DTO takes it: by hand when large and valid, as the validation pipe
   * did (`acceptValidTransferBatch`), else `parseBody`. A body the DTO refuses is asked of the
   * grant first: entries naming a unit, post or person outside it answer 403 listing them, as a
   * valid batch's do, not which field of the body is wrong.
   */
  async checkedBody(raw: unknown, actor: Actor): Promise<OpenTransferBatchDto> {
    const accepted = acceptValidTransferBatch(raw);
    if (accepted) return accepted;
    try {
      return parseBody(OpenTransferBatchDto, raw);
    } catch (invalid) {
      const max = this.config.TRANSFER_BATCH_MAX_ENTRIES;
      refuseOutOfScope(await entriesOutsideGrant(raw, actor, this.scope, max), []);
      throw invalid;
    }
  }

  /** Checks the batch (a dry run stops there) and opens what is not opened yet. */
  async open(
    dto: OpenTransferBatchDto,
    actor: Actor,
    metadata: EventMetadata,
    dryRun = false,
  ): Promise<TransferBatchCheckDto | TransferBatchViewDto> {
    this.assertSize(dto);
    const definition = dto.definition ?? DEFAULT_DEFINITION;
    const contentHash = createHash('sha256')
      .update(JSON.stringify({ definition, entries: dto.entries }))
      .digest('hex');
    const batchId = dto.id ?? derivedBatchId(actor.orgUnit, contentHash);
    const streamId = transferBatchStream(batchId);
    const sent: BatchRequest = { batchId, streamId, contentHash, actor };
    const batch = await this.load(streamId);
    await this.assertSameBatch(batch, batchId, contentHash, actor);
    const from = batch.state.status === 'none' ? 0 : batch.state.opened;
    const openedEventId = deterministicId('transfer-batch', batchId);
    const checks = await this.entries.check(dto.entries, from, {
      batchId,
      definition,
      actor,
      metadata: { ...metadata, causationId: openedEventId, transferBatchId: batchId },
    });
    // As on every route, an id outside the grant is refused (403); the other lines' problems are
    // listed with it, so a corrected list is not refused again for what it did not say.
    refuseOutOfScope(checks.outOfScope, checks.problems);
    if (dryRun)
      return {
        batchId,
        valid: checks.problems.length === 0,
        total: dto.entries.length,
        alreadyOpened: from,
        errors: checks.problems,
      };
    // Problems the batch's own writes made while this request checked it: another request of the
    // same list has opened these entries' cases since it was read (their ids taken, their people's
    // slots held); a chunk's cases and its progress are one transaction, so the batch moved too.
    if (checks.problems.length > 0 && (await this.load(streamId)).revision !== batch.revision)
      return this.answerAsCopy(sent, 0);
    refuseInvalid(checks.problems);
    const revision =
      batch.revision ??
      (await this.recordOpening(
        sent,
        { eventId: openedEventId, total: dto.entries.length, definition },
        metadata,
      ));
    if (revision === null) return this.answerAsCopy(sent, 0);
    const planned = withPostsLeft(checks.planned, dto);
    const written = await this.bulkWrites.during(() =>
      writeChunks(this.writer, streamId, revision, planned, metadata),
    );
    if (written.metAnotherCopy) return this.answerAsCopy(sent, written.opened);
    return { ...viewOf(await this.load(streamId)), openedNow: written.opened };
  }

  /**
   * The batch's opening event, at its stream's start: its revision, or null when another request
   * opened the batch first (the event's id is the batch's, its metadata that request's): the same
   * list sent at once, or another list under the same id.
   */
  private async recordOpening(
    sent: BatchRequest,
    { eventId, total, definition }: { eventId: string; total: number; definition: string },
    metadata: EventMetadata,
  ): Promise<number | null> {
    const { batchId, contentHash, actor } = sent;
    const opened: TransferBatchEvent = {
      type: 'TransferBatchOpened',
      data: { batchId, contentHash, total, orgUnitId: actor.orgUnit, definition },
    };
    try {
      const appended = await this.store.append(
        sent.streamId,
        [{ id: eventId, ...opened, metadata }],
        {
          expectedRevision: 'no_stream',
        },
      );
      return appended.nextRevision;
    } catch (error) {
      if (isWriteRace(error)) return null;
      throw error;
    }
  }

  /**
   * The answer of a request that met another request of the same batch writing it: that batch as
   * it ends, with what this request opened itself (`openedNow`, usually 0), as when the list is
   * sent again after it. The same id with other entries is refused as that id taken.
   */
  private async answerAsCopy(
    { batchId, streamId, contentHash, actor }: BatchRequest,
    openedNow: number,
  ): Promise<TransferBatchViewDto> {
    const reload = () => this.load(streamId);
    await this.assertSameBatch(await reload(), batchId, contentHash, actor);
    return { ...viewOf(await settledByOtherCopy(reload, batchId)), openedNow };
  }

  /**
   * The batch's progress. One opened outside your grant answers exactly like one that does not
   * exist (403 naming `id`), so a caller cannot probe other units' batch ids nor learn their unit.
   */
  async progress(batchId: string, actor: Actor): Promise<TransferBatchViewDto> {
    const batch = await this.load(transferBatchStream(batchId));
    await this.assertBatchInScope(batch, batchId, actor);
    return viewOf(batch);
  }

  private async assertBatchInScope(
    batch: LoadedBatch,
    batchId: string,
    actor: Actor,
  ): Promise<void> {
    if (batch.state.status === 'none' || !(await this.scope.reaches(actor, batch.state.orgUnitId)))
      throw outOfScope(
        `id: transfer batch ${batchId} is not in any unit your grant for ${actor.orgUnit} covers`,
        'id',
      );
  }

  private assertSize(dto: OpenTransferBatchDto): void {
    const max = this.config.TRANSFER_BATCH_MAX_ENTRIES;
    if (dto.entries.length === 0 || dto.entries.length > max)
      throw new DomainRuleViolation(
        'transfer_batch.size',
        `entries: a batch has 1 to ${max} entries (TRANSFER_BATCH_MAX_ENTRIES); this one has ${dto.entries.length}`,
        'unprocessable',
        'entries',
      );
  }

  /** A batch id names one list of entries, opened in one unit's scope. */
  private async assertSameBatch(
    batch: LoadedBatch,
    batchId: string,
    contentHash: string,
    actor: Actor,
  ): Promise<void> {
    if (batch.state.status === 'none') return;
    await this.assertBatchInScope(batch, batchId, actor);
    if (batch.state.contentHash !== contentHash)
      throw new DomainRuleViolation(
        'transfer_batch.id_taken',
        `id: transfer batch ${batchId} was opened with other entries; choose another id`,
        'conflict',
        'id',
      );
  }

  private load(streamId: string): Promise<LoadedBatch> {
    return loadTransferBatch(this.store, streamId);
  }
}

function derivedBatchId(orgUnit: string, contentHash: string): string {
  const digest = createHash('sha256').update(`${orgUnit}\u001f${contentHash}`).digest('hex');
  return `tb-${digest.slice(0, 20)}`;
}

function viewOf({ state, first }: LoadedBatch): TransferBatchViewDto {
  if (state.status === 'none') throw new Error('a batch that does not exist has no view');
  return {
    batchId: state.batchId,
    status: state.status,
    total: state.total,
    opened: state.opened,
    orgUnitId: state.orgUnitId,
    definition: state.definition,
    openedBy: first!.metadata.actorId,
    openedAt: first!.recordedAt,
    caseIds: state.caseIds,
    stoppedBecause: state.stoppedBecause,
  };
}
