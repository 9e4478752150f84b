import { RecordedEvent } from '../event-envelope';
import { AllFrom, ReadAllFilter } from '../event-store.port';
import { firstAfter, isAfter, LogPage, matchesFilter } from './log-page';
import { comparePositions } from './postgres-position';

/**
 * Most events kept: the spread between the projections at the head and the slowest during a
 * batch of 10,000 transfers (32,000 events), about 2 KB an event (40 MB at most). With 4,000 kept
 * the subscriptions read 223,000 rows of the store for that batch, with 10,000 160,000, with
 * 20,000 97,000 (bench/README.md, issue 21).
 */
export const RECENT_TAIL_MAX = 20_000;
/** Nothing new kept for this long: the memory is given back until the next commit. */
export const RECENT_TAIL_IDLE_MS = 30_000;

/**
 * The last events the shared tail reads returned, without a gap: every event after `after` up to
 * the last one kept. A live subscription that fell behind the others (a slower projection during
 * a bulk write) is served from here instead of reading the same rows again: in a batch of 10,000
 * transfers the subscriptions read 81,000 rows for 30,000 events (bench/README.md, issue 21).
 *
 * A page served from here is never `complete`: only a read of the store started after the caller
 * asked can say that nothing more was committed, so the caller reads on from where this ended.
 */
export class RecentTail {
  private events: RecordedEvent[] = [];
  /**
   * Index of the first kept event: those before it were let go but not yet cut off. Cutting the
   * list at every read copied the whole window each time (160 KB at 20,000 events, a large object
   * for the garbage collector); it is cut once a quarter of it is let go.
   */
  private first = 0;
  /** The position the first kept event follows; null when nothing is kept. */
  private after: AllFrom | null = null;
  private lastKeptAt = 0;

  constructor(
    private readonly max = RECENT_TAIL_MAX,
    private readonly idleMs = RECENT_TAIL_IDLE_MS,
  ) {}

  /** The kept events after `from` (its filter, at most `limit`); null when none are kept after it. */
  pageAfter(from: AllFrom, limit: number, filter?: ReadAllFilter): LogPage | null {
    this.forgetIfIdle();
    const last = this.events.at(-1);
    if (this.after === null || last === undefined) return null;
    if (!atOrAfter(from, this.after) || !isAfter(last.position, from)) return null;
    const mine: RecordedEvent[] = [];
    for (
      let index = firstAfter(this.events, from, this.first);
      index < this.events.length;
      index += 1
    ) {
      const event = this.events[index];
      if (!matchesFilter(event, filter)) continue;
      if (mine.length === limit)
        return { events: mine, through: mine[mine.length - 1].position, complete: false };
      mine.push(event);
    }
    return { events: mine, through: last.position, complete: false };
  }

  /** Whether `from` lies before what is kept: a caller there is too far behind to be served. */
  isBefore(from: AllFrom): boolean {
    this.forgetIfIdle();
    return this.after !== null && this.events.length > this.first && !atOrAfter(from, this.after);
  }

  /** Keeps what an unfiltered read of the store from `from` returned (every event after it, in order). */
  keep(from: AllFrom, read: readonly RecordedEvent[]): void {
    if (read.length === 0) return;
    this.forgetIfIdle();
    this.lastKeptAt = Date.now();
    const last = this.events.at(-1);
    // The read starts inside what is kept (at or after its start, at or before its last event).
    const joins =
      this.after !== null &&
      last !== undefined &&
      atOrAfter(from, this.after) &&
      atOrAfter(last.position, from);
    if (joins) {
      for (let index = firstAfter(read, last.position); index < read.length; index += 1)
        this.events.push(read[index]);
    } else {
      this.after = from;
      this.events = read.slice();
      this.first = 0;
    }
    const over = this.events.length - this.first - this.max;
    if (over > 0) {
      this.first += over;
      this.after = this.events[this.first - 1].position;
    }
    if (this.first > this.max / 4) {
      this.events = this.events.slice(this.first);
      this.first = 0;
    }
  }

  private forgetIfIdle(): void {
    if (this.events.length === 0 || Date.now() - this.lastKeptAt <= this.idleMs) return;
    this.events = [];
    this.first = 0;
    this.after = null;
  }
}

/** Whether `from` is `after` or later in the log. */
function atOrAfter(from: AllFrom, after: AllFrom): boolean {
  if (after === 'start') return true;
  return from !== 'start' && comparePositions(from, after) >= 0;
}
