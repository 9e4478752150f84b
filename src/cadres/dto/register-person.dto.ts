import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';

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
  fullName!: string;

  @ApiProperty({ type: String, format: 'date', example: '1978-04-12' })
  @IsISO8601({ strict: true }, { message: 'dateOfBirth: a date YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth: a date YYYY-MM-DD' })
  dateOfBirth!: string;

  @ApiProperty({ enum: ['male', 'female'] })
  @IsIn(['male', 'female'])
  gender!: 'male' | 'female';

  @ApiProperty({ example: 'Kinh' })
  @IsString()
  @Length(1, 60)
  ethnicity!: string;

  @ApiProperty({ example: true })
  @IsBoolean()
  partyMember!: boolean;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2003-05-19' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'partyJoinedOn: a date YYYY-MM-DD' })
  partyJoinedOn?: string;

  @ApiProperty({ example: 'Thạc sĩ Quản lý công' })
  @IsString()
  @Length(1, 120)
  educationLevel!: string;

  @ApiProperty({ example: 'Cao cấp' })
  @IsString()
  @Length(1, 60)
  politicalTheoryLevel!: string;

  @ApiProperty({ example: 'ou-son-tay-organization-committee' })
  @IsString()
  orgUnitId!: string;
}
