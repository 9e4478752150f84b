/** What became of one event's handling: its outputs carried out (or it was parked), or a failure. */
type LaneOutcome = { kind: 'finished'; parked: boolean } | { kind: 'failed'; error: unknown };

interface Delivered {
  position: string;
  outcome: LaneOutcome | null;
}

export interface SagaLanesOptions {
  /** Events handled at the same time at most; a delivery waits for room beyond that. */
  concurrency: number;
  /**
   * An event and every event delivered before it are finished: its checkpoint may be stored.
   * Called in delivery order. May throw (an earlier checkpoint write failed): that is a failure.
   */
  finished: (position: string, parked: boolean) => void;
  /** The first failure since these lanes began: the subscription is to end and resume. */
  failed: (error: unknown) => void;
}

/**
 * A saga's deliveries handled side by side where their ordering keys differ (`Saga.orderingKey`):
 * events of one key start one after another in delivery order; an event without a key starts after
 * every event before it has finished, and every event after it waits for it. Finished events are
 * reported in delivery order only, so a stored checkpoint never passes an event still running or
 * failed (those are delivered again after a resume; a saga's outputs are idempotent).
 *
 * One set of lanes serves one subscription: after a failure it refuses more deliveries, and the
 * runner waits for `settled()` before it resumes from the stored checkpoint.
 */
export class SagaLanes {
  private readonly lastOfKey = new Map<string, Promise<void>>();
  private readonly running = new Set<Promise<void>>();
  private lastUnkeyed: Promise<void> = Promise.resolve();
  /** Delivered and not yet reported finished, in delivery order, from `head` on. */
  private delivered: Delivered[] = [];
  private head = 0;
  private failure: { error: unknown } | null = null;
  private roomWaiters: (() => void)[] = [];

  constructor(private readonly options: SagaLanesOptions) {}

  /** True once an event failed or `abandon()` was called: running handlers should give up. */
  get abandoned(): boolean {
    return this.failure !== null;
  }

  /**
   * Starts `handle` for an event once its key allows; resolves when there is room for the next
   * delivery (not when this event is finished). Throws once these lanes have failed.
   */
  async deliver(
    key: string | undefined,
    position: string,
    handle: () => Promise<{ parked: boolean }>,
  ): Promise<void> {
    if (this.failure) throw this.failure.error;
    const entry: Delivered = { position, outcome: null };
    this.delivered.push(entry);
    const before = key === undefined ? [...this.running, this.lastUnkeyed] : this.waitsOn(key);
    const task = Promise.all(before)
      .then(() => (this.failure ? Promise.reject(this.failure.error) : handle()))
      .then(
        ({ parked }) => this.settle(entry, { kind: 'finished', parked }),
        (error: unknown) => this.settle(entry, { kind: 'failed', error }),
      );
    this.running.add(task);
    void task.then(() => {
      this.running.delete(task);
      if (key !== undefined && this.lastOfKey.get(key) === task) this.lastOfKey.delete(key);
      this.roomWaiters.shift()?.();
    });
    if (key === undefined) this.lastUnkeyed = task;
    else this.lastOfKey.set(key, task);
    while (this.running.size >= this.options.concurrency && !this.failure)
      await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
  }

  /** Resolves when every event delivered so far has finished or given up. */
  async deliveredSoFar(): Promise<void> {
    await Promise.all([...this.running]);
  }

  /** Resolves when nothing is running any more (after a failure: when every handler gave up). */
  async settled(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }

  private waitsOn(key: string): Promise<void>[] {
    const previous = this.lastOfKey.get(key);
    return previous ? [previous, this.lastUnkeyed] : [this.lastUnkeyed];
  }

  private settle(entry: Delivered, outcome: LaneOutcome): void {
    entry.outcome = outcome;
    if (outcome.kind === 'failed') return this.abandon(outcome.error);
    for (let next = this.delivered[this.head]; next?.outcome?.kind === 'finished';) {
      this.head += 1;
      try {
        this.options.finished(next.position, next.outcome.parked);
      } catch (error) {
        return this.abandon(error);
      }
      next = this.delivered[this.head];
    }
    // Reported entries are dropped in bulk: a slow event at the head may hold back thousands.
    if (this.head > 1024 && this.head * 2 > this.delivered.length) {
      this.delivered = this.delivered.slice(this.head);
      this.head = 0;
    }
  }

  /**
   * The first failure, or the runner's own reason to stop: running handlers give up at their next
   * attempt and further deliveries are refused.
   */
  abandon(error: unknown): void {
    if (this.failure) return;
    this.failure = { error };
    for (const wake of this.roomWaiters.splice(0)) wake();
    this.options.failed(error);
  }
}
