import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { HEALTH_EXTRAS } from './health-extras';
import { projectionsHealth } from '../projections/projection-health';
import { ProjectionsService } from '../projections/projections.service';
import { JobsRuntime } from '../jobs/jobs-runtime';
import { timersHealth } from '../jobs/timers/timers-health';

@Module({
  imports: [TerminusModule],
  controllers: [HealthController],
  providers: [
    {
      provide: HEALTH_EXTRAS,
      inject: [ProjectionsService, JobsRuntime],
      useFactory: (projections: ProjectionsService, jobs: JobsRuntime) => [
        projectionsHealth(projections),
        timersHealth(jobs.reconciler),
      ],
    },
  ],
})
export class HealthModule {}
