import { ApiProperty } from '@nestjs/swagger';

const CHECKS = {
  type: 'object',
  additionalProperties: { type: 'object', additionalProperties: true },
  description: 'postgres, redis, eventStore, projections → { status: up|down, … }',
} as const;

/**
 * The health answer (@nestjs/terminus) when every check is up; a check down is a 503 problem
 * (`service.unavailable`) naming the checks `down`, with these `details`.
 */
export class HealthDto {
  @ApiProperty({ enum: ['ok'] }) status!: string;
  @ApiProperty(CHECKS) info!: Record<string, unknown>;
  @ApiProperty(CHECKS) error!: Record<string, unknown>;
  @ApiProperty(CHECKS) details!: Record<string, unknown>;
}
