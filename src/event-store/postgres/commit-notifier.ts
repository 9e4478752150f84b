import { Client, Pool } from 'pg';

const CHANNEL = 'cf_events';
const NOTIFY_WINDOW_MS = 5;

/**
 * Wakes subscribers when events are committed. Writers in this process wake local subscribers
 * directly and send one coalesced NOTIFY for other processes, outside the append transaction
 * (a NOTIFY inside it would serialise every commit on PostgreSQL's notify lock).
 */
export class CommitNotifier {
  private readonly listeners = new Set<() => void>();
  private notifyScheduled = false;
  private listenClient: Client | null = null;
  private listenReady: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly pool: Pool) {}

  /** Called after every successful append. */
  poke(): void {
    this.wakeLocal();
    if (this.closed || this.notifyScheduled) return;
    // One NOTIFY per short window instead of one per append: other processes wake a little later
    // (NOTIFY_WINDOW_MS), writers lose no round trip to it under load.
    this.notifyScheduled = true;
    setTimeout(() => {
      this.notifyScheduled = false;
      if (this.closed) return;
      this.pool.query(`NOTIFY ${CHANNEL}`).catch(() => {
        // A lost NOTIFY only delays other processes until their next timed look.
      });
    }, NOTIFY_WINDOW_MS).unref();
  }

  /** Registers a wake-up callback; resolves once NOTIFYs from other processes will reach it. */
  async listen(callback: () => void): Promise<() => void> {
    this.listeners.add(callback);
    await this.ensureListening();
    return () => {
      this.listeners.delete(callback);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    const client = this.listenClient;
    this.listenClient = null;
    this.listenReady = null;
    if (client) await client.end().catch(() => undefined);
  }

  private wakeLocal(): void {
    for (const listener of this.listeners) listener();
  }

  private ensureListening(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (!this.listenReady) {
      const options = (this.pool as unknown as { options: object }).options;
      const client = new Client(options);
      this.listenClient = client;
      client.on('notification', () => this.wakeLocal());
      client.on('error', () => {
        // Subscribers fall back to their timed look; the next listen() reconnects.
        this.listenReady = null;
        this.listenClient = null;
      });
      this.listenReady = client
        .connect()
        .then(() => client.query(`LISTEN ${CHANNEL}`))
        .then(() => undefined)
        .catch(() => {
          this.listenReady = null;
          this.listenClient = null;
        });
    }
    return this.listenReady;
  }
}
