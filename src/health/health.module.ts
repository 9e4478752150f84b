import { DynamicModule, Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { Pool } from 'pg';
import { HealthController } from './health.controller';
import { HEALTH_EXTRAS } from './health-extras';
import { stalledSince } from './stalled-since';
import { PG_POOL } from '../common/tokens';
import { Clock, CLOCK } from '../common/clock';
import { projectionsHealth } from '../projections/projection-health';
import { ProjectionsService } from '../projections/projections.service';
import { JobsRuntime } from '../jobs/jobs-runtime';
import { timersHealth } from '../jobs/timers/timers-health';
import { jobsHealth } from '../jobs/jobs-health';
import { JobNames } from '../jobs/job-queue';
import { WORKER_LEASES } from '../leases/leases.module';
import { leasesHealth } from '../leases/leases-health';
import { WorkerLeases } from '../leases/worker-leases';
import { SagasRuntime } from '../sagas/sagas-runtime';
import { sagasHealth } from '../sagas/sagas-health';
import { STORED_EVENT_NAMES } from '../infrastructure/stored-event-names.token';
import { StoredEventNames } from '../event-store/stored-event-names';
import { ServiceStopping } from './service-stopping';
import { CHECKPOINT_SETTINGS } from '../audit/checkpoints/checkpoint.service';
import { CheckpointSettings } from '../audit/checkpoints/checkpoint-settings';
import { checkpointKeysHealth } from '../audit/checkpoints/checkpoint-keys-health';

export interface HealthOptions {
  /** How long work may wait with its checkpoint (or a timer) standing still before it is a problem. */
  stalledAfterMs: number;
  /** CHECKPOINT_PUBLIC_KEYS_DIR is set: `/health` tells whether every file of it is read. */
  checkpointKeysDir?: boolean;
}

@Module({})
export class HealthModule {
  static forRoot(options: HealthOptions): DynamicModule {
    return {
      module: HealthModule,
      // No log of its own: Terminus wrote every failing probe's details again as one error line.
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [
        ServiceStopping,
        {
          provide: HEALTH_EXTRAS,
          inject: [
            PG_POOL,
            ProjectionsService,
            SagasRuntime,
            STORED_EVENT_NAMES,
            JobsRuntime,
            CLOCK,
            ModuleRef,
            { token: WORKER_LEASES, optional: true },
          ],
          useFactory: (
            pool: Pool,
            projections: ProjectionsService,
            sagas: SagasRuntime,
            names: StoredEventNames,
            jobs: JobsRuntime,
            clock: Clock,
            modules: ModuleRef,
            leases?: WorkerLeases,
          ) => {
            const stalled = (checkpoint: Parameters<typeof stalledSince>[1]) =>
              stalledSince(pool, checkpoint, options.stalledAfterMs);
            return [
              projectionsHealth(projections, stalled),
              sagasHealth(sagas, pool, names, stalled),
              timersHealth(
                { reconciler: jobs.reconciler, deadLetters: jobs.deadLetters, clock },
                options.stalledAfterMs,
                () => jobs.worker.failureOf(JobNames.timerFire),
              ),
              jobsHealth(() => jobs.worker.failing()),
              ...(leases ? [leasesHealth(leases)] : []),
              // The audit module's keyring, the one verification and signing read (looked up at
              // each check: the audit module is a sibling, not an import).
              ...(options.checkpointKeysDir
                ? [
                    checkpointKeysHealth(
                      () =>
                        modules.get<CheckpointSettings>(CHECKPOINT_SETTINGS, { strict: false })
                          .keyring,
                    ),
                  ]
                : []),
            ];
          },
        },
      ],
      exports: [ServiceStopping],
    };
  }
}
