import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsCalendarDate } from '../../../common/input/calendar-date';
import { HasText } from '../../../common/input/has-text.decorator';
import { VisibleText } from '../../../common/input/visible-text.decorator';

/** Fields every step record carries: when it happened and the document that records it. */
export class StepRecordDto {
  @ApiProperty({
    type: String,
    format: 'date',
    example: '2026-03-02',
    description: 'date of the meeting, ballot or document',
  })
  @IsCalendarDate()
  heldOn!: string;

  @ApiPropertyOptional({
    example: 'BB-12/2026',
    description: 'minutes or document reference (biên bản)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  @HasText()
  @VisibleText()
  minutesRef?: string;

  @ApiPropertyOptional({ example: 'The committee agreed on the post, standards and conditions.' })
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  @VisibleText('lines')
  note?: string;
}
