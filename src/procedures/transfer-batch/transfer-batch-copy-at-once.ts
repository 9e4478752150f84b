import { setTimeout as sleep } from 'node:timers/promises';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { LoadedBatch } from './loaded-transfer-batch';

/**
 * How long a batch another request is opening may stand still before a copy waiting for it gives
 * up: its chunks follow each other within a fraction of a second (bench/README.md), so this long
 * without one means that request is gone (a crash), and sending the list again continues it.
 */
const STANDSTILL_LIMIT_MS = 10_000;
const FIRST_POLL_MS = 10;
const LONGEST_POLL_MS = 200;

/**
 * A copy of a batch sent at once with another request of the same list (a double click, a client
 * retrying before its first answer) meets that request's writes: its opening event, its chunks'
 * cases, each written once. Such a copy waits until the other request has finished and answers
 * as the same list sent again would: the batch, opened, or the refusal it stopped with. A batch
 * that stops moving while still opening is refused as being opened (409 `transfer_batch.opening`),
 * naming it, so the caller reads its progress or sends the list again to continue it.
 *
 * `reload` reads the batch's stream; the batch exists (the other request opened it).
 */
export async function settledByOtherCopy(
  reload: () => Promise<LoadedBatch>,
  batchId: string,
  standstillLimitMs = STANDSTILL_LIMIT_MS,
): Promise<LoadedBatch> {
  let batch = await reload();
  let movedAt = Date.now();
  for (let poll = FIRST_POLL_MS; ; poll = Math.min(poll * 2, LONGEST_POLL_MS)) {
    const { state } = batch;
    if (state.status === 'none')
      throw new Error(`transfer batch ${batchId} was written by another request but has no stream`);
    if (state.status === 'opened') return batch;
    if (state.status === 'stopped' && state.stoppedBecause)
      throw new DomainRuleViolation(
        state.stoppedBecause.rule,
        state.stoppedBecause.message,
        'conflict',
        undefined,
        { batchId },
      );
    if (Date.now() - movedAt > standstillLimitMs)
      throw new DomainRuleViolation(
        'transfer_batch.opening',
        `id: transfer batch ${batchId} is being opened by another request with the same entries (${state.opened} of ${state.total} opened) and has not moved for ${standstillLimitMs / 1000} s; read GET /transfer-batches/${batchId} for its progress, or send the same list again to continue where it stopped`,
        'conflict',
        'id',
        { batchId, opened: state.opened, total: state.total },
      );
    await sleep(poll);
    const next = await reload();
    if (next.revision !== batch.revision) movedAt = Date.now();
    batch = next;
  }
}
