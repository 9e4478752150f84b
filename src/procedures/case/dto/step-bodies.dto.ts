import { IsCalendarDate } from '../../../common/input/calendar-date';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { VETTING_ITEMS, VettingItem } from '../../../workflow/definitions/procedure-definition';
import { ITEMS_FROM_RECORD } from '../decider/vetting-from-record';

/** The vetting items staff enter; the others the engine computes from the person's record. */
const ITEMS_ENTERED = VETTING_ITEMS.filter((item) => !ITEMS_FROM_RECORD.includes(item));
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DECISION_NUMBER_FORMS } from '../../../common/input/decision-number';
import { HasText } from '../../../common/input/has-text.decorator';
import { VisibleText } from '../../../common/input/visible-text.decorator';
import { StepRecordDto } from './step-record.dto';

export { StepRecordDto };

export class ProposalStepDto extends StepRecordDto {
  @ApiProperty({ example: 'Proposal to fill the vacant post of deputy head.' })
  @IsString()
  @Length(1, 4000)
  @HasText()
  @VisibleText('lines')
  summary!: string;
}

export class MeetingStepDto extends StepRecordDto {
  @ApiProperty({ example: 'Leadership agreed the post, standards and the planning pool check.' })
  @IsString()
  @Length(1, 4000)
  @HasText()
  @VisibleText('lines')
  conclusion!: string;

  @ApiPropertyOptional({
    example: 'Agrees with the rotation.',
    description: "the person's own opinion, where the step meets the person",
  })
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  @VisibleText('lines')
  personOpinion?: string;
}

/** A ballot tally (bỏ phiếu kín): only counts, never who voted how. */
export class TallyDto {
  @ApiProperty({ example: 13, description: 'total members of the collective' })
  @IsInt()
  @Min(1)
  @Max(100000)
  members!: number;

  @ApiProperty({ example: 13, description: 'members summoned (triệu tập)' })
  @IsInt()
  @Min(1)
  @Max(100000)
  summoned!: number;

  @ApiProperty({ example: 12 })
  @IsInt()
  @Min(0)
  @Max(100000)
  present!: number;

  @ApiProperty({ example: 9, name: 'for' })
  @IsInt()
  @Min(0)
  @Max(100000)
  for!: number;

  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(0)
  @Max(100000)
  against!: number;

  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(0)
  @Max(100000)
  abstain!: number;

  @ApiProperty({ example: 0 })
  @IsInt()
  @Min(0)
  @Max(100000)
  invalid!: number;
}

/** One nominee's tally at a ballot of a case that fills a post. */
export class NomineeTallyDto {
  @ApiProperty({ example: 'p-nguyen-van-an', description: 'a nominee standing at this ballot' })
  @IsString()
  @Length(1, 100)
  @HasText()
  personId!: string;

  @ApiProperty({ type: TallyDto })
  @ValidateNested()
  @Type(() => TallyDto)
  tally!: TallyDto;

  @ApiPropertyOptional({ enum: ['for', 'against'], description: "the head's decision on a tie" })
  @IsOptional()
  @IsIn(['for', 'against'])
  headDecision?: 'for' | 'against';
}

export class BallotStepDto extends StepRecordDto {
  @ApiPropertyOptional({
    type: TallyDto,
    description: 'the tally of a case about one person (or of the sole nominee of a post case)',
  })
  @ValidateIf((dto: BallotStepDto) => dto.tallies === undefined)
  @ValidateNested()
  @Type(() => TallyDto)
  tally?: TallyDto;

  @ApiPropertyOptional({
    type: [NomineeTallyDto],
    description:
      'a case that fills a post (appointment.internal@3): one tally per nominee still standing',
  })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @Type(() => NomineeTallyDto)
  tallies?: NomineeTallyDto[];

  @ApiPropertyOptional({
    example: 'p-nguyen-van-an',
    description:
      'the final ballot of a post case with two nominees passing level: the nominee the head of the collective chose (appointment.levelNomineesChosenBy)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @HasText()
  headChoice?: string;

  @ApiPropertyOptional({
    enum: ['for', 'against'],
    description: 'the head of the collective decides a tie where the rule allows',
  })
  @IsOptional()
  @IsIn(['for', 'against'])
  headDecision?: 'for' | 'against';
}

export class CandidateVotesDto {
  @ApiProperty({ example: 'p-nguyen-van-an' })
  @IsString()
  @Length(1, 100)
  @HasText()
  personId!: string;

  @ApiProperty({ example: 8 })
  @IsInt()
  @Min(0)
  @Max(100000)
  votes!: number;
}

export class NominationStepDto extends StepRecordDto {
  @ApiProperty({ example: 25 })
  @IsInt()
  @Min(1)
  @Max(100000)
  members!: number;

  @ApiProperty({ example: 25 })
  @IsInt()
  @Min(1)
  @Max(100000)
  summoned!: number;

  @ApiProperty({ example: 23 })
  @IsInt()
  @Min(0)
  @Max(100000)
  present!: number;

  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(0)
  @Max(100000)
  invalid!: number;

  @ApiProperty({ type: [CandidateVotesDto] })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Type(() => CandidateVotesDto)
  candidates!: CandidateVotesDto[];
}

export class VettingItemDto {
  @ApiProperty({
    enum: ITEMS_ENTERED,
    description: `an item the vetting officer enters. ${ITEMS_FROM_RECORD.join(', ')} come from the person's record (planning pool, years in post, years to retirement, discipline bar, a re-appointment's term ratings) and are refused here (vetting.item_from_record)`,
  })
  @IsIn(VETTING_ITEMS)
  item!: VettingItem;

  @ApiProperty({ enum: ['cleared', 'flagged'] })
  @IsIn(['cleared', 'flagged'])
  result!: 'cleared' | 'flagged';

  @ApiPropertyOptional({ example: 'Asset declaration 2025 verified.' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  @VisibleText('lines')
  note?: string;
}

export class VettingStepDto extends StepRecordDto {
  @ApiProperty({
    type: [VettingItemDto],
    description: `the items entered by staff (${ITEMS_ENTERED.join(', ')}); ${ITEMS_FROM_RECORD.join(', ')} are computed from the person's record`,
  })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Type(() => VettingItemDto)
  items!: VettingItemDto[];
}

export class DecisionStepDto extends StepRecordDto {
  @ApiProperty({ example: '215-QĐ/TU', description: `decision number, ${DECISION_NUMBER_FORMS}` })
  @IsString()
  @Length(1, 120)
  @HasText()
  @VisibleText()
  number!: string;

  @ApiProperty({ example: 'Bí thư Thành ủy Nguyễn Văn Tâm' })
  @IsString()
  @Length(1, 200)
  @HasText()
  @VisibleText()
  signer!: string;

  @ApiProperty({ type: String, format: 'date', example: '2026-04-01' })
  @IsCalendarDate()
  effectiveFrom!: string;

  @ApiPropertyOptional({
    example: 5,
    description:
      "appointment and re-appointment: the rule set's term (appointment.termYears) when omitted; any other figure is refused (422 decision.term_set_by_rule_set). Rotation: the planned period, from rotation.minYears to rotation.maxPlannedYears (rotation.minYears when omitted). Transfer: a period only if the decision states one, at most rotation.maxPlannedYears (none when omitted: no instrument sets a least period for điều động). A move's period is not the post's term: a leadership post taken up through it is held for appointment.termYears (the decision's postTerm), with its re-appointment notice",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  termYears?: number;

  @ApiPropertyOptional({
    example: false,
    description:
      'appointment, transfer, rotation: the person keeps the posts they hold concurrently (kiêm nhiệm); without it the new post ends them on the record',
  })
  @IsOptional()
  @IsBoolean()
  keepsPreviousPost?: boolean;
}
