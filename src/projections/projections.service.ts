import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  Optional,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Pool } from 'pg';
import { PG_POOL } from '../common/tokens';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { Projection } from './projection';
import { ProjectionRunner, ProjectionRunnerFailure } from './projection-runner';
import {
  projectionLags,
  readNeedsRebuild,
  readProjectionStatus,
  ProjectionStatus,
} from './projection-status';
import { PROJECTIONS } from './projections.tokens';
import { WORKER_LEASES } from '../leases/leases.module';
import { WorkerLeases } from '../leases/worker-leases';

export const PROJECTIONS_OPTIONS = Symbol('PROJECTIONS_OPTIONS');

export interface ProjectionsOptions {
  /** Run the live runners in this process (false: only status, e.g. a CLI or a read-only API). */
  autoStart: boolean;
}

/**
 * One runner per projection, started with the application (under its lease `projection:<name>`
 * when leases are configured: then only on the instance holding it) and stopped before the pool
 * closes.
 */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly runners: ProjectionRunner[] = [];

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
    @Inject(PROJECTIONS_OPTIONS) private readonly options: ProjectionsOptions,
    @Optional() @Inject(WORKER_LEASES) private readonly leases?: WorkerLeases,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.autoStart) return;
    for (const projection of this.projections) {
      const runner = new ProjectionRunner({
        pool: this.pool,
        store: this.store,
        projection,
        log: (message) => this.logger.warn(message),
      });
      this.runners.push(runner);
      if (this.leases)
        this.leases.add({
          name: projectionLease(projection.name),
          start: () => runner.start(),
          stop: () => runner.stop(),
        });
      else await runner.start();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const runners = this.runners.splice(0);
    if (this.leases)
      await Promise.all(
        runners.map((runner) => this.leases!.withdraw(projectionLease(runner.name))),
      );
    await Promise.all(runners.map((runner) => runner.stop()));
  }

  /** Whether this process runs the projections (RUN_WORKERS) or only reads their tables. */
  get runsProjections(): boolean {
    return this.options.autoStart;
  }

  /** The failure of this process's runner of each projection (null: keeping up, or not run here). */
  ownFailures(): Map<string, ProjectionRunnerFailure | null> {
    return new Map(this.runners.map((runner) => [runner.name, runner.failure]));
  }

  /** Lag in events per projection, for the health check. */
  lags(): Promise<Record<string, number>> {
    return projectionLags(this.pool, this.projections);
  }

  /**
   * Position, lag (counted up to `lagCap`), version and errors per projection; read on `pool`
   * (default: the service's), e.g. one whose statements are bounded in time.
   */
  status(lagCap?: number, pool: Pool = this.pool): Promise<ProjectionStatus[]> {
    return readProjectionStatus(pool, this.projections, lagCap);
  }

  /** Which projections' rows an older version built (`npm run projections -- rebuild <name>`). */
  versions(pool: Pool = this.pool): Promise<Array<{ name: string; needsRebuild: boolean }>> {
    return readNeedsRebuild(pool, this.projections);
  }
}

export const projectionLease = (name: string): string => `projection:${name}`;
