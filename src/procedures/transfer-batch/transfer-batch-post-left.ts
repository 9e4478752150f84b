import { EventStore } from '../../event-store/event-store.port';
import {
  evolveTransferBatch,
  initialTransferBatchState,
  transferBatchStream,
} from './transfer-batch.events';

/** A batch's case id is the batch's id and the entry's number (`batchCaseId`). */
const BATCH_CASE_ID = /^(.+)-\d+$/;

/**
 * The post a batch's case says its person leaves (its entry's `currentPositionId`, as the batch's
 * chunks recorded it); null for a case no batch opened, or one of a batch from before Dec 2026.
 */
export async function postLeftByBatchCase(
  store: EventStore,
  caseId: string,
): Promise<string | null> {
  const batchId = BATCH_CASE_ID.exec(caseId)?.[1];
  if (!batchId) return null;
  const events = await store.readStream(transferBatchStream(batchId));
  const state = events.reduce(evolveTransferBatch, initialTransferBatchState());
  return state.status === 'none' ? null : (state.leaves[caseId] ?? null);
}
