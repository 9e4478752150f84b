import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { HEALTH_EXTRAS } from './health-extras';
import { projectionsHealth } from '../projections/projection-health';
import { ProjectionsService } from '../projections/projections.service';
import { JobsRuntime } from '../jobs/jobs-runtime';
import { timersHealth } from '../jobs/timers/timers-health';
import { WORKER_LEASES } from '../leases/leases.module';
import { leasesHealth } from '../leases/leases-health';
import { WorkerLeases } from '../leases/worker-leases';

@Module({
  imports: [TerminusModule],
  controllers: [HealthController],
  providers: [
    {
      provide: HEALTH_EXTRAS,
      inject: [ProjectionsService, JobsRuntime, { token: WORKER_LEASES, optional: true }],
      useFactory: (projections: ProjectionsService, jobs: JobsRuntime, leases?: WorkerLeases) => [
        projectionsHealth(projections),
        timersHealth(jobs.reconciler),
        ...(leases ? [leasesHealth(leases)] : []),
      ],
    },
  ],
})
export class HealthModule {}
