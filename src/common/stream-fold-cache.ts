import { RecordedEvent } from '../event-store/event-envelope';
import { EventStore, StreamHead, StreamRead } from '../event-store/event-store.port';
import { BoundedCache } from './bounded-cache';
import { HeadsReadOnce } from './heads-read-once';
import { StreamDecider } from './stream-decider';

/** A stream's first event as written (type and data): fixed once the stream exists. */
export type StreamStart = Pick<RecordedEvent, 'type' | 'data'>;

/** An event as the fold needs it: what it says, and the id that marks its place. */
type FoldedEvent = Pick<RecordedEvent, 'id' | 'type' | 'data'> &
  Partial<Pick<RecordedEvent, 'hash'>>;

interface CachedFold<State> {
  state: State;
  revision: number;
  /** Id of the event at `revision`: it must still be there for the fold to be reused. */
  lastEventId: string;
  /**
   * Its stored chain link, which must be unchanged too: an event rewritten under the same id with
   * its chain recomputed changes the link of every event after it, the last included. Null after
   * this process's own append (`appended`: the store's link is not returned); the next read
   * takes it from the store.
   */
  lastHash: string | null;
  first: StreamStart;
}

/** A stream's state now, and the first event it began with (null while the stream is absent). */
export interface LoadedFold<State> {
  state: State;
  revision: number | null;
  first: StreamStart | null;
}

/**
 * The folded state of long-lived streams (a person's record grows with every case, post and
 * rating), kept per process so that a read costs the events appended since, not the whole stream.
 *
 * Never stale, also with several instances writing: every load checks the stream at the cached
 * revision. `load` reads from that revision on; `loadMany` first asks the streams' heads (revision,
 * event id and chain link of the last event, a tenth of a read's cost) and reads only the streams
 * that moved. Either way the kept event must still stand at the kept revision with the kept chain
 * link; if it is gone, another event stands there or its link differs (a stream truncated, or an
 * event of it rewritten with the chain recomputed, as the tamper tests do, and again when the row
 * is restored), the stream is folded again from the start. What the check cannot see without
 * reading the whole stream, which the cache exists to avoid: an event's data edited with its stored
 * hashes left as they were (its chain then breaks: `GET /audit/verify` names it); a restart or
 * the fold's eviction folds it again as stored. States are immutable (each `evolve` returns a new one), so sharing
 * one with a caller is safe. At most `capacity` streams are held (`BoundedCache`: the oldest not
 * read since goes).
 */
export class StreamFoldCache<State> {
  private readonly folds: BoundedCache<string, CachedFold<State>>;

  constructor(
    private readonly store: EventStore,
    private readonly decider: Pick<
      StreamDecider<State, unknown, unknown>,
      'initialState' | 'evolve'
    >,
    capacity: number,
    /** Told every state this cache folds (a load, a read of many, the process's own appends). */
    private readonly onFolded?: (streamId: string, state: State, revision: number | null) => void,
  ) {
    this.folds = new BoundedCache(capacity);
  }

  async load(streamId: string): Promise<LoadedFold<State>> {
    const cached = this.folds.get(streamId);
    // Its head asked already in this step request, unmoved since the kept fold (HeadsReadOnce).
    const known = HeadsReadOnce.known(streamId);
    if (cached && known && sameEvent(known, cached)) {
      if (cached.lastHash === null) cached.lastHash = known.hash;
      return { state: cached.state, revision: cached.revision, first: cached.first };
    }
    if (cached) {
      const events = await this.store.readStream(streamId, { from: cached.revision });
      if (startsAt(events, cached)) return this.remember(streamId, events.slice(1), cached);
      this.folds.delete(streamId);
    }
    return this.remember(streamId, await this.store.readStream(streamId));
  }

  /**
   * Many streams as `load` reads each (a bulk job's checks): the heads of the kept ones in one
   * call, then one `readStreams` for the streams not kept or moved since.
   */
  async loadMany(streamIds: readonly string[]): Promise<LoadedFold<State>[]> {
    const cached = streamIds.map((streamId) => this.folds.get(streamId));
    const keptAt = streamIds.flatMap((_, at) => (cached[at] ? [at] : []));
    const heads = await this.headsOf(streamIds, keptAt);
    const loaded: (LoadedFold<State> | undefined)[] = streamIds.map((_, at) => {
      const fold = cached[at];
      const head = heads.get(at);
      if (!fold || !head || !sameEvent(head, fold)) return undefined;
      if (fold.lastHash === null) fold.lastHash = head.hash;
      return { state: fold.state, revision: fold.revision, first: fold.first };
    });
    const moved = streamIds.flatMap((streamId, at) => {
      if (loaded[at]) return [];
      const fold = cached[at];
      const head = heads.get(at);
      // Moved on: read from the kept revision, whose event `startsAt` checks as `load` does.
      return [{ at, streamId, from: fold && head && head.revision > fold.revision ? fold : null }];
    });
    const reads = await this.store.readStreams(
      moved.map(({ streamId, from }): StreamRead => ({ streamId, from: from?.revision ?? 0 })),
    );
    const again: typeof moved = [];
    moved.forEach((read, index) => {
      const events = reads[index];
      if (!read.from) {
        // Not kept, or its kept fold is no longer the stream's (gone, or rewritten at its head).
        this.folds.delete(read.streamId);
        loaded[read.at] = this.remember(read.streamId, events);
      } else if (startsAt(events, read.from))
        loaded[read.at] = this.remember(read.streamId, events.slice(1), read.from);
      else again.push(read);
    });
    // Rewritten under the kept revision: folded again from the start, as `load` does.
    for (const { at, streamId } of again) {
      this.folds.delete(streamId);
      loaded[at] = await this.load(streamId);
    }
    return loaded as LoadedFold<State>[];
  }

  /**
   * The heads of the kept streams at `keptAt`: those this step request has asked already
   * (`HeadsReadOnce`) as it was told, the others in one call.
   */
  private async headsOf(
    streamIds: readonly string[],
    keptAt: number[],
  ): Promise<Map<number, StreamHead | null>> {
    const heads = new Map<number, StreamHead | null>();
    const ask: number[] = [];
    for (const at of keptAt) {
      const known = HeadsReadOnce.known(streamIds[at]);
      if (known === undefined) ask.push(at);
      else heads.set(at, known);
    }
    if (ask.length > 0) {
      const found = await this.store.streamHeads(ask.map((at) => streamIds[at]));
      ask.forEach((at, index) => {
        heads.set(at, found[index]);
        HeadsReadOnce.noted(streamIds[at], found[index]);
      });
    }
    return heads;
  }

  /**
   * Events this process has just appended after `after` (null: they began the stream): the kept
   * fold moves with them, so the next `loadMany` needs only the stream's head. Kept only where the
   * fold at `after` is held (or the stream is new): the events must be exactly those now stored
   * there, ids included, which a successful append at that expected revision makes them.
   */
  appended(streamId: string, after: number | null, events: readonly FoldedEvent[]): void {
    if (events.length === 0) return;
    if (after === null) {
      this.remember(
        streamId,
        events.map((event, revision) => ({ ...event, revision })),
      );
      return;
    }
    const cached = this.folds.get(streamId);
    if (cached?.revision !== after) return;
    const moved = events.map((event, index) => ({ ...event, revision: after + 1 + index }));
    this.remember(streamId, moved, cached);
  }

  private remember(
    streamId: string,
    events: readonly (FoldedEvent & Pick<RecordedEvent, 'revision'>)[],
    cached?: CachedFold<State>,
  ): LoadedFold<State> {
    let state = cached?.state ?? this.decider.initialState();
    for (const event of events) state = this.decider.evolve(state, event);
    const last = events[events.length - 1];
    const first =
      cached?.first ?? (events[0] ? { type: events[0].type, data: events[0].data } : null);
    const fold =
      last && first
        ? {
            state,
            revision: last.revision,
            lastEventId: last.id,
            lastHash: last.hash ?? null,
            first,
          }
        : (cached ?? null);
    if (!fold) return { state, revision: null, first: null };
    // Nothing new since the kept fold: the read already marked it as used.
    if (fold !== cached) {
      this.folds.set(streamId, fold);
      this.onFolded?.(streamId, fold.state, fold.revision);
    }
    return { state: fold.state, revision: fold.revision, first: fold.first };
  }
}

/** Whether the read from a kept revision begins with the kept event, chain link unchanged. */
function startsAt(events: readonly RecordedEvent[], cached: CachedFold<unknown>): boolean {
  const kept = events[0] !== undefined && sameEvent(events[0], cached);
  if (kept && cached.lastHash === null) cached.lastHash = events[0].hash;
  return kept;
}

/** The event stored at the kept revision is the kept one: same id and, once known, same link. */
function sameEvent(
  stored: Pick<RecordedEvent, 'revision' | 'id' | 'hash'>,
  cached: CachedFold<unknown>,
): boolean {
  return (
    stored.revision === cached.revision &&
    stored.id === cached.lastEventId &&
    (cached.lastHash === null || stored.hash === cached.lastHash)
  );
}
