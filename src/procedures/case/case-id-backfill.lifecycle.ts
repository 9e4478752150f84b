import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
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
export class CaseIdBackfillLifecycle extends BackgroundPass<CaseIdBackfillReport> {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    coverage: CaseIdCoverage,
    @Inject(CLOCK) clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
    @Optional() @Inject(WORKER_LEASES) leases?: WorkerLeases,
  ) {
    const backfill = new CaseIdBackfill(store, coverage, clock);
    super(
      {
        lease: CASE_ID_BACKFILL_LEASE,
        what: 'case id backfill',
        run: (cancelled) => backfill.run(cancelled),
        done: logged,
      },
      config,
      leases,
    );
  }
}

function logged(report: CaseIdBackfillReport): void {
  new Logger('CaseIds').log(
    `every case id reserved: ${report.reserved} of ${report.cases} cases reserved now` +
      (report.heldByAnother.length
        ? `; ${report.heldByAnother.length} ids hold cases of two procedures (${report.heldByAnother.slice(0, 5).join(', ')})`
        : ''),
  );
}
