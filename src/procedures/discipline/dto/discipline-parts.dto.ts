import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { IsCalendarDate } from '../../../common/input/calendar-date';
import { DISCIPLINE_FORMS, DISCIPLINE_FORMS_NOTE } from '../discipline-forms';
import { VIOLATION_SOURCES } from '../discipline.events';
import { VIOLATION_CATEGORIES } from '../violation-category-names';
import { HasText } from '../../../common/input/has-text.decorator';
import { DECISION_NUMBER_FORMS } from '../../../common/input/decision-number';
import { VisibleText } from '../../../common/input/visible-text.decorator';

/** Parts of the discipline bodies: the violation, a skip path, the written request, the council's resolution, the tally. */
export class ViolationDto {
  @ApiProperty({
    example: 'land_management',
    enum: VIOLATION_CATEGORIES,
    description:
      'violation category (for the register filters), one of a closed list; `land` is the older code for land cases, kept for the cases recorded with it',
  })
  @IsIn(VIOLATION_CATEGORIES, {
    message: `category: one of ${VIOLATION_CATEGORIES.join(', ')}`,
  })
  category!: string;

  @ApiProperty({ type: String, format: 'date', example: '2025-06-01' })
  @IsCalendarDate()
  committedOn!: string;

  @ApiProperty({ example: 'Approved land allocation against the plan.' })
  @IsString()
  @Length(1, 4000)
  @HasText()
  @VisibleText('lines')
  description!: string;

  @ApiProperty({ enum: VIOLATION_SOURCES })
  @IsIn(VIOLATION_SOURCES as unknown as string[], {
    message: `source: one of ${VIOLATION_SOURCES.join(', ')}`,
  })
  source!: string;

  @ApiPropertyOptional({
    example: 'warning',
    enum: DISCIPLINE_FORMS,
    description: `the form staff expect, the form the violation warrants on its own (kept for the record; ${DISCIPLINE_FORMS_NOTE}). The limitation period is judged on the form voted (Party) or decided (civil service), not on this; a violation committed while a discipline is served needs at least one level above the heavier of the form served and this (Nghị định 172/2025/NĐ-CP art. 2(3))`,
  })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  @HasText()
  @VisibleText()
  severity?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2026-10-20',
    description:
      'the day the violation was detected (ngày phát hiện); the civil-service time to decide runs from it. Default: the opening day',
  })
  @IsOptional()
  @IsCalendarDate()
  detectedOn?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['2024-03-01'],
    description:
      "days of the person's later violations; on the Party track one within the running limitation period restarts it",
  })
  @IsOptional()
  @IsArray({ message: 'laterViolationsOn: a list of days YYYY-MM-DD' })
  @ArrayMaxSize(20)
  @IsCalendarDate({ each: true })
  laterViolationsOn?: string[];

  @ApiPropertyOptional({
    example: 'Lần chi sai thứ hai trong ngày, ở dự án khác',
    description:
      'why this is another violation than one of the same category committed the same day (a second act). A violation is disciplined once per track: opening or deciding a case is refused (409 discipline.violation_already_handled) while another case of the track about the person has the same category and day and is open or decided (not annulled), unless either states this. A different description alone does not count',
  })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  @HasText()
  @VisibleText('lines')
  distinctViolation?: string;
}

export class CouncilSkipDto {
  @ApiProperty({
    example: 'criminal_conviction',
    description:
      'why no discipline council is held (the rule set’s discipline.councilSkipGrounds: competent_conclusion, criminal_conviction, party_decision)',
  })
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'ground: lower-case words joined by _' })
  ground!: string;
  @ApiProperty({ example: 'Bản án 12/2026/HS-ST', description: 'the paper it rests on' })
  @IsString()
  @Length(1, 200)
  @HasText()
  @VisibleText()
  reference!: string;
}

export class PersonRequestDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-11-12' })
  @IsCalendarDate()
  receivedOn!: string;
  @ApiProperty({ example: 'Đơn ngày 12/11/2026' })
  @IsString()
  @Length(1, 200)
  @HasText()
  @VisibleText()
  reference!: string;
}

export class CouncilResolutionDto {
  @ApiProperty({
    example: '07/NQ-HĐND',
    description: `the electing People's Council's resolution, ${DECISION_NUMBER_FORMS}`,
  })
  @IsString()
  @Length(1, 120)
  @HasText()
  @VisibleText()
  number!: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-11-20' })
  @IsCalendarDate()
  adoptedOn!: string;
}

export class FormBallotTallyDto {
  @ApiProperty({ example: 13 })
  @IsInt({ message: 'members: a whole number' })
  @Min(1)
  @Max(100000)
  members!: number;
  @ApiProperty({ example: 13 })
  @IsInt({ message: 'summoned: a whole number' })
  @Min(0)
  @Max(100000)
  summoned!: number;
  @ApiProperty({ example: 13 })
  @IsInt({ message: 'present: a whole number' })
  @Min(0)
  @Max(100000)
  present!: number;
  @ApiProperty({ example: 0 })
  @IsInt({ message: 'invalid: a whole number' })
  @Min(0)
  @Max(100000)
  invalid!: number;
  @ApiProperty({ example: 1 })
  @IsInt({ message: 'noDiscipline: a whole number' })
  @Min(0)
  @Max(100000)
  noDiscipline!: number;

  @ApiProperty({
    example: { removal_from_post: 4, warning: 3, reprimand: 5 },
    description: 'votes per form of the track',
  })
  @IsObject({ message: 'votesByForm: an object of form → votes' })
  votesByForm!: Record<string, number>;
}

export class ExpulsionProposalDto {
  @ApiProperty({ example: 12 })
  @IsInt({ message: 'cellMembers: a whole number' })
  @Min(1)
  @Max(100000)
  cellMembers!: number;
  @ApiProperty({ example: 9 })
  @IsInt({ message: 'for: a whole number' })
  @Min(0)
  @Max(100000)
  for!: number;
}
