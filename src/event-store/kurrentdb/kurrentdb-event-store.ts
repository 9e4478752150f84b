import {
  BACKWARDS,
  END,
  FORWARDS,
  jsonEvent,
  KurrentDBClient,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { NewEvent, RecordedEvent } from '../event-envelope';
import { WrongExpectedRevision } from '../event-store.errors';
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
} from '../event-store.port';
import { chainHash, contentDigest } from '../hash-chain';
import { StoredEventNames } from '../stored-event-names';
import { verifyStoredChain } from '../stored-chain-verification';
import {
  comparePositions,
  parseAllPosition,
  positionToString,
  toStreamState,
  unwrapMetadata,
  wrapMetadata,
} from './kurrentdb-mapping';
import {
  isSystem,
  KurrentRecorded,
  matches,
  serverFilter,
  toStoredRecord,
} from './kurrentdb-recorded';
import { alreadyAppended } from './kurrentdb-repeated-append';
import { appendStreamByStream } from './kurrentdb-append-many';
import { headsStreamByStream } from './kurrentdb-stream-heads';

/**
 * KurrentDB / EventStoreDB adapter. Revisions and $all positions map one to one; the hash chain is
 * computed here (KurrentDB has no server-side hook) and kept in each event's metadata.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  /** Its client has no multi-stream transaction: `appendMany` appends stream by stream. */
  readonly appendManyIsAtomic = false;

  constructor(
    connectionString: string,
    private readonly names: StoredEventNames = new StoredEventNames(),
  ) {
    this.client = KurrentDBClient.connectionString(connectionString);
  }

  async append(
    streamId: string,
    events: NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const existing = await this.readRaw(streamId);
    const already = alreadyAppended(streamId, existing, events, options.expectedRevision);
    if (already) return already;
    const last = existing.at(-1);
    const lastRevision = last ? Number(last.revision) : null;
    if (options.expectedRevision === 'stream_exists' && lastRevision === null) {
      throw new WrongExpectedRevision(streamId, options.expectedRevision, null);
    }
    let previous: Buffer | null = last
      ? Buffer.from(unwrapMetadata(last.metadata).hash, 'hex')
      : null;
    const payload = events.map((event) => {
      const schemaVersion = event.schemaVersion ?? 1;
      const link = chainHash(
        previous,
        contentDigest({
          streamId,
          id: event.id,
          type: event.type,
          schemaVersion,
          data: event.data,
          metadata: event.metadata,
        }),
      );
      previous = link;
      return jsonEvent({
        id: event.id,
        type: this.names.toStored(event.type, schemaVersion),
        data: event.data as never,
        metadata: wrapMetadata(event.metadata, schemaVersion, link.toString('hex')) as never,
      });
    });
    try {
      const result = await this.client.appendToStream(streamId, payload, {
        streamState: toStreamState(options.expectedRevision, lastRevision),
      });
      return {
        nextRevision: Number(result.nextExpectedRevision),
        position: result.position
          ? positionToString(result.position)
          : `${result.nextExpectedRevision}/0`,
      };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = typeof error.actualState === 'bigint' ? Number(error.actualState) : null;
        throw new WrongExpectedRevision(streamId, options.expectedRevision, actual);
      }
      throw error;
    }
  }

  appendMany(appends: StreamAppend[], options?: AppendManyOptions): Promise<AppendResult[]> {
    return appendStreamByStream(this, appends, options);
  }

  private async readRaw(
    streamId: string,
    options: { direction?: 'forwards' | 'backwards'; from?: number; limit?: number } = {},
  ): Promise<KurrentRecorded[]> {
    const events: KurrentRecorded[] = [];
    try {
      const read = this.client.readStream(streamId, {
        direction: options.direction === 'backwards' ? BACKWARDS : FORWARDS,
        fromRevision:
          options.from !== undefined
            ? BigInt(options.from)
            : options.direction === 'backwards'
              ? END
              : START,
        ...(options.limit !== undefined ? { maxCount: options.limit } : {}),
      });
      for await (const resolved of read) {
        if (resolved.event) events.push(resolved.event as unknown as KurrentRecorded);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const raw = await this.readRaw(streamId, { direction: options.direction, from: options.from });
    const until = options.until;
    const kept = raw.filter((event) => {
      // `created` comes as a Date, to the millisecond: `<=` keeps the whole millisecond `until` names.
      if (until instanceof Date) return event.created.getTime() <= until.getTime();
      if (typeof until === 'string')
        return !event.position || comparePositions(event.position, parseAllPosition(until)) <= 0;
      return true;
    });
    return (options.limit !== undefined ? kept.slice(0, options.limit) : kept).map((event) =>
      this.toRecorded(event),
    );
  }

  /** KurrentDB reads one stream per call: the streams are read side by side. */
  async readStreams(reads: StreamRead[]): Promise<RecordedEvent[][]> {
    return Promise.all(
      reads.map(({ streamId, from, limit }) => this.readStream(streamId, { from, limit })),
    );
  }

  streamHeads(streamIds: readonly string[]): Promise<(StreamHead | null)[]> {
    return headsStreamByStream(this, streamIds);
  }

  async readAll(from: AllFrom, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.limit ?? 1000;
    const after = from === 'start' ? null : parseAllPosition(from);
    const read = this.client.readAll({
      direction: FORWARDS,
      fromPosition: after ?? START,
      ...(serverFilter(options.filter) ? { filter: serverFilter(options.filter) } : {}),
    });
    const events: RecordedEvent[] = [];
    for await (const resolved of read) {
      const event = resolved.event as unknown as KurrentRecorded | undefined;
      if (!event || isSystem(event) || !matches(options.filter, event)) continue;
      // KurrentDB reads $all from a position inclusively; the port reads strictly after it.
      if (after && event.position && comparePositions(event.position, after) <= 0) continue;
      events.push(this.toRecorded(event));
      if (events.length >= limit) break;
    }
    return events;
  }

  /**
   * `$all` as stored, for checkpoints: the same walk as `readAll` without upcasting. Written to the
   * client API and not run here (no KurrentDB server on the build machine).
   */
  async readAllStored(from: AllFrom, limit: number): Promise<StoredEventRecord[]> {
    const after = from === 'start' ? null : parseAllPosition(from);
    const read = this.client.readAll({ direction: FORWARDS, fromPosition: after ?? START });
    const events: StoredEventRecord[] = [];
    for await (const resolved of read) {
      const event = resolved.event as unknown as KurrentRecorded | undefined;
      if (!event || isSystem(event)) continue;
      if (after && event.position && comparePositions(event.position, after) <= 0) continue;
      events.push(toStoredRecord(event));
      if (events.length >= limit) break;
    }
    return events;
  }

  async readStreamStored(streamId: string): Promise<StoredEventRecord[]> {
    return (await this.readRaw(streamId, { direction: 'forwards' })).map(toStoredRecord);
  }

  subscribe(
    from: AllFrom,
    handler: (event: RecordedEvent) => Promise<void>,
    options: SubscribeOptions = {},
  ): Subscription {
    const after = from === 'start' ? null : parseAllPosition(from);
    const subscription = this.client.subscribeToAll({
      fromPosition: after ?? START,
      ...(serverFilter(options.filter) ? { filter: serverFilter(options.filter) } : {}),
    });
    let markCaughtUp!: () => void;
    const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));
    subscription.on('caughtUp', () => markCaughtUp());
    let stopped = false;
    const done = (async () => {
      try {
        for await (const resolved of subscription) {
          if (stopped) break;
          const event = resolved.event as unknown as KurrentRecorded | undefined;
          if (!event || isSystem(event) || !matches(options.filter, event)) continue;
          if (after && event.position && comparePositions(event.position, after) <= 0) continue;
          await handler(this.toRecorded(event));
        }
      } catch (error) {
        if (!stopped) options.onError?.(error);
      } finally {
        markCaughtUp();
        await subscription.unsubscribe().catch(() => undefined);
      }
    })();
    return {
      caughtUp,
      async stop() {
        stopped = true;
        await subscription.unsubscribe().catch(() => undefined);
        await done;
      },
    };
  }

  async verifyStream(streamId: string): Promise<StreamVerification> {
    return verifyStoredChain(await this.readStreamStored(streamId));
  }

  async streamRevision(streamId: string): Promise<number | null> {
    const [last] = await this.readRaw(streamId, { direction: 'backwards', limit: 1 });
    return last ? Number(last.revision) : null;
  }

  async ping(): Promise<void> {
    const read = this.client.readAll({ maxCount: 1, direction: BACKWARDS, fromPosition: END });
    for await (const _ of read) break;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private toRecorded(event: KurrentRecorded): RecordedEvent {
    const { metadata, schemaVersion: stored, hash } = unwrapMetadata(event.metadata);
    const { type, schemaVersion, data } = this.names.read(
      event.type,
      stored,
      event.data as Record<string, unknown>,
    );
    return {
      id: event.id,
      streamId: event.streamId,
      revision: Number(event.revision),
      position: event.position ? positionToString(event.position) : `${event.revision}/0`,
      type,
      schemaVersion,
      data,
      metadata,
      recordedAt: event.created.toISOString(),
      hash,
    };
  }
}
