import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Pool } from 'pg';
import { PG_POOL } from '../common/tokens';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { Projection } from './projection';
import { ProjectionRunner, ProjectionRunnerFailure } from './projection-runner';
import { projectionLags, readProjectionStatus, ProjectionStatus } from './projection-status';
import { PROJECTIONS } from './projections.tokens';

export const PROJECTIONS_OPTIONS = Symbol('PROJECTIONS_OPTIONS');

export interface ProjectionsOptions {
  /** Run the live runners in this process (false: only status, e.g. a CLI or a read-only API). */
  autoStart: boolean;
}

/** Starts one runner per projection with the application and stops them before the pool closes. */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly runners: ProjectionRunner[] = [];

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
    @Inject(PROJECTIONS_OPTIONS) private readonly options: ProjectionsOptions,
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
      await runner.start();
      this.runners.push(runner);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.splice(0).map((runner) => runner.stop()));
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

  /** Position, lag (counted up to `lagCap`), version and errors per projection. */
  status(lagCap?: number): Promise<ProjectionStatus[]> {
    return readProjectionStatus(this.pool, this.projections, lagCap);
  }
}
