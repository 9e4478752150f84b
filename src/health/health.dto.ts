import { ApiProperty } from '@nestjs/swagger';

const CHECKS = {
  type: 'object',
  additionalProperties: { type: 'object', additionalProperties: true },
  description: 'postgres, redis, eventStore, projections → { status: up|down, … }',
} as const;

/** The health answer (@nestjs/terminus): 200 when every check is up, 503 otherwise. */
export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status!: string;
  @ApiProperty(CHECKS) info!: Record<string, unknown>;
  @ApiProperty(CHECKS) error!: Record<string, unknown>;
  @ApiProperty(CHECKS) details!: Record<string, unknown>;
}
