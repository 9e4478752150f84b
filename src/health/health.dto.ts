import { ApiProperty } from '@nestjs/swagger';
import { HealthChecksDto } from './health-checks.dto';

/**
 * The health answer (@nestjs/terminus) when every check is up; a check down — a dependency, a
 * stalled projection or saga, an overdue timer — is a 503 problem (HealthProblemDto).
 */
export class HealthDto {
  @ApiProperty({ enum: ['ok'] }) status!: string;
  @ApiProperty({ description: 'the checks up (all of them, here)' }) info!: HealthChecksDto;
  @ApiProperty({ description: 'the checks down (none, here)' }) error!: HealthChecksDto;
  @ApiProperty({ description: 'every check' }) details!: HealthChecksDto;
}
