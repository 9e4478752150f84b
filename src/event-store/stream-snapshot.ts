import { RecordedEvent } from './event-envelope';
import { EventStore, ReadStreamOptions, StreamRead } from './event-store.port';
import { ForwardingEventStore } from './forwarding-event-store';

/**
 * The event store as a bulk job's checks read it: some streams read whole at once (`take`, one
 * `readStreams`), and `readStream` / `streamRevision` of those answered from memory, as the store
 * answered a moment before. So code written for one stream at a time (the case id and open-case
 * slot rules) judges many entries without a query each. Everything else, streams never taken
 * included, goes to the store. It does not follow later appends: one request's checks, then gone.
 */
export class StreamSnapshot extends ForwardingEventStore {
  private readonly streams = new Map<string, RecordedEvent[]>();

  constructor(store: EventStore) {
    super(store);
  }

  /** Reads the streams not held yet, whole, in one `readStreams`. */
  async take(streamIds: string[]): Promise<void> {
    const wanted = [...new Set(streamIds)].filter((id) => !this.streams.has(id));
    const read = await this.store.readStreams(wanted.map((streamId) => ({ streamId })));
    wanted.forEach((id, at) => this.streams.set(id, read[at]));
  }

  /** The events held for a stream taken (undefined: not taken). */
  held(streamId: string): RecordedEvent[] | undefined {
    return this.streams.get(streamId);
  }

  override async readStream(
    streamId: string,
    options: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> {
    const events = this.streams.get(streamId);
    if (!events || options.until !== undefined) return this.store.readStream(streamId, options);
    const backwards = options.direction === 'backwards';
    const from = options.from;
    let kept =
      from === undefined
        ? [...events]
        : events.filter((e) => (backwards ? e.revision <= from : e.revision >= from));
    if (backwards) kept = kept.reverse();
    return options.limit === undefined ? kept : kept.slice(0, options.limit);
  }

  override async streamRevision(streamId: string): Promise<number | null> {
    const events = this.streams.get(streamId);
    if (!events) return this.store.streamRevision(streamId);
    return events.at(-1)?.revision ?? null;
  }

  override async readStreams(reads: StreamRead[]): Promise<RecordedEvent[][]> {
    return Promise.all(
      reads.map(({ streamId, from, limit }) => this.readStream(streamId, { from, limit })),
    );
  }

  /** The store is the application's: closing a snapshot closes nothing. */
  override async close(): Promise<void> {}
}
