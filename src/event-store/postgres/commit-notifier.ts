import { randomUUID } from 'node:crypto';
import { comparePositions } from './postgres-position';
import { Client, Pool } from 'pg';

const CHANNEL = 'cf_events';
const NOTIFY_WINDOW_MS = 5;
/** Re-LISTEN after the listening connection was lost: first pause, doubling up to the cap. */
const RELISTEN_FIRST_MS = 200;
const RELISTEN_MAX_MS = 10_000;

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
  /** Sent with this process's NOTIFYs: its own subscribers were woken already, at the append. */
  private readonly origin = randomUUID();
  private relistenTimer: NodeJS.Timeout | null = null;
  private relistenFailures = 0;

  constructor(private readonly pool: Pool) {}

  /** The position of the last event this process appended (committed), if any. */
  lastAppended: string | null = null;

  /** Called after every successful append, with the position of its last event. */
  poke(position?: string): void {
    if (
      position &&
      (this.lastAppended === null || comparePositions(position, this.lastAppended) > 0)
    )
      this.lastAppended = position;
    this.wakeLocal();
    if (this.closed || this.notifyScheduled) return;
    // One NOTIFY per short window instead of one per append: other processes wake a little later
    // (NOTIFY_WINDOW_MS), writers lose no round trip to it under load.
    this.notifyScheduled = true;
    setTimeout(() => {
      this.notifyScheduled = false;
      if (this.closed) return;
      this.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, this.origin]).catch(() => {
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
    if (this.relistenTimer) clearTimeout(this.relistenTimer);
    this.relistenTimer = null;
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
      // Waking on our own NOTIFY too would make every subscriber read the log twice per commit.
      client.on('notification', (message) => {
        if (message.payload !== this.origin) this.wakeLocal();
      });
      // The listening connection is held for the process's life, so it is the one most likely to
      // be cut (failover, pg_terminate_backend, a pooler's idle timeout). Without this listener
      // the 'error' would end the process.
      client.on('error', () => this.connectionLost(client));
      this.listenReady = client
        .connect()
        .then(() => client.query(`LISTEN ${CHANNEL}`))
        .then(() => {
          if (this.relistenFailures > 0) {
            this.relistenFailures = 0;
            // Commits of other processes while nobody listened woke nobody: look now.
            this.wakeLocal();
          }
        })
        .catch(() => this.connectionLost(client));
    }
    return this.listenReady;
  }

  /**
   * Subscribers fall back to their timed look meanwhile; LISTEN again after a pause that grows
   * while the database stays away, as long as anyone is listening.
   */
  private connectionLost(client: Client): void {
    if (this.listenClient !== client) return;
    this.listenClient = null;
    this.listenReady = null;
    client.end().catch(() => undefined);
    if (this.closed || this.listeners.size === 0 || this.relistenTimer) return;
    const delay = Math.min(RELISTEN_MAX_MS, RELISTEN_FIRST_MS * 2 ** this.relistenFailures);
    this.relistenFailures += 1;
    this.relistenTimer = setTimeout(() => {
      this.relistenTimer = null;
      if (this.closed || this.listeners.size === 0) return;
      void this.ensureListening();
    }, delay);
    this.relistenTimer.unref();
  }
}
