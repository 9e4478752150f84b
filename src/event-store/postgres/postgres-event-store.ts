import { Pool, PoolClient } from 'pg';
import { preparedRead } from './prepared-read';
import { prepareEvents } from './prepared-events';
import { NewEvent, RecordedEvent } from '../event-envelope';
import {
  AllFrom,
  AppendManyOptions,
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllFilter,
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
import { StoredEventNames } from '../stored-event-names';
import { verifyStoredChain } from '../stored-chain-verification';
import { PostgresSubscription } from './postgres-subscription';
import { LogPage, laterOf } from './log-page';
import { SharedTailRead } from './shared-tail-read';
import { CommitNotifier } from './commit-notifier';
import { BulkWrites } from '../bulk-writes';
import { insertNewStreams, NEW_STREAM_INSERT_MAX_EVENTS, StreamBatch } from './new-stream-insert';
import { AppendCoalescer } from './append-coalescer';
import { refusedCheckedAppend, refusedNewStream } from './refused-append';
import {
  appendNewStream,
  callAppend,
  callAppendMany,
  CheckedAppend,
  EXPECTED_CODES,
  expectedCodeOf,
  streamRevision,
} from './append-statements';
import {
  appendFilter,
  EVENT_COLUMNS,
  EventRow,
  safeHeadPosition,
  safeOrderRead,
  safeWhereAfter,
  HeadRow,
  STREAM_HEADS,
  streamReadQuery,
  streamsReadQuery,
  toRecorded,
  toStoredRecord,
  toStreamHead,
} from './postgres-event-rows';
import { retryOnConnectionLoss } from './retry-on-connection-loss';
import { SharedMultiStreamAppends } from './shared-multi-stream-append';
import { WrongExpectedRevision } from '../event-store.errors';

/** Tries of an `any` / `stream_exists` append that other writers keep beating to the next revision. */
const UNPINNED_APPEND_TRIES = 8;

/**
 * An append that names no revision (`any`, or `stream_exists` on a stream that exists) can still
 * lose the race for the next revision to a concurrent writer (the unique index refuses the second
 * insert): it has not broken its expectation, so it goes again at the new head.
 */
async function submitUntilPlaced(
  submit: () => Promise<AppendResult>,
  expected: AppendOptions['expectedRevision'],
): Promise<AppendResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await submit();
    } catch (error) {
      const lostRace =
        error instanceof WrongExpectedRevision &&
        (expected === 'any' || (expected === 'stream_exists' && error.actual !== null));
      if (!lostRace || attempt >= UNPINNED_APPEND_TRIES) throw error;
    }
  }
}

export interface PostgresEventStoreOptions {
  /**
   * Append statements this store runs at once, for new streams and for existing ones each; appends
   * arriving while all are busy share the next one (see AppendCoalescer).
   */
  appendStatements?: number;
  /**
   * Told of every append statement sent (group commit): new or existing streams, how many appends
   * share it and how many events it writes. For metrics; must not throw.
   */
  onStatement?: (streams: 'new' | 'existing', appends: number, events: number) => void;
  /** Most recent events kept for the live subscriptions behind the head (`RECENT_TAIL_MAX`). */
  recentEventsKept?: number;
  /** Bulk writes of this process: its caught-up subscriptions hold while one runs. */
  bulkWrites?: BulkWrites;
}

/** Appends waiting for a statement share it up to this many events (and one statement's parameters). */
const MAX_EVENTS_PER_SHARED_STATEMENT = 64;

/** Measured best at 8 writers on the bench machine (bench/README.md); EVENT_STORE_APPEND_STATEMENTS sets it. */
export const DEFAULT_APPEND_STATEMENTS = 2;

/**
 * The default event store: one table of events; a new stream is one INSERT, every other append goes
 * through the plpgsql `cf_append`; appends that wait for a busy statement share the next one (ADR 5).
 */
export class PostgresEventStore implements EventStore {
  private readonly notifier: CommitNotifier;
  private readonly tail: SharedTailRead;
  private readonly newStreams: AppendCoalescer<StreamBatch>;
  private readonly existingStreams: AppendCoalescer<CheckedAppend>;
  private readonly multiStreams: SharedMultiStreamAppends;
  private readonly bulkWrites: BulkWrites | undefined;
  /** `appendMany` is one transaction (one statement where it can be). */
  readonly appendManyIsAtomic = true;

  constructor(
    private readonly pool: Pool,
    private readonly names: StoredEventNames = new StoredEventNames(),
    options: PostgresEventStoreOptions = {},
  ) {
    this.notifier = new CommitNotifier(pool);
    this.bulkWrites = options.bulkWrites;
    this.tail = new SharedTailRead({
      readAll: (from, limit) => this.readAllSafe(pool, from, limit),
      readAlone: (from, limit, filter) => this.readAlone(from, limit, filter),
      recentEventsKept: options.recentEventsKept,
    });
    const limits = {
      maxStatements: options.appendStatements ?? DEFAULT_APPEND_STATEMENTS,
      maxEventsPerStatement: MAX_EVENTS_PER_SHARED_STATEMENT,
    };
    const observe = options.onStatement;
    this.newStreams = new AppendCoalescer<StreamBatch>({
      ...limits,
      onStatement: observe && ((appends, events) => observe('new', appends, events)),
      together: (appends) => insertNewStreams(this.pool, appends),
      refusedAt: refusedNewStream,
      alone: ({ streamId, batch }) =>
        retryOnConnectionLoss(() => appendNewStream(this.pool, streamId, batch)),
    });
    this.existingStreams = new AppendCoalescer<CheckedAppend>({
      ...limits,
      onStatement: observe && ((appends, events) => observe('existing', appends, events)),
      together: (appends) => callAppendMany(this.pool, appends),
      refusedAt: refusedCheckedAppend,
      alone: ({ streamId, expectedCode, batch, expected }) =>
        retryOnConnectionLoss(() =>
          callAppend(this.pool, streamId, expectedCode, batch, expected, true),
        ),
    });
    this.multiStreams = new SharedMultiStreamAppends(pool, limits);
  }

  async append(
    streamId: string,
    events: NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const expected = options.expectedRevision;
    const expectedCode = typeof expected === 'number' ? expected : EXPECTED_CODES[expected];
    const [batch] = prepareEvents(this.names, [{ streamId, events }]);
    const submit = () =>
      expected === 'no_stream' && batch.length <= NEW_STREAM_INSERT_MAX_EVENTS
        ? this.newStreams.submit({ streamId, batch })
        : this.existingStreams.submit({ streamId, expectedCode, batch, expected });
    const result = await submitUntilPlaced(submit, expected);
    this.notifier.poke(result.position);
    return result;
  }

  async appendMany(
    appends: StreamAppend[],
    options: AppendManyOptions = {},
  ): Promise<AppendResult[]> {
    if (appends.length === 0) return [];
    const batches = prepareEvents(this.names, appends);
    const checked = appends.map(({ streamId, expectedRevision }, index): CheckedAppend => ({
      streamId,
      expected: expectedRevision,
      expectedCode: expectedCodeOf(expectedRevision),
      batch: batches[index],
    }));
    const results = await this.multiStreams.append(checked, options.after);
    this.notifier.poke(results.at(-1)?.position);
    return results;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { sql, params } = streamReadQuery(streamId, options);
    const { rows } = await this.pool.query<EventRow>(preparedRead(sql, params));
    return rows.map((row) => toRecorded(row, this.names));
  }

  async readStreams(reads: StreamRead[]): Promise<RecordedEvent[][]> {
    const results: RecordedEvent[][] = reads.map(() => []);
    if (reads.length === 0) return results;
    const { sql, params } = streamsReadQuery(reads);
    const { rows } = await this.pool.query<EventRow & { ord: string }>(preparedRead(sql, params));
    for (const row of rows) results[Number(row.ord) - 1].push(toRecorded(row, this.names));
    return results;
  }

  async streamHeads(streamIds: readonly string[]): Promise<(StreamHead | null)[]> {
    const heads: (StreamHead | null)[] = streamIds.map(() => null);
    if (streamIds.length === 0) return heads;
    const { rows } = await this.pool.query<HeadRow>(preparedRead(STREAM_HEADS, [streamIds]));
    for (const row of rows) heads[Number(row.ord) - 1] = toStreamHead(row);
    return heads;
  }

  async readAll(from: AllFrom, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllSafe(this.pool, from, options.limit ?? 1000, options.filter);
  }

  /**
   * Reads in (transaction, sequence) order and only below the oldest transaction still running,
   * so an event committed later with an earlier sequence number cannot be jumped over.
   */
  async readAllSafe(
    client: Pool | PoolClient,
    from: AllFrom,
    limit: number,
    filter?: ReadAllFilter,
  ): Promise<RecordedEvent[]> {
    const params: unknown[] = [];
    const where = safeWhereAfter(from, params);
    await appendFilter(this.pool, filter, where, params, this.names);
    params.push(limit);
    const { rows } = await client.query<EventRow>(safeOrderRead(where, params, filter));
    return rows.map((row) => toRecorded(row, this.names));
  }

  /** Stored rows in the same safe order as `readAllSafe`, without upcasting. */
  async readAllStored(from: AllFrom, limit: number): Promise<StoredEventRecord[]> {
    const params: unknown[] = [];
    const where = safeWhereAfter(from, params);
    params.push(limit);
    const { rows } = await this.pool.query<EventRow>(safeOrderRead(where, params));
    return rows.map(toStoredRecord);
  }

  async readStreamStored(streamId: string): Promise<StoredEventRecord[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY revision`,
      [streamId],
    );
    return rows.map(toStoredRecord);
  }

  /** A subscription's own read; a filtered one also learns how far the log has been looked at. */
  private async readAlone(from: AllFrom, limit: number, filter?: ReadAllFilter): Promise<LogPage> {
    const head = filter ? await safeHeadPosition(this.pool) : null;
    const events = await this.readAllSafe(this.pool, from, limit, filter);
    const last = events.length > 0 ? events[events.length - 1].position : from;
    const complete = events.length < limit;
    return { events, through: complete ? laterOf(last, head) : last, complete };
  }

  subscribe(
    from: AllFrom,
    handler: (event: RecordedEvent) => Promise<void>,
    options: SubscribeOptions = {},
  ): Subscription {
    return PostgresSubscription.start({
      from,
      handler,
      options,
      readAlone: (position, limit) => this.readAlone(position, limit, options.filter),
      readShared: (position, limit) => this.tail.read(position, limit, options.filter),
      notifier: this.notifier,
      bulkWrites: this.bulkWrites,
    });
  }

  async verifyStream(streamId: string): Promise<StreamVerification> {
    return verifyStoredChain(await this.readStreamStored(streamId));
  }

  async streamRevision(streamId: string): Promise<number | null> {
    return streamRevision(this.pool, streamId);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1 FROM events LIMIT 1');
  }

  async close(): Promise<void> {
    await this.notifier.close();
  }
}
