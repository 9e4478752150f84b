import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { HEALTH_EXTRAS } from './health-extras';
import { projectionsHealth } from '../projections/projection-health';
import { ProjectionsService } from '../projections/projections.service';

@Module({
  imports: [TerminusModule],
  controllers: [HealthController],
  providers: [
    {
      provide: HEALTH_EXTRAS,
      inject: [ProjectionsService],
      useFactory: (projections: ProjectionsService) => [projectionsHealth(projections)],
    },
  ],
})
export class HealthModule {}
