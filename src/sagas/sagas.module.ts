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
import { CommandBus } from '@nestjs/cqrs';
import { WORKER_LEASES } from '../leases/leases.module';
import { WorkerLeases } from '../leases/worker-leases';
import { Pool } from 'pg';
import { Clock, CLOCK } from '../common/clock';
import { PG_POOL } from '../common/tokens';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { JobsRuntime } from '../jobs/jobs-runtime';
import { SagaRetryPolicy } from './saga-runner';
import { SagasRuntime } from './sagas-runtime';

export interface SagasModuleOptions {
  retry?: Partial<SagaRetryPolicy>;
  /** Run the saga subscriptions in this process. */
  autoStart?: boolean;
  /** Modules providing PG_POOL, EVENT_STORE and CLOCK, unless those are global. JobsModule must be global or listed. */
  imports?: ModuleMetadata['imports'];
}

const SAGAS_MODULE_OPTIONS = Symbol('SAGAS_MODULE_OPTIONS');

/** Starts the registered sagas once every module's onModuleInit has registered its sagas. */
@Injectable()
export class SagasLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Sagas');

  constructor(
    @Inject(SagasRuntime) private readonly runtime: SagasRuntime,
    @Inject(SAGAS_MODULE_OPTIONS) private readonly options: SagasModuleOptions,
    @Optional() @Inject(WORKER_LEASES) private readonly leases?: WorkerLeases,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.autoStart === false) return;
    if (!this.leases) {
      await this.runtime.start();
      this.logger.log('sagas started');
      return;
    }
    // Each saga under its own lease: instances share the sagas out and take over a dead one's.
    for (const runner of this.runtime.runnerList)
      this.leases.add({
        name: sagaLease(runner.name),
        start: () => runner.start(),
        stop: () => runner.stop(),
      });
    this.logger.log('sagas contend for their leases');
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.leases)
      await Promise.all(
        this.runtime.runnerList.map((runner) => this.leases!.withdraw(sagaLease(runner.name))),
      );
    await this.runtime.stop();
  }
}

export const sagaLease = (name: string): string => `saga:${name}`;

/** Durable process managers: each registered saga follows the store from its own checkpoint. */
@Module({})
export class SagasModule {
  static forRoot(options: SagasModuleOptions = {}): DynamicModule {
    return {
      module: SagasModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: SAGAS_MODULE_OPTIONS, useValue: options },
        {
          provide: SagasRuntime,
          inject: [EVENT_STORE, PG_POOL, CLOCK, JobsRuntime, CommandBus],
          useFactory: (
            store: EventStore,
            pool: Pool,
            clock: Clock,
            jobs: JobsRuntime,
            commands: CommandBus,
          ) => {
            const logger = new Logger('Sagas');
            return new SagasRuntime({
              store,
              pool,
              clock,
              jobs,
              commands,
              retry: options.retry,
              log: (line) => logger.warn(line),
            });
          },
        },
        SagasLifecycle,
      ],
      exports: [SagasRuntime],
    };
  }
}
