import { NewEvent, RecordedEvent } from './event-envelope';
import {
  AllFrom,
  AppendManyOptions,
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEventRecord,
  StreamAppend,
  StreamHead,
  StreamRead,
  StreamVerification,
  SubscribeOptions,
  Subscription,
} from './event-store.port';

/**
 * An event store that hands every call to another: the base of the wrappers that change a few
 * calls (timing and tracing the appends, answering some reads from memory) and pass the rest on.
 */
export abstract class ForwardingEventStore implements EventStore {
  constructor(protected readonly store: EventStore) {}

  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return this.store.append(streamId, events, options);
  }

  appendMany(appends: StreamAppend[], options?: AppendManyOptions): Promise<AppendResult[]> {
    return this.store.appendMany(appends, options);
  }

  get appendManyIsAtomic(): boolean {
    return this.store.appendManyIsAtomic;
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.store.readStream(streamId, options);
  }

  readStreams(reads: StreamRead[]): Promise<RecordedEvent[][]> {
    return this.store.readStreams(reads);
  }

  streamHeads(streamIds: readonly string[]): Promise<(StreamHead | null)[]> {
    return this.store.streamHeads(streamIds);
  }

  readAll(from: AllFrom, options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.store.readAll(from, options);
  }

  subscribe(
    from: AllFrom,
    handler: (event: RecordedEvent) => Promise<void>,
    options?: SubscribeOptions,
  ): Subscription {
    return this.store.subscribe(from, handler, options);
  }

  readAllStored(from: AllFrom, limit: number): Promise<StoredEventRecord[]> {
    return this.store.readAllStored(from, limit);
  }

  readStreamStored(streamId: string): Promise<StoredEventRecord[]> {
    return this.store.readStreamStored(streamId);
  }

  verifyStream(streamId: string): Promise<StreamVerification> {
    return this.store.verifyStream(streamId);
  }

  streamRevision(streamId: string): Promise<number | null> {
    return this.store.streamRevision(streamId);
  }

  ping(): Promise<void> {
    return this.store.ping();
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
