import { IsCalendarDate } from '../../common/input/calendar-date';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import {
  FATHER_CARE_GROUNDS,
  FatherCareGround,
  PERSON_STATUS_KINDS,
  PersonStatusKind,
} from '../person/person.events';
import { DECISION_NUMBER_FORMS } from '../../common/input/decision-number';
import { HasText } from '../../common/input/has-text.decorator';
import { IsPlanningTerm } from './is-planning-term.decorator';
import { VisibleText } from '../../common/input/visible-text.decorator';

export class AssignPostDto {
  @ApiProperty({ example: 'pos-ha-noi-deputy-head-organization' })
  @IsString()
  positionId!: string;

  @ApiProperty({ type: String, format: 'date', example: '2023-03-01' })
  @IsCalendarDate()
  from!: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2028-03-01', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  termEnd?: string | null;

  @ApiProperty({
    example: '125-QĐ/TU',
    description: `the appointing decision (for an elected post, the council's resolution electing the person), ${DECISION_NUMBER_FORMS}`,
  })
  @IsString()
  @Length(1, 120)
  @HasText()
  @VisibleText()
  decisionRef!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2021-06-25',
    description:
      'required for a post filled by election, and only for one: the day its council elected the person, an election held outside the system (one run here reaches the record through its election case); not after from',
  })
  @IsOptional()
  @IsCalendarDate()
  electedOn?: string;
}

export class AddPlanningPoolEntryDto {
  @ApiProperty({ example: 'pos-ha-noi-head-organization' })
  @IsString()
  positionId!: string;

  @ApiProperty({
    example: '2025-2030',
    description:
      'planning term (nhiệm kỳ quy hoạch): the current term of office or the next (planning.plannableTerms); another is refused 422 planning_pool.term_not_plannable',
  })
  @IsPlanningTerm()
  term!: string;

  @ApiProperty({
    example: '88-QĐ/TU',
    description: `the planning decision, ${DECISION_NUMBER_FORMS}`,
  })
  @IsString()
  @Length(1, 120)
  @HasText()
  @VisibleText()
  decisionRef!: string;
}

export class RemovePlanningPoolEntryDto {
  @ApiProperty({ example: '91-QĐ/TU', description: `the decision, ${DECISION_NUMBER_FORMS}` })
  @IsString()
  @Length(1, 120)
  @HasText()
  @VisibleText()
  decisionRef!: string;

  @ApiProperty({ example: 'no longer meets the standards' })
  @IsString()
  @Length(1, 500)
  @HasText()
  @VisibleText('lines')
  reason!: string;
}

export class RecordPersonStatusDto {
  @ApiProperty({
    enum: PERSON_STATUS_KINDS,
    description:
      'pregnant and maternity_leave are recorded on a woman’s record only (400 status.women_only on a man’s): a man’s leave when his wife gives birth is on_leave',
  })
  @IsIn(PERSON_STATUS_KINDS)
  status!: PersonStatusKind;

  @ApiProperty({ type: String, format: 'date', example: '2026-01-10' })
  @IsCalendarDate()
  from!: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-07-10', nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsCalendarDate()
  until?: string | null;

  @ApiProperty({
    example: 'Quyết định cử đi học số 12/QĐ-UBND, 6 tháng',
    description:
      'the grounds of the period (the decision, certificate or document it rests on), not blank: the period holds procedures back',
  })
  @IsString()
  @Length(1, 500)
  @HasText()
  @VisibleText('lines')
  note!: string;

  @ApiPropertyOptional({
    enum: FATHER_CARE_GROUNDS,
    description:
      'child_under_12_months of a man only: why he raises the child himself (wife_died; wife_unable_to_care: she cannot by force majeure or an objective obstacle). Nghị định 172/2025 defers a man’s discipline only on such a ground (discipline.childDeferralForFathers); without it his period defers nothing',
  })
  @IsOptional()
  @IsIn(FATHER_CARE_GROUNDS, {
    message: `fatherCareGround: one of ${FATHER_CARE_GROUNDS.join(', ')}`,
  })
  fatherCareGround?: FatherCareGround;
}

/** The day a status period recorded open-ended (or with another end) ended. */
export class EndPersonStatusDto {
  @ApiProperty({ enum: PERSON_STATUS_KINDS })
  @IsIn(PERSON_STATUS_KINDS)
  status!: PersonStatusKind;

  @ApiProperty({
    type: String,
    format: 'date',
    example: '2026-01-10',
    description: 'the start of the period on record that ended',
  })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({
    type: String,
    format: 'date',
    example: '2026-11-30',
    description: 'the last day the status held: not before from, not after today',
  })
  @IsCalendarDate()
  until!: string;

  @ApiProperty({ example: 'Kết luận điều tra số 12/KL ngày 30/11/2026' })
  @IsString()
  @Length(0, 500)
  @VisibleText('lines')
  note!: string;
}
