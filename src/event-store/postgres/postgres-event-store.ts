import { Pool, PoolClient } from 'pg';
import { NewEvent, RecordedEvent, EventMetadata } from '../event-envelope';
import { EventIdConflict, WrongExpectedRevision } from '../event-store.errors';
import {
  AllFrom,
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllFilter,
  ReadAllOptions,
  ReadStreamOptions,
  StreamVerification,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { ExpectedRevision } from '../expected-revision';
import { chainHash, contentDigest } from '../hash-chain';
import {
  parseStoredEventName,
  StoredEventNames,
  storedNameMatchesVersion,
} from '../stored-event-names';
import { PostgresSubscription } from './postgres-subscription';
import { CommitNotifier } from './commit-notifier';
import {
  insertNewStreams,
  NEW_STREAM_INSERT_MAX_EVENTS,
  PreparedEvent,
  StreamBatch,
} from './new-stream-insert';
import { AppendCoalescer } from './append-coalescer';
import { parsePosition } from './postgres-position';
import { retryOnConnectionLoss } from './retry-on-connection-loss';

const EXPECTED_CODES: Record<Exclude<ExpectedRevision, number>, number> = {
  no_stream: -1,
  any: -2,
  stream_exists: -3,
};

interface EventRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  hash: Buffer;
  recorded_at: Date;
}

const EVENT_COLUMNS =
  'global_position, transaction_id::text AS transaction_id, stream_id, revision, event_id, type, schema_version, data, metadata, hash, recorded_at';

/** An append that `cf_append` checks: to an existing stream, or with `any`/`stream_exists`/a revision. */
interface CheckedAppend {
  streamId: string;
  expectedCode: number;
  batch: readonly PreparedEvent[];
  expected: ExpectedRevision;
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
  private readonly newStreams: AppendCoalescer<StreamBatch>;
  private readonly existingStreams: AppendCoalescer<CheckedAppend>;

  constructor(
    private readonly pool: Pool,
    private readonly names: StoredEventNames = new StoredEventNames(),
    options: PostgresEventStoreOptions = {},
  ) {
    this.notifier = new CommitNotifier(pool);
    const limits = {
      maxStatements: options.appendStatements ?? DEFAULT_APPEND_STATEMENTS,
      maxEventsPerStatement: MAX_EVENTS_PER_SHARED_STATEMENT,
    };
    const observe = options.onStatement;
    this.newStreams = new AppendCoalescer<StreamBatch>({
      ...limits,
      onStatement: observe && ((appends, events) => observe('new', appends, events)),
      together: (appends) => insertNewStreams(this.pool, appends),
      alone: ({ streamId, batch }) =>
        retryOnConnectionLoss(() => this.appendNewStream(streamId, batch)),
    });
    this.existingStreams = new AppendCoalescer<CheckedAppend>({
      ...limits,
      onStatement: observe && ((appends, events) => observe('existing', appends, events)),
      together: (appends) => this.callAppendMany(appends),
      alone: ({ streamId, expectedCode, batch, expected }) =>
        retryOnConnectionLoss(() => this.callAppend(streamId, expectedCode, batch, expected, true)),
    });
  }

  async append(
    streamId: string,
    events: NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const expected = options.expectedRevision;
    const expectedCode = typeof expected === 'number' ? expected : EXPECTED_CODES[expected];
    const batch = events.map((event): PreparedEvent => {
      const schemaVersion = event.schemaVersion ?? 1;
      const digest = contentDigest({
        streamId,
        id: event.id,
        type: event.type,
        schemaVersion,
        data: event.data,
        metadata: event.metadata,
      });
      return {
        id: event.id,
        type: this.names.toStored(event.type, schemaVersion),
        schemaVersion,
        data: event.data,
        metadata: event.metadata,
        contentHash: digest.toString('hex'),
      };
    });
    const result =
      expected === 'no_stream' && batch.length <= NEW_STREAM_INSERT_MAX_EVENTS
        ? await this.newStreams.submit({ streamId, batch })
        : await this.existingStreams.submit({ streamId, expectedCode, batch, expected });
    this.notifier.poke();
    return result;
  }

  private async appendNewStream(
    streamId: string,
    batch: readonly PreparedEvent[],
  ): Promise<AppendResult> {
    try {
      const [result] = await insertNewStreams(this.pool, [{ streamId, batch }]);
      return result;
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
      // The stream exists or an id is taken: the full check says whether this is a harmless
      // retry, a wrong expected revision or an id stored elsewhere.
      return this.callAppend(streamId, EXPECTED_CODES.no_stream, batch, 'no_stream', true);
    }
  }

  /** Appends to distinct streams in one statement through `cf_append_many`; all or nothing. */
  private async callAppendMany(appends: CheckedAppend[]): Promise<AppendResult[]> {
    const { rows } = await this.pool.query<{ next_revision: string; last_position: string }>({
      name: 'cf_append_many',
      text: 'SELECT next_revision, last_position FROM cf_append_many($1)',
      values: [
        JSON.stringify(
          appends.map(({ streamId, expectedCode, batch }) => ({
            stream: streamId,
            expected: expectedCode,
            batch,
          })),
        ),
      ],
    });
    return rows.map((row) => ({
      nextRevision: Number(row.next_revision),
      position: row.last_position,
    }));
  }

  private async callAppend(
    streamId: string,
    expectedCode: number,
    batch: readonly object[],
    expected: ExpectedRevision,
    retryOnce: boolean,
  ): Promise<AppendResult> {
    try {
      const { rows } = await this.pool.query<{ next_revision: string; last_position: string }>({
        name: 'cf_append',
        text: 'SELECT next_revision, last_position FROM cf_append($1, $2, $3)',
        values: [streamId, expectedCode, JSON.stringify(batch)],
      });
      return { nextRevision: Number(rows[0].next_revision), position: rows[0].last_position };
    } catch (error) {
      const pgError = error as { code?: string; detail?: string; constraint?: string };
      // A retry racing its own first attempt loses the race; asking again finds the stored batch.
      const raced =
        pgError.code === '23505' || pgError.code === 'CF001' || pgError.code === 'CF002';
      if (raced && retryOnce)
        return this.callAppend(streamId, expectedCode, batch, expected, false);
      if (pgError.code === 'CF001') {
        const actual =
          pgError.detail === 'absent' || pgError.detail === '-1' ? null : Number(pgError.detail);
        throw new WrongExpectedRevision(streamId, expected, actual);
      }
      if (pgError.code === 'CF002') {
        throw new EventIdConflict(
          pgError.detail ?? '?',
          'stored with other content or at another place',
        );
      }
      if (pgError.code === '23505' && pgError.constraint === 'events_event_id_unique') {
        throw new EventIdConflict(
          /\(event_id\)=\(([^)]*)\)/.exec(pgError.detail ?? '')?.[1] ?? '?',
          'stored in another place',
        );
      }
      if (pgError.code === '23505' && pgError.constraint === 'events_stream_revision_unique') {
        throw new WrongExpectedRevision(streamId, expected, await this.streamRevision(streamId));
      }
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const params: unknown[] = [streamId];
    const where = ['stream_id = $1'];
    if (options.from !== undefined) {
      params.push(options.from);
      where.push(`revision ${backwards ? '<=' : '>='} $${params.length}`);
    }
    if (options.until instanceof Date) {
      params.push(options.until);
      where.push(`recorded_at <= $${params.length}`);
    } else if (typeof options.until === 'string') {
      const until = parsePosition(options.until);
      params.push(until.tx, until.pos);
      where.push(
        `(transaction_id, global_position) <= ($${params.length - 1}::xid8, $${params.length})`,
      );
    }
    let sql = `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY revision ${
      backwards ? 'DESC' : 'ASC'
    }`;
    if (options.limit !== undefined) {
      params.push(options.limit);
      sql += ` LIMIT $${params.length}`;
    }
    const { rows } = await this.pool.query<EventRow>(sql, params);
    return rows.map((row) => this.toRecorded(row));
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
    const where = ['transaction_id < pg_snapshot_xmin(pg_current_snapshot())'];
    if (from !== 'start') {
      const position = parsePosition(from);
      params.push(position.tx, position.pos);
      where.push('(transaction_id, global_position) > ($1::xid8, $2)');
    }
    appendFilter(filter, where, params, this.names);
    params.push(limit);
    // Positions first (an index-only scan in log order), then the rows: asked in one go, the planner
    // prefers sorting every event after the position, which grows with the log (640 ms vs 16 ms per
    // 5000 events at a million events). The outer ORDER BY names the table: the bare name would be
    // the selected `transaction_id::text` and sort "100000" before "99999".
    const sql = `SELECT ${EVENT_COLUMNS} FROM events
      WHERE global_position IN (SELECT global_position FROM events WHERE ${where.join(' AND ')}
                                 ORDER BY transaction_id, global_position LIMIT $${params.length})
      ORDER BY events.transaction_id, events.global_position`;
    const { rows } = await client.query<EventRow>(sql, params);
    return rows.map((row) => this.toRecorded(row));
  }

  subscribe(
    from: AllFrom,
    handler: (event: RecordedEvent) => Promise<void>,
    options: SubscribeOptions = {},
  ): Subscription {
    return PostgresSubscription.start({
      pool: this.pool,
      from,
      handler,
      options,
      read: (client, position, limit) => this.readAllSafe(client, position, limit, options.filter),
      notifier: this.notifier,
    });
  }

  async verifyStream(streamId: string): Promise<StreamVerification> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY revision`,
      [streamId],
    );
    let previous: Buffer | null = null;
    for (const [index, row] of rows.entries()) {
      const revision = Number(row.revision);
      if (revision !== index) {
        return {
          ok: false,
          eventsChecked: index,
          brokenAtRevision: index,
          eventId: row.event_id,
          reason: `revision ${index} is missing`,
        };
      }
      // The hash covers the event's type and version, not the spelling of its stored name.
      const digest = contentDigest({
        streamId: row.stream_id,
        id: row.event_id,
        type: parseStoredEventName(row.type).type,
        schemaVersion: row.schema_version,
        data: row.data,
        metadata: row.metadata,
      });
      const expected = chainHash(previous, digest);
      if (!expected.equals(row.hash) || !storedNameMatchesVersion(row.type, row.schema_version)) {
        return {
          ok: false,
          eventsChecked: index,
          brokenAtRevision: revision,
          eventId: row.event_id,
          reason: 'stored content does not match its hash',
        };
      }
      previous = row.hash;
    }
    return { ok: true, eventsChecked: rows.length };
  }

  async streamRevision(streamId: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ revision: string | null }>(
      'SELECT max(revision) AS revision FROM events WHERE stream_id = $1',
      [streamId],
    );
    return rows[0].revision === null ? null : Number(rows[0].revision);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1 FROM events LIMIT 1');
  }

  async close(): Promise<void> {
    await this.notifier.close();
  }

  private toRecorded(row: EventRow): RecordedEvent {
    const { type, schemaVersion, data } = this.names.read(row.type, row.schema_version, row.data);
    return {
      id: row.event_id,
      streamId: row.stream_id,
      revision: Number(row.revision),
      position: `${row.transaction_id}/${row.global_position}`,
      type,
      schemaVersion,
      data,
      metadata: row.metadata,
      recordedAt: row.recorded_at.toISOString(),
      hash: row.hash.toString('hex'),
    };
  }
}

function appendFilter(
  filter: ReadAllFilter | undefined,
  where: string[],
  params: unknown[],
  names: StoredEventNames,
): void {
  if (!filter) return;
  if (filter.streamPrefix !== undefined) {
    const prefixes = Array.isArray(filter.streamPrefix)
      ? filter.streamPrefix
      : [filter.streamPrefix];
    params.push(prefixes.map((prefix) => prefix.replace(/[\\%_]/g, '\\$&') + '%'));
    where.push(`stream_id LIKE ANY ($${params.length}::text[])`);
  }
  if (filter.eventTypes !== undefined) {
    params.push(filter.eventTypes.flatMap((type) => names.storedNamesOf(type)));
    where.push(`type = ANY ($${params.length}::text[])`);
  }
}
