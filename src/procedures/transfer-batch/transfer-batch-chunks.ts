import { deterministicId } from '../../common/deterministic-id';
import { EventMetadata } from '../../event-store/event-envelope';
import { EventIdConflict, WrongExpectedRevision } from '../../event-store/event-store.errors';
import { EventStore, StreamAppend } from '../../event-store/event-store.port';
import { RecordOrigins } from '../../identity/record-origins';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { OpenTransferBatchDto } from './dto/open-transfer-batch.dto';
import { loadTransferBatch } from './loaded-transfer-batch';
import { PlannedEntry } from './transfer-batch-entries';
import { batchConflict, stopOnConflict } from './transfer-batch-stop';
import { TransferBatchEvent } from './transfer-batch.events';

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

/** An entry planned, with the post its person leaves. */
export type ChunkEntry = PlannedEntry & { leaves: string };

/** Each chunk records the post each case's person leaves (before: nowhere), for the screen. */
export function withPostsLeft(planned: PlannedEntry[], dto: OpenTransferBatchDto): ChunkEntry[] {
  return planned.map((entry) => ({ ...entry, leaves: dto.entries[entry.index].currentPositionId }));
}

/** What a request wrote of a batch's chunks, and whether another request of it wrote meanwhile. */
export interface ChunksWritten {
  opened: number;
  /** A chunk was refused because another request for the same batch had written there. */
  metAnotherCopy: boolean;
}

/** Where the chunks are written, and what keeps each case's opening once it is. */
export interface ChunkWriter {
  store: EventStore;
  origins: RecordOrigins;
}

/**
 * Each chunk's cases (id reservation, open-case slot, case stream) and the batch's progress
 * event in one append: at expected revisions, so a concurrent writer makes it a 409 and nothing
 * of that chunk is written. The next chunk is prepared while the database writes this one and
 * sent once it is done (`after`); its progress event expects this one's, so if this one fails it
 * is refused and writes nothing, and the first failure is reported (a conflict stops the batch).
 * A chunk refused because another request of the same batch wrote there first is no conflict:
 * the batch moved past where the chunk expected it, and that request speaks for the batch.
 */
export async function writeChunks(
  writer: ChunkWriter,
  streamId: string,
  revision: number,
  planned: ChunkEntry[],
  metadata: EventMetadata,
): Promise<ChunksWritten> {
  let opened = 0;
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
      const written = writer.store.appendMany(
        [
          ...chunk.flatMap((entry) => entry.appends),
          progressAppend(streamId, expected, chunk, metadata),
        ],
        { after: underWay.at(-1) },
      );
      chunkIndex += 1;
      const done = written.then(
        () => {
          opened += chunk.length;
          // Each case stream was appended at no_stream: this process wrote its opening. Keeping
          // it spares the record saga (and the case's first step) a read of its first event.
          for (const entry of chunk)
            writer.origins.caseOpened(entry.caseId, entry.opening.procedure, entry.opening.first);
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
    return { opened, metAnotherCopy: false };
  } catch (error) {
    // The chunk sent after the refused one settles first: a stop recorded before it is the
    // revision it expects, and it would open its cases past the refused chunk's.
    await Promise.allSettled(underWay);
    if (refusedAt !== null && isConflict(error)) {
      // Only requests for this batch write its stream: past the refused chunk's revision, one
      // of them wrote since (a chunk, or its own stop).
      const { revision: now } = await loadTransferBatch(writer.store, streamId);
      if (now !== null && now > refusedAt) return { opened, metAnotherCopy: true };
    }
    return stopOnConflict(writer.store, streamId, refusedAt, error, metadata);
  }
}

/**
 * A chunk refused because one of its streams was written first: moved past its expected revision,
 * or holding one of its events' ids (seeded by the batch and entry, so by a request of this batch).
 */
function isConflict(error: unknown): boolean {
  return (
    error instanceof EventIdConflict ||
    (error instanceof DomainRuleViolation && error.rule === 'transfer_batch.conflict')
  );
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
