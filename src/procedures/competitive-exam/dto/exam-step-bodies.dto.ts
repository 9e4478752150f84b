import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { StepRecordDto } from '../../case/dto/step-bodies.dto';
import { HasText } from '../../../common/input/has-text.decorator';

export class ExamCandidateDto {
  @ApiProperty({ example: 'p-nguyen-van-an', description: 'a person who registered to sit' })
  @IsString()
  @Length(1, 100)
  @HasText()
  personId!: string;
}

/** Registration for a competitive examination (đăng ký dự thi). */
export class RegistrationStepDto extends StepRecordDto {
  @ApiProperty({
    type: [ExamCandidateDto],
    description:
      "the candidates; each record is checked against the post's standards the step lists (422 exam.candidate_ineligible naming the standard and its rule); one who holds the post is 422 exam.candidate_holds_post; one who has reached the retirement age is 422 age.retirement_reached, as an appointment nominee; at least exam.minCandidates",
  })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Type(() => ExamCandidateDto)
  candidates!: ExamCandidateDto[];
}

/** The examination board as it sat (hội đồng thi tuyển). */
export class ExamBoardDto {
  @ApiProperty({ example: 7, description: 'members of the board' })
  @IsInt()
  @Min(1)
  @Max(50)
  members!: number;

  @ApiProperty({ example: 7, description: 'members present, each scoring every candidate' })
  @IsInt()
  @Min(0)
  @Max(50)
  present!: number;
}

export class CandidateScoresDto {
  @ApiProperty({ example: 'p-nguyen-van-an', description: 'a candidate still standing' })
  @IsString()
  @Length(1, 100)
  @HasText()
  personId!: string;

  @ApiProperty({
    type: [Number],
    example: [72, 80, 75, 68, 77, 81, 70],
    description: 'one score per member present, on the scale exam.scoreScale',
  })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  memberScores!: number[];
}

/** One part of the examination: the written project, or the presentation and interview. */
export class ScoresStepDto extends StepRecordDto {
  @ApiProperty({ type: ExamBoardDto })
  @ValidateNested()
  @Type(() => ExamBoardDto)
  board!: ExamBoardDto;

  @ApiProperty({ type: [CandidateScoresDto], description: 'every candidate still standing' })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Type(() => CandidateScoresDto)
  scores!: CandidateScoresDto[];

  @ApiPropertyOptional({
    example: 'p-nguyen-van-an',
    description:
      'the last part, when candidates stay level after the rule set’s tie rules (exam.levelTotalsBrokenBy): the one the appointing authority chose',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @HasText()
  winnerChoice?: string;
}
