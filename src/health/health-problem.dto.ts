import { ApiProperty } from '@nestjs/swagger';
import { ProblemDetailsDto } from '../common/openapi/problem-details.dto';
import { HealthChecksDto } from './health-checks.dto';

/** `/health` with a check down: the problem `service.unavailable`, with the checks' results. */
export class HealthProblemDto extends ProblemDetailsDto {
  @ApiProperty({
    type: [String],
    example: ['projections'],
    description:
      'the checks down; `detail` says why, each stall with how far behind and since when',
  })
  down!: string[];

  @ApiProperty({ description: 'the checks up' }) info!: HealthChecksDto;
  @ApiProperty({ description: 'every check' }) details!: HealthChecksDto;
}
