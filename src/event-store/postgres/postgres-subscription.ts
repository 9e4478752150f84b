import { RecordedEvent } from '../event-envelope';
import { AllFrom, SubscribeOptions, Subscription } from '../event-store.port';
import { BulkWrites } from '../bulk-writes';
import { CommitNotifier } from './commit-notifier';
import { LogPage } from './log-page';
import { comparePositions } from './postgres-position';

/** Whether an event this process appended lies past where the subscription has read. */
function heldBack(lastAppended: string | null, position: AllFrom): boolean {
  if (lastAppended === null) return false;
  return position === 'start' || comparePositions(lastAppended, position) > 0;
}

/** Safety net for a lost NOTIFY; normal wake-ups come from the notifier. */
const IDLE_RECHECK_MS = 1000;
/**
 * How soon to look again when this process has appended past what the last read reached: the
 * event is committed but an older transaction still open held it back from the safe read.
 */
const HELD_BACK_RECHECK_MS = 10;

interface StartArgs {
  from: AllFrom;
  handler: (event: RecordedEvent) => Promise<void>;
  options: SubscribeOptions;
  /** This subscription's own read (catch-up), filtered in SQL. */
  readAlone: (from: AllFrom, limit: number) => Promise<LogPage>;
  /** The read shared by the live subscriptions of the process (SharedTailRead). */
  readShared: (from: AllFrom, limit: number) => Promise<LogPage>;
  notifier: CommitNotifier;
  /** Once caught up, the subscription holds its next read while one of these runs. */
  bulkWrites?: BulkWrites;
}

/** Catch-up then live: reads batches in global order, sleeps until woken when nothing is left. */
export class PostgresSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  private markCaughtUp!: () => void;
  private running = true;
  private woken = false;
  private wake: (() => void) | null = null;
  private readonly done: Promise<void>;
  private readonly stopped: Promise<void>;
  private markStopped!: () => void;

  private constructor(private readonly args: StartArgs) {
    this.caughtUp = new Promise((resolve) => (this.markCaughtUp = resolve));
    this.stopped = new Promise((resolve) => (this.markStopped = resolve));
    this.done = this.run();
  }

  static start(args: StartArgs): PostgresSubscription {
    return new PostgresSubscription(args);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.markStopped();
    this.wake?.();
    await this.done;
  }

  /**
   * Whether the subscription may wait for bulk writes: until it has waited once, so that a hold
   * that ran out lets it read until it has caught up before it holds again. A caught-up
   * subscription woken just before a bulk write began still holds, before its next read or with
   * the page its read brought back (the first chunk may be in it): it only found nothing to wait
   * for yet.
   */
  private mayHold = false;

  private async holdForBulkWrites(): Promise<void> {
    const held = this.mayHold ? this.args.bulkWrites?.hold(this.stopped) : null;
    if (!held) return;
    this.mayHold = false;
    await held;
  }

  private async run(): Promise<void> {
    const { handler, options, readAlone, readShared, notifier } = this.args;
    const batchSize = options.batchSize ?? 500;
    let position = this.args.from;
    // Catching up reads alone (its position may be far behind the others'); once caught up it
    // shares the reads of the tail with the other live subscriptions.
    let live = false;
    let heldBackLooks = 0;
    const unlisten = await notifier.listen(() => {
      this.woken = true;
      this.wake?.();
    });
    try {
      while (this.running) {
        await this.holdForBulkWrites();
        if (!this.running) return;
        this.woken = false;
        const page = live
          ? await readShared(position, batchSize)
          : await readAlone(position, batchSize);
        await this.holdForBulkWrites();
        for (const event of page.events) {
          if (!this.running) return;
          await handler(event);
          position = event.position;
        }
        // Without this, a filter that matches nothing lately makes every wake-up scan the log
        // from the last match (or from the start) to the head again, a cost growing with the log.
        position = page.through;
        if (page.complete) {
          live = true;
          this.mayHold = true;
          this.markCaughtUp();
          // Looks again soon, then less and less often while a long transaction holds it back.
          heldBackLooks = heldBack(notifier.lastAppended, position) ? heldBackLooks + 1 : 0;
          const wait =
            heldBackLooks > 0
              ? Math.min(IDLE_RECHECK_MS, HELD_BACK_RECHECK_MS * 2 ** (heldBackLooks - 1))
              : IDLE_RECHECK_MS;
          if (!this.woken) await this.sleep(wait);
        }
      }
    } catch (error) {
      this.running = false;
      this.markCaughtUp();
      options.onError?.(error);
    } finally {
      unlisten();
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.wake = finish;
    });
  }
}
