import { EventMetadata, NewEvent, RecordedEvent } from './event-envelope';
import { ExpectedRevision } from './expected-revision';

export const EVENT_STORE = Symbol('EVENT_STORE');

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append (the next expected revision). */
  nextRevision: number;
  /** Global position of the last appended (or already stored) event. */
  position: string;
}

/** One stream's part of a multi-stream append. */
export interface StreamAppend {
  streamId: string;
  events: NewEvent[];
  expectedRevision: ExpectedRevision;
}

export interface ReadStreamOptions {
  /** First revision to read (inclusive) going forwards, or last going backwards. */
  from?: number;
  direction?: 'forwards' | 'backwards';
  limit?: number;
  /**
   * Only events recorded at or before this global position (string), or up to the end of this
   * millisecond (Date): "state as of". A `Date` names a whole millisecond while the store keeps
   * finer times, so an event recorded at 00:47:47.505123 is read up to 00:47:47.505 — the
   * `recordedAt` a history shows for it.
   */
  until?: Date | string;
}

/** One stream of a multi-stream read: its events from `from` (inclusive, default 0), at most `limit`. */
export interface StreamRead {
  streamId: string;
  from?: number;
  limit?: number;
}

export interface ReadAllFilter {
  streamPrefix?: string | string[];
  eventTypes?: string[];
}

export interface ReadAllOptions {
  limit?: number;
  filter?: ReadAllFilter;
}

/** `start` = from the first event; otherwise strictly after the given global position. */
export type AllFrom = 'start' | string;

export interface AppendManyOptions {
  /**
   * An earlier write of the caller's that this one must follow: the store prepares this one at
   * once (digests, statement) and sends it once `after` has settled, whether it succeeded or not.
   * A bulk writer passes the previous chunk's write, so that the service prepares a chunk while
   * the database writes the one before (bench/README.md, issue 21, twenty-third session).
   */
  after?: Promise<unknown>;
}

export interface SubscribeOptions {
  filter?: ReadAllFilter;
  /** Called once when the handler throws or the connection fails; the subscription then stops. */
  onError?: (error: unknown) => void;
  /** Events per catch-up read. */
  batchSize?: number;
}

export interface Subscription {
  /** Resolves once the subscription has stopped and no handler call is running. */
  stop(): Promise<void>;
  /** Resolves when the subscription has caught up with everything committed when it started. */
  readonly caughtUp: Promise<void>;
}

/**
 * An event exactly as stored, for tamper evidence: the type without its version suffix, the
 * schema version and data as written (never upcast), the stored chain link. Checkpoints hash this.
 */
export interface StoredEventRecord {
  streamId: string;
  revision: number;
  position: string;
  id: string;
  /** The event type (`CaseOpened`), whatever spelling it is stored under. */
  type: string;
  /** The stored name, as written (`CaseOpened.v1`, or bare before versioned names). */
  storedType: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  /** Stored chain link, hex. */
  hash: string;
  recordedAt: string;
}

/** Why a chain breaks, for a reader in any language: a revision is missing, or content ≠ hash. */
export type ChainBreak = 'revision_missing' | 'content_mismatch';

export type StreamVerification =
  | { ok: true; eventsChecked: number }
  | {
      ok: false;
      eventsChecked: number;
      brokenAtRevision: number;
      eventId: string;
      reason: string;
      reasonCode: ChainBreak;
    };

/** Where a stream ends: its last event's revision and id. */
export interface StreamHead {
  revision: number;
  id: string;
  /**
   * The last event's stored chain link (hex): it changes when any event of the stream is rewritten
   * with its chain recomputed, which the id alone does not show.
   */
  hash: string;
}

/**
 * The event store port. The rest of cadreflow uses this, never a driver directly.
 * Both adapters (PostgreSQL, KurrentDB) pass the same contract suite (test/event-store).
 */
export interface EventStore {
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /**
   * Appends to several distinct streams, each at its own expected revision, as one write where the
   * store has one: all or nothing (PostgreSQL: one transaction and one commit). Results are in the
   * order of `appends`. If any expectation fails, nothing is written and the WrongExpectedRevision
   * names that stream. Appending the very same events again at the same places is a success that
   * writes nothing (as for `append`). KurrentDB has no multi-stream transaction on its client: its
   * adapter checks every expectation first and then appends stream by stream (not atomic).
   */
  appendMany(appends: StreamAppend[], options?: AppendManyOptions): Promise<AppendResult[]>;
  /**
   * Whether `appendMany` is all or nothing (PostgreSQL: yes; KurrentDB: no). Work that is only
   * safe to write together with a command's events, because nothing repairs a half-written one
   * (a step's deadline timers written instead of by their saga), is written so only where it is.
   */
  readonly appendManyIsAtomic: boolean;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Several streams read forwards at once, each as `readStream(streamId, { from, limit })` reads
   * it; results in the order of `reads` (an absent stream reads as []). For bulk work that would
   * otherwise read stream after stream (PostgreSQL: one statement; KurrentDB: one read a stream).
   */
  readStreams(reads: StreamRead[]): Promise<RecordedEvent[][]>;
  /**
   * The last event of each stream (its revision, id and chain link), null for an absent stream; in
   * the order of `streamIds`. Far cheaper than reading the streams (PostgreSQL: one statement, three
   * columns a stream; KurrentDB: one backwards read of one event a stream): it tells whether a kept fold is
   * still the stream's state (`StreamFoldCache.loadMany`).
   */
  streamHeads(streamIds: readonly string[]): Promise<(StreamHead | null)[]>;
  /** Events in global order strictly after `from`. */
  readAll(from: AllFrom, options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Catch-up then live delivery in global order, one event at a time, never skipping one even when
   * concurrent writers commit out of order. The handler gets the position to checkpoint.
   */
  subscribe(
    from: AllFrom,
    handler: (event: RecordedEvent) => Promise<void>,
    options?: SubscribeOptions,
  ): Subscription;
  /**
   * Events as stored (not upcast), in global order strictly after `from`, at most `limit`: what
   * signed checkpoints digest (docs/adr/0010-signed-checkpoints.md).
   */
  readAllStored(from: AllFrom, limit: number): Promise<StoredEventRecord[]>;
  /** One stream's events as stored (not upcast), by revision: a case's proof carries these. */
  readStreamStored(streamId: string): Promise<StoredEventRecord[]>;
  /** Recomputes the hash chain of a stream; names the first event whose hash does not match. */
  verifyStream(streamId: string): Promise<StreamVerification>;
  /** Revision of the stream's last event, or null if absent. */
  streamRevision(streamId: string): Promise<number | null>;
  /** For health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
