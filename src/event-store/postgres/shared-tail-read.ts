import { RecordedEvent } from '../event-envelope';
import { AllFrom, ReadAllFilter } from '../event-store.port';
import { earliestOf, firstAfter, isAfter, laterOf, LogPage, matchesFilter } from './log-page';
import { RecentTail } from './recent-tail';

/** Events per shared read: above any subscription's batch, so one read serves them all. */
export const SHARED_READ_LIMIT = 1000;

/**
 * How long a read of the tail waits, once asked for, for the commits that follow. Under load a
 * commit lands every millisecond or two and each woke every live subscription into a read (a
 * quarter of the lifecycle bench's statements); this way one read serves a window's commits, and a
 * lone commit reaches the subscriptions this much later (bench/README.md, issue 21).
 */
export const TAIL_GATHER_MS = 10;

export interface SharedTailReadDeps {
  /**
   * Unfiltered `readAllSafe`. Unfiltered, a page that is not full ends at the safe head: no
   * separate safe-head query is needed (an event safe then is still safe for the read after).
   */
  readAll: (from: AllFrom, limit: number) => Promise<RecordedEvent[]>;
  /** A subscription's own read, for one the shared read did not reach. */
  readAlone: (from: AllFrom, limit: number, filter?: ReadAllFilter) => Promise<LogPage>;
  /** Default `TAIL_GATHER_MS`; 0: the next turn, for the subscriptions woken by one commit. */
  gatherMs?: number;
  /** Most events kept for callers behind the head; default `RECENT_TAIL_MAX`. */
  recentEventsKept?: number;
}

interface Waiting {
  from: AllFrom;
  limit: number;
  filter?: ReadAllFilter;
  resolve: (page: LogPage) => void;
  reject: (error: unknown) => void;
}

/**
 * One read of the log's tail for every live subscription of the process that asks for it
 * meanwhile. Each commit notification used to wake every projection and saga into a read (and a
 * safe-head query) of its own: a dozen statements per commit, most of the database's work in the
 * lifecycle bench. Each caller is answered by a read that started after it asked, so it sees
 * everything committed before it was woken, exactly as its own read would.
 */
export class SharedTailRead {
  private waiting: Waiting[] = [];
  private running: Promise<void> | null = null;
  private readonly recent: RecentTail;

  constructor(private readonly deps: SharedTailReadDeps) {
    this.recent = new RecentTail(deps.recentEventsKept);
  }

  /** What a caller behind the last read is missing comes from the events that read kept. */
  read(from: AllFrom, limit: number, filter?: ReadAllFilter): Promise<LogPage> {
    const kept = this.recent.pageAfter(from, limit, filter);
    if (kept) return Promise.resolve(kept);
    return new Promise<LogPage>((resolve, reject) => {
      this.waiting.push({ from, limit, filter, resolve, reject });
      this.running ??= this.gathered().then(() => this.readWhileWaiting());
    });
  }

  /** Waits for the subscriptions woken by the same commit, and those of the commits after it. */
  private gathered(): Promise<void> {
    const delay = this.deps.gatherMs ?? TAIL_GATHER_MS;
    return new Promise<void>((next) => (delay > 0 ? setTimeout(next, delay) : setImmediate(next)));
  }

  private async readWhileWaiting(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting;
        this.waiting = [];
        await this.answer(batch);
        if (this.waiting.length > 0) await this.gathered();
      }
    } finally {
      this.running = null;
    }
  }

  /**
   * Callers at the head extend the kept events forward; callers behind them (a slow projection
   * during a bulk write) share a read of their own that leaves the kept events alone. One read from
   * the earliest caller used to replace what was kept with the laggard's part of the log, so the
   * callers at the head read it again and again: 288,000 rows for a batch's 32,000 events.
   */
  private async answer(batch: Waiting[]): Promise<void> {
    const atHead: Waiting[] = [];
    const behind: Waiting[] = [];
    for (const waiting of batch) {
      // What was kept may have grown since the caller asked.
      const kept = this.recent.pageAfter(waiting.from, waiting.limit, waiting.filter);
      if (kept) waiting.resolve(kept);
      else (this.recent.isBefore(waiting.from) ? behind : atHead).push(waiting);
    }
    await Promise.all([this.readFor(atHead, true), this.readFor(behind, false)]);
  }

  private async readFor(batch: Waiting[], keep: boolean): Promise<void> {
    if (batch.length === 0) return;
    let events: RecordedEvent[];
    const from = earliestOf(batch.map((waiting) => waiting.from));
    try {
      events = await this.deps.readAll(from, SHARED_READ_LIMIT);
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    if (keep) this.recent.keep(from, events);
    const full = events.length >= SHARED_READ_LIMIT;
    const end = lastOf(events, from);
    for (const waiting of batch) {
      if (full && !isAfter(end, waiting.from)) {
        this.deps
          .readAlone(waiting.from, waiting.limit, waiting.filter)
          .then(waiting.resolve, waiting.reject);
        continue;
      }
      waiting.resolve(pageFor(waiting, events, end, !full));
    }
  }
}

function lastOf(events: RecordedEvent[], from: AllFrom): AllFrom {
  return events.length > 0 ? events[events.length - 1].position : from;
}

/** The caller's part of a shared read: after its position, its filter, at most its limit. */
function pageFor(
  waiting: Waiting,
  events: RecordedEvent[],
  end: AllFrom,
  complete: boolean,
): LogPage {
  const mine: RecordedEvent[] = [];
  for (let index = firstAfter(events, waiting.from); index < events.length; index += 1) {
    const event = events[index];
    if (!matchesFilter(event, waiting.filter)) continue;
    if (mine.length === waiting.limit)
      return { events: mine, through: mine[mine.length - 1].position, complete: false };
    mine.push(event);
  }
  return { events: mine, through: laterOf(waiting.from, end), complete };
}
