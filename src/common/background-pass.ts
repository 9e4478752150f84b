import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { WorkerLeases } from '../leases/worker-leases';

/** How long after a failed pass (the store unreachable, an opener in the way) the next starts. */
const RETRY_MS = 5_000;

export interface BackgroundPassOptions<Report> {
  /** The lease's name, the same on every instance. */
  lease: string;
  /** What the pass does, for the log ("case id backfill"). */
  what: string;
  /** One pass; `cancelled` is asked between its steps (a stop: the next pass starts over). */
  run(cancelled: () => boolean): Promise<Report>;
  /** Logged once a pass has done its work (not when it found it done already). */
  done(report: Report): void;
  /** The pass found the work done before it (another instance, an earlier start). */
  alreadyDone(report: Report): boolean;
}

/**
 * A one-time pass over the store run in the background where the workers run (RUN_WORKERS), under
 * its lease when instances share the work: from the start, and again after a failure until one
 * pass has done it. The service answers meanwhile.
 */
export class BackgroundPass<Report> {
  private readonly logger: Logger;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly options: BackgroundPassOptions<Report>) {
    this.logger = new Logger(options.what);
  }

  /** Starts where the workers run: under the lease when there are leases, else at once. */
  begin(config: AppConfig, leases?: WorkerLeases): void {
    if (config.RUN_WORKERS !== 'true') return;
    const work = {
      name: this.options.lease,
      start: async () => this.start(),
      stop: () => this.stop(),
    };
    if (leases) leases.add(work);
    else this.start();
  }

  async end(leases?: WorkerLeases): Promise<void> {
    await leases?.withdraw(this.options.lease);
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
        if (!this.options.alreadyDone(report)) this.options.done(report);
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
