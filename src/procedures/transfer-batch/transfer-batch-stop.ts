import { deterministicId } from '../../common/deterministic-id';
import { EventMetadata } from '../../event-store/event-envelope';
import { WrongExpectedRevision } from '../../event-store/event-store.errors';
import { EventStore } from '../../event-store/event-store.port';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { TransferBatchEvent } from './transfer-batch.events';

/** A chunk refused because a stream it writes moved since the batch was checked. */
export function batchConflict(error: WrongExpectedRevision): DomainRuleViolation {
  return new DomainRuleViolation(
    'transfer_batch.conflict',
    `${error.streamId} moved while the batch was being opened (${error.message}); send the batch again to continue where it stopped`,
    'conflict',
    undefined,
    { streamId: error.streamId, currentRevision: error.actual },
  );
}

/**
 * After a batch's chunk is refused as a conflict, records on its stream that it stopped and why,
 * then throws the refusal. Otherwise it read as still opening forever: a batch that lost a race
 * for its people (to another batch, or to a case opened alone) is refused before it writes when
 * sent again, so nothing would ever move it on.
 *
 * Recorded at `refusedAt`, the revision the refused chunk expected the batch at: if another
 * request for the same batch has moved it since, that request speaks for the batch and the record
 * is refused (the caller still hears of the conflict). Any other error (a crash-like cut, the
 * database refusing) leaves the batch as it was, to be continued.
 */
export async function stopOnConflict(
  store: EventStore,
  streamId: string,
  refusedAt: number | null,
  error: unknown,
  metadata: EventMetadata,
): Promise<never> {
  if (
    refusedAt === null ||
    !(error instanceof DomainRuleViolation) ||
    error.rule !== 'transfer_batch.conflict'
  )
    throw error;
  const stopped: TransferBatchEvent = {
    type: 'TransferBatchStopped',
    data: { rule: error.rule, message: error.message },
  };
  await store
    .append(
      streamId,
      [{ id: deterministicId(streamId, `stopped-${refusedAt}`), ...stopped, metadata }],
      { expectedRevision: refusedAt },
    )
    // The caller hears of the conflict whatever became of this record.
    .catch(() => undefined);
  throw error;
}
