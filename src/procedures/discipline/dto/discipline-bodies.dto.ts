import { IsCalendarDate } from '../../../common/input/calendar-date';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { DISCIPLINE_FORMS, DISCIPLINE_FORMS_NOTE } from '../discipline-forms';
import {
  CouncilResolutionDto,
  CouncilSkipDto,
  ExpulsionProposalDto,
  FormBallotTallyDto,
  PersonRequestDto,
  ViolationDto,
} from './discipline-parts.dto';
import { DECISION_NUMBER_FORMS } from '../../../common/input/decision-number';
import { HasText } from '../../../common/input/has-text.decorator';
import { VisibleText } from '../../../common/input/visible-text.decorator';

const ID = /^[a-z0-9][a-z0-9-]{1,63}$/;

export class OpenDisciplineCaseDto {
  @ApiPropertyOptional({ example: 'd-2026-0007', description: 'case id; generated when omitted' })
  @IsOptional()
  @Matches(ID, { message: 'id: lower-case letters, digits and dashes, 2-64 characters' })
  id?: string;

  @ApiProperty({
    example: 'discipline.party',
    description: 'discipline.party or discipline.civil-service (newest version) or id@version',
  })
  @IsString()
  @Length(3, 100)
  definition!: string;

  @ApiProperty({ example: 'p-tran-thi-binh' })
  @IsString()
  @Length(1, 100)
  @HasText()
  personId!: string;

  @ApiPropertyOptional({
    example: 'pos-ha-noi-deputy-director-home-affairs',
    description: 'the post a removal would end',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @HasText()
  positionId?: string;

  @ApiProperty({ example: 'ou-ha-noi-home-affairs' })
  @IsString()
  @Length(1, 100)
  @HasText()
  orgUnitId!: string;

  @ApiPropertyOptional({
    example: false,
    description:
      'elected cadre (recall, bãi nhiệm, applies only to them); default: from the record, true when the person holds a post filled by election',
  })
  @IsOptional()
  @IsBoolean({ message: 'electedCadre: true or false' })
  electedCadre?: boolean;

  @ApiPropertyOptional({
    enum: ['cadre', 'civil_servant'],
    description:
      'cadre (cán bộ: no discipline council; no dismissal) or civil servant (công chức); default: cadre when an elected cadre (as given or read from the record), else civil servant',
  })
  @IsOptional()
  @IsIn(['cadre', 'civil_servant'], { message: 'serviceStatus: cadre or civil_servant' })
  serviceStatus?: 'cadre' | 'civil_servant';

  @ApiProperty({ example: 'Land allocation in ward X.' })
  @IsString()
  @Length(1, 4000)
  @HasText()
  @VisibleText('lines')
  summary!: string;

  @ApiProperty({ type: ViolationDto })
  @IsObject({
    message: 'violation: an object with category, committedOn, description, source, severity',
  })
  @ValidateNested()
  @Type(() => ViolationDto)
  violation!: ViolationDto;
}

class DisciplineStepRecordDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-11-10' })
  @IsCalendarDate()
  heldOn!: string;

  @ApiPropertyOptional({ example: 'BB-3/2026' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  @HasText()
  @VisibleText()
  minutesRef?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  @VisibleText('lines')
  note?: string;
}

export class DisciplineMeetingDto extends DisciplineStepRecordDto {
  @ApiProperty({ example: 'The violation is confirmed by the inspection report.' })
  @IsString()
  @Length(1, 4000)
  @HasText()
  @VisibleText('lines')
  conclusion!: string;

  @ApiPropertyOptional({
    description: 'verification step only: whether the violation is confirmed',
  })
  @IsOptional()
  @IsBoolean({ message: 'violationConfirmed: true or false' })
  violationConfirmed?: boolean;

  @ApiPropertyOptional({
    type: [String],
    description: 'later violations the meeting found (they restart the limitation period)',
  })
  @IsOptional()
  @IsArray({ message: 'laterViolationsOn: a list of days YYYY-MM-DD' })
  @ArrayMaxSize(20)
  @IsCalendarDate({ each: true })
  laterViolationsOn?: string[];

  @ApiPropertyOptional({
    type: CouncilSkipDto,
    description:
      'civil service, the step before the council: hold no discipline council on this ground',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CouncilSkipDto)
  councilSkip?: CouncilSkipDto;
}

export class DisciplineBallotDto extends DisciplineStepRecordDto {
  @ApiProperty({ type: FormBallotTallyDto })
  @IsObject({ message: 'tally: an object with the counts' })
  @ValidateNested()
  @Type(() => FormBallotTallyDto)
  tally!: FormBallotTallyDto;

  @ApiPropertyOptional({
    type: ExpulsionProposalDto,
    description: "the cell's vote proposing expulsion (needed when the ballot chooses expulsion)",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExpulsionProposalDto)
  expulsionProposal?: ExpulsionProposalDto;
}

export class DisciplineDecisionDto extends DisciplineStepRecordDto {
  @ApiProperty({
    example: '45-QĐ/UBKTTU',
    description: `decision number, ${DECISION_NUMBER_FORMS}; a civil-service discipline is a State decision (12/QĐ-UBND)`,
  })
  @IsString()
  @Length(1, 120)
  @HasText()
  @VisibleText()
  number!: string;
  @ApiProperty({ example: 'Chủ nhiệm Ủy ban Kiểm tra' })
  @IsString()
  @Length(1, 200)
  @HasText()
  @VisibleText()
  signer!: string;
  @ApiProperty({
    example: 'warning',
    enum: DISCIPLINE_FORMS,
    description: `the form the ballot chose (${DISCIPLINE_FORMS_NOTE})`,
  })
  @IsString()
  @Length(1, 40)
  @HasText()
  form!: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-11-15' })
  @IsCalendarDate()
  effectiveFrom!: string;
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2026-11-16',
    description:
      'the day the person received the decision or it was announced to them (default: the decision date; not before it, not after today); the complaint window runs from it: on the Party track one month, applied as 30 working days (Điều lệ Đảng art. 39(7), counted as the Party regulation in force says: Quy định 22-QĐ/TW, then 296-QĐ/TW), on the civil-service track 15 days (Luật Khiếu nại 2011 art. 48); a window in days that ends on a day off ends on the next working day',
  })
  @IsOptional()
  @IsCalendarDate()
  servedOn?: string;

  @ApiPropertyOptional({
    example: 'The council did not weigh the repeated violation.',
    description:
      'civil service: required when the form differs from the council’s recommendation (the council recommends, the authority decides)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  @HasText()
  @VisibleText('lines')
  reasonForDifferentForm?: string;

  @ApiPropertyOptional({
    type: PersonRequestDto,
    description:
      'the person’s written request to be disciplined; ends the deferrals the rule set names (pregnancy, maternity leave, a child under 12 months)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => PersonRequestDto)
  personRequest?: PersonRequestDto;
  @ApiPropertyOptional({
    example: false,
    description:
      'the form came with relief from post (miễn nhiệm, cho thôi giữ chức vụ): under Quy định 377-QĐ/TW the 36 months of a warning are for a warning without relief',
  })
  @IsOptional()
  @IsBoolean({ message: 'relievedFromPost: true or false' })
  relievedFromPost?: boolean;
  @ApiPropertyOptional({
    example: 'd-party-7',
    description:
      "the other track's decided discipline case on the same violation (Party and civil service): the person carries the longer bar and both decisions are linked",
  })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  @HasText()
  sameViolationCaseId?: string;
  @ApiPropertyOptional({
    type: CouncilResolutionDto,
    description:
      "recall (bãi nhiệm; the rule set's discipline.formsByElectingCouncil): required, the resolution of the council that elected the person, which decides it (Luật Tổ chức chính quyền địa phương 2025 art. 37); this decision records and carries it out. Refused for other forms",
  })
  @IsOptional()
  @IsObject({ message: 'councilResolution: an object with number and adoptedOn' })
  @ValidateNested()
  @Type(() => CouncilResolutionDto)
  councilResolution?: CouncilResolutionDto;
}
