import { Pool, PoolClient } from 'pg';
import { RecordedEvent } from '../event-envelope';
import { AllFrom, SubscribeOptions, Subscription } from '../event-store.port';
import { CommitNotifier } from './commit-notifier';
import { comparePositions } from './postgres-position';

/** Safety net for a lost NOTIFY; normal wake-ups come from the notifier. */
const IDLE_RECHECK_MS = 1000;

interface StartArgs {
  pool: Pool;
  from: AllFrom;
  handler: (event: RecordedEvent) => Promise<void>;
  options: SubscribeOptions;
  read: (client: Pool | PoolClient, from: AllFrom, limit: number) => Promise<RecordedEvent[]>;
  /**
   * For a filtered subscription: the last position every transaction below which has ended.
   * Read before a batch, it is how far that batch has looked when it comes back short, even if
   * no event there matched the filter.
   */
  safeHead?: (client: Pool | PoolClient) => Promise<string | null>;
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
    const { pool, handler, options, read, safeHead, notifier } = this.args;
    const batchSize = options.batchSize ?? 500;
    let position = this.args.from;
    const unlisten = await notifier.listen(() => {
      this.woken = true;
      this.wake?.();
    });
    try {
      while (this.running) {
        this.woken = false;
        // Without this, a filter that matches nothing lately makes every wake-up scan the log
        // from the last match (or from the start) to the head again, a cost growing with the log.
        const head = safeHead ? await safeHead(pool) : null;
        const batch = await read(pool, position, batchSize);
        for (const event of batch) {
          if (!this.running) return;
          await handler(event);
          position = event.position;
        }
        if (batch.length < batchSize) {
          if (head !== null && (position === 'start' || comparePositions(head, position) > 0))
            position = head;
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
