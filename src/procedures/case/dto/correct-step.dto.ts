import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { HasText } from '../../../common/input/has-text.decorator';
import { VisibleText } from '../../../common/input/visible-text.decorator';

/** Why a recorded step is corrected; the rest of the body is the corrected step body. */
export class CorrectionReasonDto {
  @ApiProperty({
    example: 'Typed 6 instead of 10 votes for; minutes BB-05 record 10 of 13.',
    description: 'why the step is corrected (kept in the history with the corrector)',
  })
  @IsString()
  @Length(1, 4000)
  @HasText()
  @VisibleText('lines')
  reason!: string;
}
