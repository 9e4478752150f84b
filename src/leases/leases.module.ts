import {
  DynamicModule,
  Injectable,
  Inject,
  Logger,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import { WorkerLeases } from './worker-leases';

export const WORKER_LEASES = Symbol('WORKER_LEASES');

export interface LeasesModuleOptions {
  connectionString: string;
  retryMs: number;
}

/** Gives every lease up (stopping what it guards) when the application shuts down. */
@Injectable()
export class LeasesLifecycle implements OnApplicationShutdown {
  constructor(@Inject(WORKER_LEASES) private readonly leases: WorkerLeases) {}

  async onApplicationShutdown(): Promise<void> {
    await this.leases.stop();
  }
}

/**
 * The leases under which projections, sagas and the timer worker run, one instance at a time.
 * Modules that run workers take `WORKER_LEASES` optionally: without this module (a test module,
 * a CLI) they start their work directly, as a single instance would.
 */
@Module({})
export class LeasesModule {
  static forRoot(options: LeasesModuleOptions): DynamicModule {
    return {
      module: LeasesModule,
      global: true,
      providers: [
        {
          provide: WORKER_LEASES,
          useFactory: () => {
            const logger = new Logger('Leases');
            return new WorkerLeases({ ...options, log: (line) => logger.log(line) });
          },
        },
        LeasesLifecycle,
      ],
      exports: [WORKER_LEASES],
    };
  }
}
