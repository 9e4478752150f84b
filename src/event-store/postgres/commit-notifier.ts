import { randomUUID } from 'node:crypto';
import { comparePositions } from './postgres-position';
import { Client, Pool } from 'pg';

const CHANNEL = 'cf_events';
const NOTIFY_WINDOW_MS = 5;
/** Re-LISTEN after the listening connection was lost: first pause, doubling up to the cap. */
const RELISTEN_FIRST_MS = 200;
const RELISTEN_MAX_MS = 10_000;
/** How often a listening process tells the others it is there (a NOTIFY with no commit behind it). */
const PRESENCE_INTERVAL_MS = 10_000;
/** A process not heard from for this long is taken to have gone. */
const PEER_GONE_AFTER_MS = 3 * PRESENCE_INTERVAL_MS;
/** Payload prefix of a process that has just started listening: the others answer at once. */
const HELLO = 'hello:';
/**
 * Payload prefix of a process that writes without listening (a CLI, an API-only instance): its
 * NOTIFY wakes the listeners, but it is no listener to notify in turn.
 */
const WRITER = 'writer:';

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
  private presenceTimer: NodeJS.Timeout | null = null;
  /** When another process listening on the channel was last heard from. */
  private peerHeardAt = Number.NEGATIVE_INFINITY;
  private listening = false;

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
    if (this.closed || this.notifyScheduled || !this.othersMayListen()) return;
    // One NOTIFY per short window instead of one per append: other processes wake a little later
    // (NOTIFY_WINDOW_MS), writers lose no round trip to it under load.
    this.notifyScheduled = true;
    setTimeout(() => {
      this.notifyScheduled = false;
      if (this.closed) return;
      this.send(this.listening ? this.origin : `${WRITER}${this.origin}`);
    }, NOTIFY_WINDOW_MS).unref();
  }

  /**
   * Whether a NOTIFY can wake anyone. A process that listens knows the others that listen (each
   * says so when it starts and every PRESENCE_INTERVAL_MS): alone on the database, as one
   * instance is, its NOTIFYs were a statement for every few appends that woke nobody. A process
   * that does not listen (a CLI, an API-only instance) cannot know, so it always notifies, marked
   * as a writer: hearing it does not make a listener think another listener is there.
   */
  othersMayListen(): boolean {
    return !this.listening || Date.now() - this.peerHeardAt < PEER_GONE_AFTER_MS;
  }

  private send(payload: string): void {
    this.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]).catch(() => {
      // A lost NOTIFY only delays other processes until their next timed look.
    });
  }

  private heard(payload: string): void {
    const hello = payload.startsWith(HELLO);
    if ((hello ? payload.slice(HELLO.length) : payload) === this.origin) return;
    // A writer that does not listen: its commits are news, but notifying it would wake nobody.
    if (payload.startsWith(WRITER)) return this.wakeLocal();
    this.peerHeardAt = Date.now();
    // A process that has just started learns at once that this one is here.
    if (hello) this.send(this.origin);
    this.wakeLocal();
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
    this.listening = false;
    this.listeners.clear();
    if (this.presenceTimer) clearInterval(this.presenceTimer);
    this.presenceTimer = null;
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
      client.on('notification', (message) => this.heard(message.payload ?? ''));
      // The listening connection is held for the process's life, so it is the one most likely to
      // be cut (failover, pg_terminate_backend, a pooler's idle timeout). Without this listener
      // the 'error' would end the process.
      client.on('error', () => this.connectionLost(client));
      this.listenReady = client
        .connect()
        .then(() => client.query(`LISTEN ${CHANNEL}`))
        .then(() => {
          this.listening = true;
          this.send(`${HELLO}${this.origin}`);
          this.presenceTimer ??= setInterval(() => this.send(this.origin), PRESENCE_INTERVAL_MS);
          this.presenceTimer.unref();
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
    // Not listening, it cannot hear who else is there: it notifies on every commit meanwhile.
    this.listening = false;
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
