import { EventStore, StreamAppend } from '../../src/event-store/event-store.port';
import { ForwardingEventStore } from '../../src/event-store/forwarding-event-store';

/** A store whose multi-stream appends fail after `allowed` of them: a pass cut short. */
export class FailingAfter extends ForwardingEventStore {
  constructor(
    store: EventStore,
    private allowed: number,
  ) {
    super(store);
  }

  override appendMany(appends: StreamAppend[]) {
    if (this.allowed-- <= 0) return Promise.reject(new Error('connection terminated'));
    return super.appendMany(appends);
  }
}
