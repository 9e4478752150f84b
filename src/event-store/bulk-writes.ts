/** Default of `BULK_WRITE_HOLD_MS`: how long a live subscription may hold while bulk writes run. */
export const DEFAULT_BULK_WRITE_HOLD_MS = 3000;

/**
 * Bulk writes (an import, a transfer batch) running in this process, and the hold they put on its
 * live subscriptions.
 *
 * On one process the projections and sagas share the thread with the request that writes: while a
 * transfer batch of 10,000 wrote its chunks, a third of the thread went to applying the first
 * chunks' events, so the request took that much longer and the read models were not done any
 * sooner (bench/README.md, issue 21, twenty-third session). While a bulk write runs, a caught-up
 * subscription waits before its next read: until the writes end, or `holdMs` at most, after which
 * it reads until it has caught up again. So during a long bulk write the read models still move at
 * least every `holdMs`, and other users' steps reach them that much later at worst.
 *
 * Per process: subscriptions on another instance (workers elsewhere) are not held, nor do they
 * hold up this one's request.
 */
export class BulkWrites {
  private running = 0;
  private ended: Promise<void> | null = null;
  private end: () => void = () => undefined;

  /** `holdMs` 0: subscriptions are never held. */
  constructor(readonly holdMs: number = DEFAULT_BULK_WRITE_HOLD_MS) {}

  /** Runs `write` as a bulk write; the hold is lifted when the last one running ends, however. */
  async during<T>(write: () => Promise<T>): Promise<T> {
    if (this.running === 0) this.ended = new Promise((resolve) => (this.end = resolve));
    this.running += 1;
    try {
      return await write();
    } finally {
      this.running -= 1;
      if (this.running === 0) {
        this.ended = null;
        this.end();
      }
    }
  }

  /**
   * Null when no bulk write runs (nothing to wait for); otherwise resolves once none runs or after
   * `holdMs`, whichever comes first. `stopped` resolving ends the wait too.
   */
  hold(stopped?: Promise<void>): Promise<void> | null {
    // `ended` is set exactly while a bulk write runs.
    if (this.ended === null || this.holdMs <= 0) return null;
    let timer: NodeJS.Timeout | undefined;
    const held = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.holdMs)));
    const waits = [this.ended, held, ...(stopped ? [stopped] : [])];
    return Promise.race(waits).finally(() => clearTimeout(timer));
  }
}
