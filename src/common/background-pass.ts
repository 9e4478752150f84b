import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { WorkerLeases } from '../leases/worker-leases';

/** How long after a failed pass (the store unreachable, an opener in the way) the next starts. */
const RETRY_MS = 5_000;

/**
 * What a pass reports; `alreadyComplete`: it found the work done before it (another instance, an
 * earlier start), so there is nothing to log.
 */
export interface PassReport {
  alreadyComplete: boolean;
}

export interface BackgroundPassOptions<Report extends PassReport> {
  /** The lease's name, the same on every instance. */
  lease: string;
  /** What the pass does, for the log ("case id backfill"). */
  what: string;
  /** One pass; `cancelled` is asked between its steps (a stop: the next pass starts over). */
  run(cancelled: () => boolean): Promise<Report>;
  /** Logged once a pass has done its work (not when it found it done already). */
  done(report: Report): void;
}

/**
 * A one-time pass over the store run in the background where the workers run (RUN_WORKERS), under
 * its lease when instances share the work: from the start, and again after a failure until one
 * pass has done it. The service answers meanwhile. Each pass's Nest provider extends this.
 */
export class BackgroundPass<Report extends PassReport>
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger: Logger;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly options: BackgroundPassOptions<Report>,
    private readonly config: AppConfig,
    private readonly leases?: WorkerLeases,
  ) {
    this.logger = new Logger(options.what);
  }

  /** Starts where the workers run: under the lease when there are leases, else at once. */
  onApplicationBootstrap(): void {
    if (this.config.RUN_WORKERS !== 'true') return;
    const work = {
      name: this.options.lease,
      start: async () => this.start(),
      stop: () => this.stop(),
    };
    if (this.leases) this.leases.add(work);
    else this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.leases?.withdraw(this.options.lease);
    await this.stop();
  }

  /** One pass now, as the background loop makes it (a test, a CLI). */
  runOnce(): Promise<Report> {
    return this.options.run(() => false);
  }

  private start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.untilDone();
  }

  private async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  private async untilDone(): Promise<void> {
    while (this.running) {
      try {
        const report = await this.options.run(() => !this.running);
        if (!report.alreadyComplete) this.options.done(report);
        return;
      } catch (error) {
        if (!this.running) return;
        this.logger.warn(
          `${this.options.what} failed, trying again in ${RETRY_MS / 1000} s: ${(error as Error).message}`,
        );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, RETRY_MS);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }
}
