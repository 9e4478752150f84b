import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { deterministicId } from '../../common/deterministic-id';
import { EventMetadata, RecordedEvent } from '../../event-store/event-envelope';
import { WrongExpectedRevision } from '../../event-store/event-store.errors';
import { EVENT_STORE, EventStore, StreamAppend } from '../../event-store/event-store.port';
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
import { TransferBatchCheckDto, TransferBatchViewDto } from './dto/transfer-batch-view.dto';
import { PlannedEntry, TransferBatchEntries } from './transfer-batch-entries';
import { refuseInvalid, refuseOutOfScope } from './transfer-batch-problem';
import { batchConflict, stopOnConflict } from './transfer-batch-stop';
import {
  evolveTransferBatch,
  initialTransferBatchState,
  TransferBatchEvent,
  TransferBatchState,
  transferBatchStream,
} from './transfer-batch.events';

/**
 * Entries whose cases go out in one multi-stream append (one transaction and commit on
 * PostgreSQL): each entry's id reservation, open-case slot claim and case opening. 500 rather
 * than 250: a batch of 10,000 took a median 2.5 s instead of 2.9 s, with less CPU (half the
 * commits, and half the rounds of what each commit sets off; bench/README.md, nineteenth
 * session); 1,000 was no better. Progress still moves every fraction of a second.
 */
const ENTRIES_PER_CHUNK = 500;
/** Chunks under way at once: one being written, the next prepared and waiting for it. */
const CHUNKS_UNDER_WAY = 2;

const DEFAULT_DEFINITION = 'transfer.standard';

interface LoadedBatch {
  state: TransferBatchState;
  revision: number | null;
  first?: RecordedEvent;
}

/**
 * Opens a reorganisation's transfers as one batch: every entry checked first (nothing is written
 * if one is bad: a committee corrects its list and sends it again, it does not want half a
 * reorganisation opened), then the cases in chunks, each chunk with the batch's progress event.
 * The same batch again opens nothing new; a batch cut short (a crash, a conflict) continues
 * where its last chunk ended.
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
    refuseInvalid(checks.problems);
    let revision = batch.revision;
    if (revision === null) {
      const opened: TransferBatchEvent = {
        type: 'TransferBatchOpened',
        data: {
          batchId,
          contentHash,
          total: dto.entries.length,
          orgUnitId: actor.orgUnit,
          definition,
        },
      };
      revision = (
        await this.store.append(streamId, [{ id: openedEventId, ...opened, metadata }], {
          expectedRevision: 'no_stream',
        })
      ).nextRevision;
    }
    const planned = withPostsLeft(checks.planned, dto);
    await this.bulkWrites.during(() => this.writeChunks(streamId, revision, planned, metadata));
    return { ...viewOf(await this.load(streamId)), openedNow: checks.planned.length };
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

  /**
   * Each chunk's cases (id reservation, open-case slot, case stream) and the batch's progress
   * event in one append: at expected revisions, so a concurrent writer makes it a 409 and nothing
   * of that chunk is written. The next chunk is prepared while the database writes this one and
   * sent once it is done (`after`); its progress event expects this one's, so if this one fails it
   * is refused and writes nothing, and the first failure is reported (a conflict stops the batch).
   */
  private async writeChunks(
    streamId: string,
    revision: number,
    planned: ChunkEntry[],
    metadata: EventMetadata,
  ): Promise<void> {
    // The chunks written or waiting to be, oldest first; the last is the one the next follows.
    const underWay: Promise<void>[] = [];
    // Where the first refused chunk expected the batch: chunks settle in order.
    let refusedAt: number | null = null;
    try {
      for (let start = 0, chunkIndex = 0; start < planned.length; start += ENTRIES_PER_CHUNK) {
        if (underWay.length === CHUNKS_UNDER_WAY) await underWay.shift();
        // Lets the previous chunk's statement go out before this one is prepared.
        if (underWay.length > 0) await new Promise((resolve) => setImmediate(resolve));
        const chunk = planned.slice(start, start + ENTRIES_PER_CHUNK);
        const expected = revision + chunkIndex;
        const written = this.store.appendMany(
          [
            ...chunk.flatMap((entry) => entry.appends),
            progressAppend(streamId, expected, chunk, metadata),
          ],
          { after: underWay.at(-1) },
        );
        chunkIndex += 1;
        const done = written.then(
          () => {
            // Each case stream was appended at no_stream: this process wrote its opening. Keeping
            // it spares the record saga (and the case's first step) a read of its first event.
            for (const entry of chunk)
              this.origins.caseOpened(entry.caseId, entry.opening.procedure, entry.opening.first);
          },
          (error: unknown) => {
            refusedAt ??= expected;
            throw error instanceof WrongExpectedRevision ? batchConflict(error) : error;
          },
        );
        // Awaited in order below; a later chunk's refusal must not surface as unhandled meanwhile.
        done.catch(() => undefined);
        underWay.push(done);
      }
      for (const done of underWay) await done;
    } catch (error) {
      // The chunk sent after the refused one settles first: a stop recorded before it is the
      // revision it expects, and it would open its cases past the refused chunk's.
      await Promise.allSettled(underWay);
      await stopOnConflict(this.store, streamId, refusedAt, error, metadata);
    }
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

  private async load(streamId: string): Promise<LoadedBatch> {
    const events = await this.store.readStream(streamId);
    let state = initialTransferBatchState();
    for (const event of events) state = evolveTransferBatch(state, event);
    return { state, revision: events.at(-1)?.revision ?? null, first: events[0] };
  }
}

/** An entry planned, with the post its person leaves. */
type ChunkEntry = PlannedEntry & { leaves: string };

/** Each chunk records the post each case's person leaves (before: nowhere), for the screen. */
function withPostsLeft(planned: PlannedEntry[], dto: OpenTransferBatchDto): ChunkEntry[] {
  return planned.map((entry) => ({ ...entry, leaves: dto.entries[entry.index].currentPositionId }));
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

/** A chunk's progress event on the batch's stream, where the chunks before it leave its head. */
function progressAppend(
  streamId: string,
  expectedRevision: number,
  chunk: ChunkEntry[],
  metadata: EventMetadata,
): StreamAppend {
  const progress: TransferBatchEvent = {
    type: 'TransferBatchChunkOpened',
    data: {
      first: chunk[0].index,
      caseIds: chunk.map((entry) => entry.caseId),
      leaves: chunk.map((entry) => entry.leaves),
    },
  };
  return {
    streamId,
    expectedRevision,
    events: [{ id: deterministicId(streamId, String(chunk[0].index)), ...progress, metadata }],
  };
}
