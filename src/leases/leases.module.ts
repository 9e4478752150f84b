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
            return new WorkerLeases({ ...options, log: leasesLog(new Logger('Leases')) });
          },
        },
        LeasesLifecycle,
      ],
      exports: [WORKER_LEASES],
    };
  }
}

/** A lost lease is a `warn` (at LOG_LEVEL=warn an operator sees this instance stopped its work). */
export function leasesLog(logger: Pick<Logger, 'log' | 'warn'>) {
  return (line: string, level: 'info' | 'warn'): void =>
    level === 'warn' ? logger.warn(line) : logger.log(line);
}
