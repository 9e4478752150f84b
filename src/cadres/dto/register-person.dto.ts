import { IsCalendarDate } from '../../common/input/calendar-date';
import { IsPlausibleBirthDate } from '../../common/input/plausible-birth-date';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { HasText } from '../../common/input/has-text.decorator';
import { VisibleText } from '../../common/input/visible-text.decorator';

export class RegisterPersonDto {
  @ApiPropertyOptional({ example: 'p-nguyen-van-an' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, {
    message: 'id: lower-case letters, digits and dashes, 2-64 characters',
  })
  id?: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsString()
  @Length(2, 200)
  @HasText()
  @VisibleText()
  fullName!: string;

  @ApiProperty({ type: String, format: 'date', example: '1978-04-12' })
  @IsPlausibleBirthDate()
  @IsCalendarDate()
  dateOfBirth!: string;

  @ApiProperty({ enum: ['male', 'female'] })
  @IsIn(['male', 'female'])
  gender!: 'male' | 'female';

  @ApiProperty({ example: 'Kinh' })
  @IsString()
  @Length(1, 60)
  @HasText()
  @VisibleText()
  ethnicity!: string;

  @ApiProperty({ example: true })
  @IsBoolean()
  partyMember!: boolean;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2003-05-19' })
  @IsOptional()
  @IsCalendarDate()
  partyJoinedOn?: string;

  @ApiProperty({ example: 'Thạc sĩ Quản lý công' })
  @IsString()
  @Length(1, 120)
  @HasText()
  @VisibleText()
  educationLevel!: string;

  @ApiProperty({ example: 'Cao cấp' })
  @IsString()
  @Length(1, 60)
  @HasText()
  @VisibleText()
  politicalTheoryLevel!: string;

  @ApiProperty({ example: 'ou-ha-noi-organization-committee' })
  @IsString()
  orgUnitId!: string;
}
