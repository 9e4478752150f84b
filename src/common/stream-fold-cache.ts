import { RecordedEvent } from '../event-store/event-envelope';
import { EventStore } from '../event-store/event-store.port';
import { BoundedCache } from './bounded-cache';
import { StreamDecider } from './stream-decider';

interface CachedFold<State> {
  state: State;
  revision: number;
  /** Id of the event at `revision`: it must still be there for the fold to be reused. */
  lastEventId: string;
}

/**
 * The folded state of long-lived streams (a person's record grows with every case, post and
 * rating), kept per process so that a read costs the events appended since, not the whole stream.
 *
 * Never stale, also with several instances writing: every load reads the stream from the cached
 * revision on. That first event is the cached one; if it is gone or another event stands there
 * (a stream truncated or rewritten under us, as the tamper tests do), the stream is folded again
 * from the start. States are immutable (each `evolve` returns a new one), so sharing one with a
 * caller is safe. At most `capacity` streams are held (`BoundedCache`: the oldest not read since goes).
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
  ) {
    this.folds = new BoundedCache(capacity);
  }

  async load(streamId: string): Promise<{ state: State; revision: number | null }> {
    const cached = this.folds.get(streamId);
    if (cached) {
      const events = await this.store.readStream(streamId, { from: cached.revision });
      if (events[0]?.revision === cached.revision && events[0].id === cached.lastEventId) {
        return this.remember(streamId, cached.state, events.slice(1), cached);
      }
      this.folds.delete(streamId);
    }
    const events = await this.store.readStream(streamId);
    return this.remember(streamId, this.decider.initialState(), events);
  }

  private remember(
    streamId: string,
    from: State,
    events: RecordedEvent[],
    cached?: CachedFold<State>,
  ): { state: State; revision: number | null } {
    let state = from;
    for (const event of events) state = this.decider.evolve(state, event);
    const last = events[events.length - 1];
    const fold = last ? { state, revision: last.revision, lastEventId: last.id } : (cached ?? null);
    if (!fold) return { state, revision: null };
    // Nothing new since the kept fold: the read already marked it as used.
    if (fold !== cached) this.folds.set(streamId, fold);
    return { state: fold.state, revision: fold.revision };
  }
}
