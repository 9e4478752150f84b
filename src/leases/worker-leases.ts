import { hostname } from 'node:os';
import { Client } from 'pg';
import { settlesWithin } from '../common/settles-within';
import { LeaseWatch } from './lease-watch';

/** Work that must run on one instance at a time: a projection, a saga, the timer worker. */
export interface LeasedWork {
  /** The lease's name, the same on every instance (`projection:inbox`, `saga:…`, `timers`). */
  name: string;
  start(): Promise<void>;
  /** Resolves once no part of the work is running any more. */
  stop(): Promise<void>;
}

export interface WorkerLeasesOptions {
  connectionString: string;
  /** How often a lease not held is tried again, and the lease connection checked. */
  retryMs: number;
  /**
   * How long a leased work's stop is waited for: past it the lease keeper goes on without it (and
   * logs it), as one stop hanging on a dependency must not keep every other lease from being retaken.
   */
  stopTimeoutMs?: number;
  /**
   * A lease held by no instance this long (this one cannot take it, or does not get to try) is a
   * problem `/health` reports, as is a keeper that has not finished a round in this long.
   */
  unclaimedAlarmMs?: number;
  /** `warn` for a lost lease or a stop or start gone wrong (this instance's work stopped), else `info`. */
  log?: (message: string, level: 'info' | 'warn') => void;
}

export const DEFAULT_LEASE_STOP_TIMEOUT_MS = 15_000;
export const DEFAULT_UNCLAIMED_ALARM_MS = 10_000;

/** First key of every lease's advisory lock ('cflw'): keeps clear of other users of advisory locks. */
const LOCK_SPACE = 0x63666c77;

/**
 * Each lease is a PostgreSQL session advisory lock held on one dedicated connection of this
 * instance. The lock lives exactly as long as that connection: when the instance dies (or its
 * connection does) PostgreSQL drops the lock and another instance, trying every `retryMs`, takes
 * the work over. When this instance loses the connection it stops every leased work at once —
 * another instance may hold the lease by then — reconnects, and contends again.
 *
 * The connection asks the server for TCP keepalives (5 s idle, 2 s apart, 3 probes), so a holder
 * cut off by the network rather than killed loses its locks in about 11 s instead of hours.
 */
export class WorkerLeases {
  readonly instance = `${hostname()}:${process.pid}`;
  private readonly works = new Map<string, LeasedWork>();
  private readonly held = new Set<string>();
  /** Starts in progress under a lease just taken, by name. */
  private readonly starting = new Map<string, Promise<void>>();
  private client: Client | null = null;
  private connectionLost = false;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private lastProblem: string | null = null;
  /** The lease connection's queries, one at a time (withdraw() may run beside the loop's). */
  private inFlight: Promise<unknown> = Promise.resolve();
  private readonly watch: LeaseWatch;

  constructor(private readonly options: WorkerLeasesOptions) {
    this.watch = new LeaseWatch(options.unclaimedAlarmMs ?? DEFAULT_UNCLAIMED_ALARM_MS);
  }

  /** Contends for the work's lease from now on (at once if the keeper runs). */
  add(work: LeasedWork): void {
    if (this.works.has(work.name)) throw new Error(`lease "${work.name}" is already added`);
    this.works.set(work.name, work);
    this.watch.unclaimed(work.name);
    if (!this.running) {
      this.running = true;
      this.watch.roundFinished();
      this.loop = this.run();
    }
    this.wake?.();
  }

  /** Stops the work if it runs here, gives its lease up and no longer contends for it. */
  async withdraw(name: string): Promise<void> {
    const work = this.works.get(name);
    this.works.delete(name);
    this.watch.claimed(name);
    if (!work || !this.held.has(name)) return;
    this.held.delete(name);
    await this.stopHeld(work);
    await this.unlock(name);
  }

  /** The leases this instance holds now, sorted. */
  heldNames(): string[] {
    return [...this.held].sort();
  }

  /** What `/health` shows: this instance, what it holds, what it waits for, and why not. */
  describe(): { instance: string; held: string[]; waiting: string[]; problem: string | null } {
    return {
      instance: this.instance,
      held: this.heldNames(),
      waiting: [...this.works.keys()].filter((name) => !this.held.has(name)).sort(),
      problem: this.lastProblem ?? (this.running ? this.watch.problem() : null),
    };
  }

  /**
   * Drains this instance: stops every leased work, gives the leases up (other instances take them)
   * and stops contending until `resume()`.
   */
  async pause(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
    await this.dropEverything('paused');
  }

  /** Contends again for every lease added (after `pause()`). */
  resume(): void {
    if (this.running || this.works.size === 0) return;
    this.running = true;
    this.watch.roundFinished();
    this.loop = this.run();
  }

  /** Stops every leased work, gives the leases up and closes the connection. */
  async stop(): Promise<void> {
    await this.pause();
    this.works.clear();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (this.connectionLost) await this.dropEverything('the lease connection was lost');
        if (!this.client) await this.connect();
        // The heartbeat: a connection that stopped answering holds no lock we can count on.
        await this.query('SELECT 1');
        await this.contend();
        this.lastProblem = null;
        this.watch.roundFinished();
      } catch (error) {
        if (!this.running) break;
        this.lastProblem = (error as Error).message;
        await this.dropEverything(`lease connection failed: ${this.lastProblem}`);
      }
      await this.sleep(this.options.retryMs);
    }
  }

  /** Tries every lease not held, then starts what it took all at once (a takeover is quick). */
  private async contend(): Promise<void> {
    const taken: LeasedWork[] = [];
    for (const [name, work] of this.works) {
      if (this.held.has(name) || !this.running || this.connectionLost) continue;
      const rows = await this.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
        [LOCK_SPACE, name],
      );
      if (!rows[0].locked) {
        // Another instance holds it: the work is done, if not here.
        this.watch.claimed(name);
        continue;
      }
      // Withdrawn (or stopped) while the lock was asked for: nothing may start it any more.
      if (this.works.get(name) !== work || !this.running) {
        await this.unlock(name);
        continue;
      }
      this.held.add(name);
      taken.push(work);
    }
    await Promise.all(taken.map((work) => this.startUnderLease(work)));
  }

  /** Starts the work; a stop meanwhile waits for the start to settle (see `stopHeld`). */
  private startUnderLease(work: LeasedWork): Promise<void> {
    const starting = this.startOrGiveUp(work).finally(() => this.starting.delete(work.name));
    this.starting.set(work.name, starting);
    return starting;
  }

  /**
   * Stops a work this instance holds; a start still in progress settles first, or the work
   * would finish starting after its stop and run on (a connection left open after shutdown).
   */
  private async stopHeld(work: LeasedWork): Promise<void> {
    if (this.works.get(work.name) === work) this.watch.unclaimed(work.name);
    const stopping = (async () => {
      await this.starting.get(work.name);
      await Promise.resolve()
        .then(() => work.stop())
        .catch((error: Error) =>
          this.log(`stopping ${work.name} failed: ${error.message}`, 'warn'),
        );
    })();
    const timeoutMs = this.options.stopTimeoutMs ?? DEFAULT_LEASE_STOP_TIMEOUT_MS;
    if (!(await settlesWithin(stopping, timeoutMs)))
      this.log(
        `stopping ${work.name} did not finish within ${timeoutMs} ms; its lease is given up without waiting for it`,
        'warn',
      );
  }

  private async startOrGiveUp(work: LeasedWork): Promise<void> {
    try {
      await work.start();
      // Unless lost while it started (the connection dropped): then it waits to be retaken.
      if (this.held.has(work.name)) this.watch.claimed(work.name);
      this.log(`took the lease ${work.name}`);
    } catch (error) {
      this.held.delete(work.name);
      this.log(`could not start ${work.name} under its lease: ${(error as Error).message}`, 'warn');
      await this.unlock(work.name);
    }
  }

  private async unlock(name: string): Promise<void> {
    await this.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_SPACE, name]).catch(
      () => undefined,
    );
  }

  private query<R extends object>(text: string, values: unknown[] = []): Promise<R[]> {
    const client = this.client;
    if (!client) return Promise.reject(new Error('no lease connection'));
    const next = this.inFlight.then(
      () => client.query<R>(text, values).then((result) => result.rows),
      () => client.query<R>(text, values).then((result) => result.rows),
    );
    this.inFlight = next.catch(() => undefined);
    return next;
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.options.connectionString,
      application_name: 'cadreflow-leases',
      keepAlive: true,
      query_timeout: Math.max(5000, this.options.retryMs * 2),
      connectionTimeoutMillis: Math.max(5000, this.options.retryMs * 2),
    });
    const lost = (): void => {
      if (this.client !== client) return;
      this.connectionLost = true;
      this.wake?.();
    };
    client.on('error', lost);
    client.on('end', lost);
    this.connectionLost = false;
    this.client = client;
    await client.connect();
    await client.query(
      'SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3',
    );
  }

  /** Whatever held a lease stops: without the connection this instance may no longer hold it. */
  private async dropEverything(reason: string): Promise<void> {
    const held = [...this.held];
    this.held.clear();
    if (held.length > 0) this.log(`${reason}; stopping ${held.join(', ')}`, 'warn');
    await Promise.all(
      held.map((name) => {
        const work = this.works.get(name);
        return work ? this.stopHeld(work) : undefined;
      }),
    );
    await this.disconnect();
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.connectionLost = false;
    // Bounded: the keeper must go on contending whatever the old connection does.
    if (client) await settlesWithin(client.end(), Math.max(5000, this.options.retryMs * 2));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private readonly log = (message: string, level: 'info' | 'warn' = 'info'): void =>
    (this.options.log ?? ((line: string) => process.stderr.write(`${line}\n`)))(
      `[leases] ${message}`,
      level,
    );
}
