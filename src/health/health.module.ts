import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { HEALTH_EXTRAS, HealthExtra } from './health-extras';

@Module({
  imports: [TerminusModule],
  controllers: [HealthController],
  providers: [{ provide: HEALTH_EXTRAS, useValue: [] as HealthExtra[] }],
})
export class HealthModule {}
