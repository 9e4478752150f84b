import { AppendResult } from '../event-store.port';

/** One caller's append, as the coalescer sees it: which stream and how many events. */
export interface CoalescibleAppend {
  streamId: string;
  batch: readonly unknown[];
  /** Every stream it writes, when it writes several (a multi-stream append); else `streamId`. */
  streams?: readonly string[];
}

export interface AppendCoalescerOptions<T extends CoalescibleAppend, R = AppendResult> {
  /** How many statements may run at once; appends arriving while all are busy wait and go out together. */
  maxStatements: number;
  /** The most events one shared statement may carry. */
  maxEventsPerStatement: number;
  /** Writes appends to distinct streams in one statement (one transaction); results in the same order. */
  together: (appends: T[]) => Promise<R[]>;
  /** Writes one append on its own, with the full checks and error reporting. */
  alone: (append: T) => Promise<R>;
  /**
   * Which append of a failed shared statement refused it (its place in `appends`), when the error
   * says; the others then go out together again. Unknown: every append goes out alone.
   */
  refusedAt?: (error: unknown, appends: readonly T[]) => number | undefined;
  /** Told of every statement sent: how many appends share it and how many events they carry. */
  onStatement?: (appends: number, events: number) => void;
}

interface Waiting<T, R> {
  append: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit in the application. An append that finds a free statement slot is sent at once, as
 * before; appends that arrive while every slot is busy wait for the next free one and share its
 * statement, so under load many appends cost one round trip and one commit (WAL flush) instead of
 * one each. Each caller still learns the outcome of its own append only after its commit.
 *
 * A shared statement is all or nothing: if it fails for any reason (a wrong expected revision, an
 * id already stored, a deadlock), nothing of it was written and no append may fail because of
 * another's. When the error names the append that refused it, that one is sent alone (its caller
 * gets its own answer) and the rest share a statement again; otherwise every append is sent alone.
 */
export class AppendCoalescer<T extends CoalescibleAppend, R = AppendResult> {
  private readonly waiting: Waiting<T, R>[] = [];
  private running = 0;
  private dispatchScheduled = false;

  constructor(private readonly options: AppendCoalescerOptions<T, R>) {}

  submit(append: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ append, resolve, reject });
      this.scheduleDispatch();
    });
  }

  /**
   * Dispatches after the current turn of the event loop: the callers a finished statement has just
   * answered usually append again in that same turn, and so share the next statement.
   */
  private scheduleDispatch(): void {
    if (this.dispatchScheduled) return;
    this.dispatchScheduled = true;
    setImmediate(() => {
      this.dispatchScheduled = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.running < this.options.maxStatements && this.waiting.length > 0) {
      // Spread the waiting appends over the free slots: statements running side by side share
      // PostgreSQL's WAL flushes, one statement carrying everything would leave it idle meanwhile.
      const share = Math.ceil(this.waiting.length / (this.options.maxStatements - this.running));
      const group = this.takeGroup(share);
      this.running += 1;
      void this.send(group).finally(() => {
        this.running -= 1;
        this.scheduleDispatch();
      });
    }
  }

  /** The oldest waiting append plus later ones to other streams, up to `maxAppends` and while the events fit one statement. */
  private takeGroup(maxAppends: number): Waiting<T, R>[] {
    const group = [this.waiting.shift() as Waiting<T, R>];
    const streams = new Set(streamsOf(group[0].append));
    let events = group[0].append.batch.length;
    for (
      let index = 0;
      index < this.waiting.length &&
      group.length < maxAppends &&
      events < this.options.maxEventsPerStatement;
    ) {
      const candidate = this.waiting[index];
      const size = candidate.append.batch.length;
      // Two appends to one stream never share a statement: the second must see the first committed.
      if (
        streamsOf(candidate.append).some((stream) => streams.has(stream)) ||
        events + size > this.options.maxEventsPerStatement
      ) {
        index += 1;
        continue;
      }
      this.waiting.splice(index, 1);
      group.push(candidate);
      for (const stream of streamsOf(candidate.append)) streams.add(stream);
      events += size;
    }
    return group;
  }

  private async send(group: Waiting<T, R>[]): Promise<void> {
    this.options.onStatement?.(
      group.length,
      group.reduce((sum, waiting) => sum + waiting.append.batch.length, 0),
    );
    if (group.length === 1) return this.sendAlone(group[0]);
    // One lock order for every shared statement, so two of them cannot deadlock on each other's streams.
    group.sort(inStreamOrder);
    const appends = group.map((waiting) => waiting.append);
    let results: R[];
    try {
      results = await this.options.together(appends);
    } catch (error) {
      const refused = this.options.refusedAt?.(error, appends);
      if (refused === undefined || group[refused] === undefined) {
        await Promise.all(group.map((waiting) => this.sendAlone(waiting)));
        return;
      }
      const others = group.filter((_, index) => index !== refused);
      await Promise.all([this.sendAlone(group[refused]), this.send(others)]);
      return;
    }
    group.forEach((waiting, index) => waiting.resolve(results[index]));
  }

  private async sendAlone(waiting: Waiting<T, R>): Promise<void> {
    try {
      waiting.resolve(await this.options.alone(waiting.append));
    } catch (error) {
      waiting.reject(error);
    }
  }
}

/** Orders entries by their append's stream: one lock order for every shared statement. */
export const inStreamOrder = (
  a: { append: { streamId: string } },
  b: { append: { streamId: string } },
): number =>
  a.append.streamId < b.append.streamId ? -1 : a.append.streamId > b.append.streamId ? 1 : 0;

const streamsOf = (append: CoalescibleAppend): readonly string[] =>
  append.streams ?? [append.streamId];
