import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  CheckpointKeysHealthDto,
  DependencyHealthDto,
  JOBS_HEALTH,
  LeasesHealthDto,
  PROJECTIONS_HEALTH,
  SAGAS_HEALTH,
  ServiceHealthDto,
  TimersHealthDto,
} from './health-components.dto';

/**
 * The checks by name. `details` holds them all; `info` the ones up, `error` the ones down
 * (`leases` only on an instance that runs workers).
 */
export class HealthChecksDto {
  @ApiPropertyOptional({ description: 'this instance: down while it stops' })
  service?: ServiceHealthDto;
  @ApiPropertyOptional() postgres?: DependencyHealthDto;
  @ApiPropertyOptional() redis?: DependencyHealthDto;
  @ApiPropertyOptional() eventStore?: DependencyHealthDto;
  @ApiPropertyOptional(PROJECTIONS_HEALTH) projections?: Record<string, unknown>;
  @ApiPropertyOptional(SAGAS_HEALTH) sagas?: Record<string, unknown>;
  @ApiPropertyOptional() timers?: TimersHealthDto;
  @ApiPropertyOptional(JOBS_HEALTH) jobs?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'only on an instance that runs workers' })
  leases?: LeasesHealthDto;
  @ApiPropertyOptional({ description: 'only where CHECKPOINT_PUBLIC_KEYS_DIR is set' })
  checkpointKeys?: CheckpointKeysHealthDto;
}
