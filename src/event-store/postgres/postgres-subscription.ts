import { RecordedEvent } from '../event-envelope';
import { AllFrom, SubscribeOptions, Subscription } from '../event-store.port';
import { CommitNotifier } from './commit-notifier';
import { LogPage } from './log-page';

/** Safety net for a lost NOTIFY; normal wake-ups come from the notifier. */
const IDLE_RECHECK_MS = 1000;

interface StartArgs {
  from: AllFrom;
  handler: (event: RecordedEvent) => Promise<void>;
  options: SubscribeOptions;
  /** This subscription's own read (catch-up), filtered in SQL. */
  readAlone: (from: AllFrom, limit: number) => Promise<LogPage>;
  /** The read shared by the live subscriptions of the process (SharedTailRead). */
  readShared: (from: AllFrom, limit: number) => Promise<LogPage>;
  notifier: CommitNotifier;
}

/** Catch-up then live: reads batches in global order, sleeps until woken when nothing is left. */
export class PostgresSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  private markCaughtUp!: () => void;
  private running = true;
  private woken = false;
  private wake: (() => void) | null = null;
  private readonly done: Promise<void>;

  private constructor(private readonly args: StartArgs) {
    this.caughtUp = new Promise((resolve) => (this.markCaughtUp = resolve));
    this.done = this.run();
  }

  static start(args: StartArgs): PostgresSubscription {
    return new PostgresSubscription(args);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.done;
  }

  private async run(): Promise<void> {
    const { handler, options, readAlone, readShared, notifier } = this.args;
    const batchSize = options.batchSize ?? 500;
    let position = this.args.from;
    // Catching up reads alone (its position may be far behind the others'); once caught up it
    // shares the reads of the tail with the other live subscriptions.
    let live = false;
    const unlisten = await notifier.listen(() => {
      this.woken = true;
      this.wake?.();
    });
    try {
      while (this.running) {
        this.woken = false;
        const page = live
          ? await readShared(position, batchSize)
          : await readAlone(position, batchSize);
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
          this.markCaughtUp();
          if (!this.woken) await this.sleep();
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

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(finish, IDLE_RECHECK_MS);
      this.wake = finish;
    });
  }
}
