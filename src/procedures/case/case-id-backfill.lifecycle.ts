import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { Clock, CLOCK } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { APP_CONFIG } from '../../infrastructure/app-config.token';
import { WORKER_LEASES } from '../../leases/leases.module';
import { WorkerLeases } from '../../leases/worker-leases';
import { CaseIdBackfill, CaseIdBackfillReport } from './case-id-backfill';
import { CaseIdCoverage } from './case-id-coverage';

/** How long after a failed pass (the store unreachable, an opener in the way) the next starts. */
const RETRY_MS = 5_000;

export const CASE_ID_BACKFILL_LEASE = 'case-id-backfill';

/**
 * Runs the case id backfill where the workers run (RUN_WORKERS), under its lease when instances
 * share the work: in the background from the start, again after a failure until one pass has
 * recorded the coverage. The service answers meanwhile; lookups probe until then.
 */
@Injectable()
export class CaseIdBackfillLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CaseIds');
  private readonly backfill: CaseIdBackfill;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    coverage: CaseIdCoverage,
    @Inject(CLOCK) clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(WORKER_LEASES) private readonly leases?: WorkerLeases,
  ) {
    this.backfill = new CaseIdBackfill(store, coverage, clock);
  }

  onApplicationBootstrap(): void {
    if (this.config.RUN_WORKERS !== 'true') return;
    const work = {
      name: CASE_ID_BACKFILL_LEASE,
      start: async () => this.start(),
      stop: () => this.stop(),
    };
    if (this.leases) this.leases.add(work);
    else this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.leases?.withdraw(CASE_ID_BACKFILL_LEASE);
    await this.stop();
  }

  /** One pass now, as the background loop makes it (a test, a CLI). */
  runOnce(): Promise<CaseIdBackfillReport> {
    return this.backfill.run();
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
        const report = await this.backfill.run(() => !this.running);
        if (!report.alreadyComplete) this.logged(report);
        return;
      } catch (error) {
        if (!this.running) return;
        this.logger.warn(
          `case id backfill failed, trying again in ${RETRY_MS / 1000} s: ${(error as Error).message}`,
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

  private logged(report: CaseIdBackfillReport): void {
    this.logger.log(
      `every case id reserved: ${report.reserved} of ${report.cases} cases reserved now` +
        (report.heldByAnother.length
          ? `; ${report.heldByAnother.length} ids hold cases of two procedures (${report.heldByAnother.slice(0, 5).join(', ')})`
          : ''),
    );
  }
}
