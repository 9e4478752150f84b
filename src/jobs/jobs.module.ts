import {
  DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  ModuleMetadata,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { WORKER_LEASES } from '../leases/leases.module';
import { WorkerLeases } from '../leases/worker-leases';
import { Pool } from 'pg';
import { Clock, CLOCK } from '../common/clock';
import { PG_POOL } from '../common/tokens';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { DeadLetterService } from './dead-letters/dead-letter.service';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { JobsRuntime } from './jobs-runtime';
import { defaultJobsConfig, JOBS_CONFIG, JobsConfig } from './jobs.tokens';
import { TimerHandlerRegistry } from './timers/timer-handlers';
import { TimerScheduler } from './timers/timer-scheduler';
import { ReconcileReport } from './timers/timer-reconciler';

export interface JobsModuleOptions {
  config?: Partial<JobsConfig>;
  /** Take jobs in this process (false: only enqueue, e.g. a CLI or an API-only replica). */
  runWorker?: boolean;
  /** Modules providing PG_POOL, EVENT_STORE and CLOCK, unless those are global. */
  imports?: ModuleMetadata['imports'];
}

const JOBS_MODULE_OPTIONS = Symbol('JOBS_MODULE_OPTIONS');

/**
 * On bootstrap (after every module's onModuleInit registered its timer handlers): re-enqueue the
 * pending timers, then start the worker. On shutdown: close the worker and the queue.
 */
@Injectable()
export class JobsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');

  constructor(
    @Inject(JobsRuntime) private readonly runtime: JobsRuntime,
    @Inject(JOBS_MODULE_OPTIONS) private readonly options: JobsModuleOptions,
    @Optional() @Inject(WORKER_LEASES) private readonly leases?: WorkerLeases,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const runWorker = this.options.runWorker !== false;
    if (runWorker && this.leases) {
      // The timer worker and its reconciler run on the instance holding the `timers` lease.
      this.leases.add({
        name: TIMERS_LEASE,
        start: async () => this.reconciled(await this.runtime.startWorker()),
        stop: () => this.runtime.stopWorker(),
      });
      return;
    }
    this.reconciled(await this.runtime.start({ worker: runWorker }));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.leases?.withdraw(TIMERS_LEASE);
    await this.runtime.close();
  }

  private reconciled(report: ReconcileReport): void {
    this.logger.log(
      `timers reconciled: ${report.pending} pending, ${report.due} due, ${report.added} re-enqueued, ${report.parked} parked in dead letters`,
    );
  }
}

export const TIMERS_LEASE = 'timers';

/** Timers, the BullMQ queue and worker, dead letters and their admin endpoints. */
@Module({})
export class JobsModule {
  static forRoot(options: JobsModuleOptions = {}): DynamicModule {
    return {
      module: JobsModule,
      global: true,
      imports: options.imports ?? [],
      controllers: [DeadLettersController],
      providers: [
        { provide: JOBS_MODULE_OPTIONS, useValue: options },
        { provide: JOBS_CONFIG, useValue: defaultJobsConfig(options.config) },
        {
          provide: JobsRuntime,
          inject: [EVENT_STORE, PG_POOL, CLOCK, JOBS_CONFIG],
          useFactory: (store: EventStore, pool: Pool, clock: Clock, config: JobsConfig) => {
            const logger = new Logger('Jobs');
            return new JobsRuntime({
              store,
              pool,
              clock,
              config,
              log: (line) => logger.warn(line),
            });
          },
        },
        {
          provide: TimerHandlerRegistry,
          inject: [JobsRuntime],
          useFactory: (runtime: JobsRuntime) => runtime.timerHandlers,
        },
        {
          provide: TimerScheduler,
          inject: [JobsRuntime],
          useFactory: (runtime: JobsRuntime) => runtime.scheduler,
        },
        {
          provide: DeadLetterService,
          inject: [JobsRuntime],
          useFactory: (runtime: JobsRuntime) => runtime.deadLetterService,
        },
        JobsLifecycle,
      ],
      exports: [JobsRuntime, TimerHandlerRegistry, TimerScheduler, DeadLetterService, JOBS_CONFIG],
    };
  }
}
