import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../common/input/calendar-date';
import { HasText } from '../../common/input/has-text.decorator';
import { IsPlanningTerm } from './is-planning-term.decorator';
import { VisibleText } from '../../common/input/visible-text.decorator';

const DATE = { type: String, format: 'date' } as const;

/** The most people one review adds, and the most it takes off. */
export const PLANNING_REVIEW_MAX_CHANGES = 500;

export class PlanningReviewAdditionDto {
  @ApiProperty({ example: 'p-tran-thi-binh' })
  @IsString()
  @Length(1, 64)
  @HasText()
  personId!: string;

  @ApiProperty({ example: 'pos-son-tay-head-organization' })
  @IsString()
  @Length(1, 64)
  @HasText()
  positionId!: string;
}

export class PlanningReviewRemovalDto extends PlanningReviewAdditionDto {
  @ApiProperty({ example: 'over the planning age' })
  @IsString()
  @Length(1, 500)
  @HasText()
  @VisibleText('lines')
  reason!: string;
}

export class RecordPlanningReviewDto {
  @ApiProperty({
    example: 'rv-son-tay-2026',
    description: 'your id for the review (a retry sends it again)',
  })
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, {
    message: 'id: lower-case letters, digits and dashes, 2-64 characters',
  })
  id!: string;

  @ApiProperty({ example: 'ou-phuong-son-tay', description: 'the unit whose pools were reviewed' })
  @IsString()
  orgUnitId!: string;

  @ApiProperty({
    example: '2025-2030',
    description:
      'planning term (nhiệm kỳ quy hoạch): the current term of office or the next (planning.plannableTerms); another is refused 422 planning_pool.term_not_plannable',
  })
  @IsPlanningTerm()
  term!: string;

  @ApiProperty({ ...DATE, example: '2026-11-30' })
  @IsCalendarDate()
  reviewedOn!: string;

  @ApiProperty({ example: '95-QĐ/TU' })
  @IsString()
  @Length(1, 120)
  @HasText()
  @VisibleText()
  decisionRef!: string;

  @ApiProperty({ type: [PlanningReviewAdditionDto], description: 'people added (bổ sung)' })
  @IsArray()
  @ArrayMaxSize(PLANNING_REVIEW_MAX_CHANGES)
  @ValidateNested({ each: true })
  @Type(() => PlanningReviewAdditionDto)
  added!: PlanningReviewAdditionDto[];

  @ApiProperty({
    type: [PlanningReviewRemovalDto],
    description: 'people taken off, with the reason',
  })
  @IsArray()
  @ArrayMaxSize(PLANNING_REVIEW_MAX_CHANGES)
  @ValidateNested({ each: true })
  @Type(() => PlanningReviewRemovalDto)
  removed!: PlanningReviewRemovalDto[];
}

const NAMES = { type: 'object', additionalProperties: { type: 'string' } } as const;

export class PlanningReviewNamesDto {
  @ApiProperty({
    ...NAMES,
    description: 'full name by person id',
    example: { 'p-an': 'Nguyễn Văn An' },
  })
  people!: Record<string, string>;

  @ApiProperty({ ...NAMES, description: 'title by post id' })
  positions!: Record<string, string>;
}

export class PlanningReviewDto {
  @ApiProperty() reviewId!: string;
  @ApiProperty() orgUnitId!: string;
  @ApiProperty() orgUnitName!: string;
  @ApiProperty() term!: string;
  @ApiProperty(DATE) reviewedOn!: string;
  @ApiProperty() decisionRef!: string;
  @ApiProperty({ type: [PlanningReviewAdditionDto] }) added!: PlanningReviewAdditionDto[];
  @ApiProperty({ type: [PlanningReviewRemovalDto] }) removed!: PlanningReviewRemovalDto[];
  @ApiProperty({
    description: 'the names of the people and posts the review lists, as recorded now',
  })
  names!: PlanningReviewNamesDto;
}
