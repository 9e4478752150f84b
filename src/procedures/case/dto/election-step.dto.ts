import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../../common/input/calendar-date';
import { StepRecordDto } from './step-bodies.dto';

/** A council's vote on the person introduced: counts only, never who voted how. */
export class CouncilVoteDto {
  @ApiProperty({
    example: 30,
    description: 'delegates the council has in total (tổng số đại biểu)',
  })
  @IsInt()
  @Min(1)
  @Max(100000)
  delegates!: number;

  @ApiProperty({ example: 28, description: 'delegates present at the session' })
  @IsInt()
  @Min(0)
  @Max(100000)
  present!: number;

  @ApiProperty({ example: 24, name: 'for' })
  @IsInt()
  @Min(0)
  @Max(100000)
  for!: number;

  @ApiProperty({ example: 3 })
  @IsInt()
  @Min(0)
  @Max(100000)
  against!: number;

  @ApiProperty({ example: 1, description: 'ballots counted neither for nor against' })
  @IsInt()
  @Min(0)
  @Max(100000)
  invalid!: number;
}

/** The council's election step (bầu cử tại kỳ họp Hội đồng nhân dân). */
export class ElectionStepDto extends StepRecordDto {
  @ApiProperty({ type: CouncilVoteDto })
  @ValidateNested()
  @Type(() => CouncilVoteDto)
  vote!: CouncilVoteDto;

  @ApiProperty({
    type: String,
    format: 'date',
    example: '2026-06-20',
    description:
      "the first session of the council's term (kỳ họp thứ nhất của khóa): the elected post's term ends with the council's (election.councilTermYears)",
  })
  @IsCalendarDate()
  councilTermFrom!: string;
}
