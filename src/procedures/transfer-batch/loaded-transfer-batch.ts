import { RecordedEvent } from '../../event-store/event-envelope';
import { EventStore } from '../../event-store/event-store.port';
import {
  evolveTransferBatch,
  initialTransferBatchState,
  TransferBatchState,
} from './transfer-batch.events';

/** A batch as its stream stands: its fold, the revision of its last event and its first event. */
export interface LoadedBatch {
  state: TransferBatchState;
  revision: number | null;
  first?: RecordedEvent;
}

export async function loadTransferBatch(store: EventStore, streamId: string): Promise<LoadedBatch> {
  const events = await store.readStream(streamId);
  let state = initialTransferBatchState();
  for (const event of events) state = evolveTransferBatch(state, event);
  return { state, revision: events.at(-1)?.revision ?? null, first: events[0] };
}
