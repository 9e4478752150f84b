import {
  DynamicModule,
  Inject,
  Logger,
  Module,
  OnApplicationShutdown,
  OnModuleInit,
  Optional,
} from '@nestjs/common';
import { WORKER_LEASES } from '../leases/leases.module';
import { WorkerLeases } from '../leases/worker-leases';
import { Pool } from 'pg';
import { PG_POOL } from '../common/tokens';
import { JobsRuntime } from '../jobs/jobs-runtime';
import { ProjectionsService } from '../projections/projections.service';
import { SagasRuntime } from '../sagas/sagas-runtime';
import { StoredEventNames } from '../event-store/stored-event-names';
import { STORED_EVENT_NAMES } from '../infrastructure/stored-event-names.token';
import { APP_METRICS, AppMetrics } from './metrics';
import { countPoolConnections, registerScrapeGauges } from './metrics-collector';
import {
  MetricsAccessGuard,
  MetricsController,
  OBSERVABILITY_OPTIONS,
  ObservabilityOptions,
  QUEUE_BOARD,
  QueueDashboardController,
  QueueDashboardSessionController,
} from './observability.controllers';
import { createQueueBoard } from './queue-dashboard';
import { createScrapePool } from './scrape-pool';
import { ShutdownLog } from './shutdown-log';

/**
 * Operating the service: `/metrics` (Prometheus), the queue dashboard and its session route, and
 * the shutdown log line. Request metrics and spans are an Express middleware, mounted first by
 * configureApp (app.setup.ts).
 */
@Module({})
export class ObservabilityModule implements OnModuleInit, OnApplicationShutdown {
  private scrapePool?: Pool;

  constructor(
    @Inject(APP_METRICS) private readonly metrics: AppMetrics,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly projections: ProjectionsService,
    @Inject(SagasRuntime) private readonly sagas: SagasRuntime,
    @Inject(JobsRuntime) private readonly jobs: JobsRuntime,
    @Inject(STORED_EVENT_NAMES) private readonly names: StoredEventNames,
    @Optional() @Inject(WORKER_LEASES) private readonly leases?: WorkerLeases,
  ) {}

  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      // The session route before the dashboard's catch-all under the same path.
      controllers: [MetricsController, QueueDashboardSessionController, QueueDashboardController],
      providers: [
        { provide: OBSERVABILITY_OPTIONS, useValue: options },
        {
          provide: QUEUE_BOARD,
          inject: [JobsRuntime],
          useFactory: (jobs: JobsRuntime) => createQueueBoard([jobs.queue.queue]),
        },
        MetricsAccessGuard,
        ShutdownLog,
      ],
      exports: [OBSERVABILITY_OPTIONS],
    };
  }

  onModuleInit(): void {
    countPoolConnections(this.metrics, this.pool);
    const logger = new Logger('Metrics');
    this.scrapePool = createScrapePool(this.pool, (line) => logger.warn(line));
    registerScrapeGauges(this.metrics, {
      pool: this.pool,
      scrapePool: this.scrapePool,
      names: this.names,
      projections: this.projections,
      sagas: this.sagas,
      jobs: this.jobs,
      leases: this.leases,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scrapePool?.end();
  }
}
