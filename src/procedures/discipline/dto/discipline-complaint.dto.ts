import { VisibleText } from '../../../common/input/visible-text.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsCalendarDate } from '../../../common/input/calendar-date';
import { DECISION_NUMBER_FORMS } from '../../../common/input/decision-number';
import { HasText } from '../../../common/input/has-text.decorator';
import { DISCIPLINE_FORMS } from '../discipline-forms';

/** The bodies of a complaint against a discipline decision and of its review. */
export class ComplaintDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-11-25' })
  @IsCalendarDate()
  filedOn!: string;
  @ApiProperty({ example: 'The form is too heavy for the violation.' })
  @IsString()
  @Length(1, 4000)
  @HasText()
  @VisibleText('lines')
  grounds!: string;
  @ApiPropertyOptional({
    example: 'Nguyễn Văn An',
    description:
      'who complains, when it is not the disciplined person (someone the deciding body names as complainant); absent: the disciplined person. The case keeps the complainant apart from the user who recorded the complaint',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @HasText()
  @VisibleText()
  complainantName?: string;
  @ApiPropertyOptional({
    type: Boolean,
    example: false,
    description:
      'the deciding body judges the case complex (vụ việc phức tạp): the complaint is due to be resolved within the longer period of discipline.complaintResolution (on the civil-service track 45 days from its acceptance for a first complaint, 60 for a second one, against 30 and 45; Luật Khiếu nại 2011 art. 50). Civil-service track only: on the Party track, whose rules set no period, true is 422 discipline.no_complex_period_on_party_track. Default false. A complaint filed after a review of the first is the second (lần hai) by itself',
  })
  @IsOptional()
  @IsBoolean()
  complex?: boolean;
}

export class ComplaintReviewDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-12-10' })
  @IsCalendarDate()
  heldOn!: string;
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2026-12-12',
    description:
      'the day the decision on the complaint was announced to the person (default: its decision date; not before it, not after today). On the Party track a changed form is in effect for its months from this day (Quy định 69-QĐ/TW art. 2(5): "kể từ ngày công bố … quyết định giải quyết khiếu nại kỷ luật")',
  })
  @IsOptional()
  @IsCalendarDate()
  servedOn?: string;
  @ApiProperty({ example: '9-QĐ/TU', description: `decision number, ${DECISION_NUMBER_FORMS}` })
  @IsString()
  @Length(1, 120)
  @HasText()
  @VisibleText()
  number!: string;
  @ApiProperty({ enum: ['keep', 'change', 'annul'] })
  @IsIn(['keep', 'change', 'annul'], { message: 'outcome: keep, change or annul' })
  outcome!: 'keep' | 'change' | 'annul';
  @ApiPropertyOptional({
    example: 'reprimand',
    enum: DISCIPLINE_FORMS,
    description: 'the new form when the outcome is change',
  })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  @HasText()
  form?: string;
  @ApiProperty({ example: 'The review found mitigating circumstances.' })
  @IsString()
  @Length(1, 4000)
  @HasText()
  @VisibleText('lines')
  reason!: string;
}
