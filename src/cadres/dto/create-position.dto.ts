import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export class CreatePositionDto {
  @ApiPropertyOptional({ example: 'pos-son-tay-deputy-head-organization' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, {
    message: 'id: lower-case letters, digits and dashes, 2-64 characters',
  })
  id?: string;

  @ApiProperty({ example: 'Phó Trưởng ban Tổ chức Thị ủy' })
  @IsString()
  @Length(2, 200)
  title!: string;

  @ApiProperty({ example: 'ou-son-tay-organization-committee' })
  @IsString()
  orgUnitId!: string;

  @ApiProperty({
    example: 'ou-son-tay-party-committee',
    description: 'org unit whose leadership appoints to this post',
  })
  @IsString()
  appointingAuthority!: string;

  @ApiPropertyOptional({
    example: 3,
    description: 'higher is more senior; used for "equivalent or higher post"',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  rank?: number;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  isLeadership?: boolean;
}
