import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { BackgroundPass } from '../../common/background-pass';
import { Clock, CLOCK } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { APP_CONFIG } from '../../infrastructure/app-config.token';
import { WORKER_LEASES } from '../../leases/leases.module';
import { WorkerLeases } from '../../leases/worker-leases';
import { OpenCaseSlotBackfill, OpenCaseSlotBackfillReport } from './open-case-slot-backfill';
import { OpenCaseSlotCoverage } from './open-case-slot-coverage';

export const OPEN_CASE_SLOT_BACKFILL_LEASE = 'open-case-slot-backfill';

/**
 * Runs the open-case slot backfill in the background where the workers run (BackgroundPass);
 * openings of a free slot ask the case list until it has recorded the coverage.
 */
@Injectable()
export class OpenCaseSlotBackfillLifecycle extends BackgroundPass<OpenCaseSlotBackfillReport> {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    coverage: OpenCaseSlotCoverage,
    @Inject(CLOCK) clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
    @Optional() @Inject(WORKER_LEASES) leases?: WorkerLeases,
  ) {
    const backfill = new OpenCaseSlotBackfill(store, coverage, clock);
    const logger = new Logger('OpenCaseSlots');
    super(
      {
        lease: OPEN_CASE_SLOT_BACKFILL_LEASE,
        what: 'open-case slot backfill',
        run: (cancelled) => backfill.run(cancelled),
        done: ({ claimed, cases }) =>
          logger.log(`every open case holds its slot: ${claimed} of ${cases} cases claimed now`),
      },
      config,
      leases,
    );
  }
}
