import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { BackgroundPass } from '../../common/background-pass';
import { Clock, CLOCK } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { APP_CONFIG } from '../../infrastructure/app-config.token';
import { WORKER_LEASES } from '../../leases/leases.module';
import { WorkerLeases } from '../../leases/worker-leases';
import { CaseIdBackfill, CaseIdBackfillReport } from './case-id-backfill';
import { CaseIdCoverage } from './case-id-coverage';

export const CASE_ID_BACKFILL_LEASE = 'case-id-backfill';

/**
 * Runs the case id backfill in the background where the workers run (BackgroundPass); lookups
 * probe until it has recorded the coverage.
 */
@Injectable()
export class CaseIdBackfillLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CaseIds');
  private readonly pass: BackgroundPass<CaseIdBackfillReport>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    coverage: CaseIdCoverage,
    @Inject(CLOCK) clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(WORKER_LEASES) private readonly leases?: WorkerLeases,
  ) {
    const backfill = new CaseIdBackfill(store, coverage, clock);
    this.pass = new BackgroundPass({
      lease: CASE_ID_BACKFILL_LEASE,
      what: 'case id backfill',
      run: (cancelled) => backfill.run(cancelled),
      done: (report) => this.logged(report),
      alreadyDone: (report) => report.alreadyComplete,
    });
  }

  onApplicationBootstrap(): void {
    this.pass.begin(this.config, this.leases);
  }

  onApplicationShutdown(): Promise<void> {
    return this.pass.end(this.leases);
  }

  /** One pass now, as the background loop makes it (a test, a CLI). */
  runOnce(): Promise<CaseIdBackfillReport> {
    return this.pass.runOnce();
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
