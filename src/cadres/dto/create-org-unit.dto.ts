import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { HasText } from '../../common/input/has-text.decorator';
import { VisibleText } from '../../common/input/visible-text.decorator';

export const ORG_UNIT_KINDS = [
  'province',
  'district',
  'town',
  'commune',
  'ward',
  'party_committee',
  'peoples_committee',
  'department',
  'agency',
] as const;

export class CreateOrgUnitDto {
  @ApiPropertyOptional({
    example: 'ou-phuong-son-tay',
    description: 'stable id; generated when omitted',
  })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, {
    message: 'id: lower-case letters, digits and dashes, 2-64 characters',
  })
  id?: string;

  @ApiProperty({ example: 'Phường Sơn Tây' })
  @IsString()
  @Length(2, 200)
  @HasText()
  @VisibleText()
  name!: string;

  @ApiProperty({ enum: ORG_UNIT_KINDS, example: 'party_committee' })
  @IsIn(ORG_UNIT_KINDS)
  kind!: (typeof ORG_UNIT_KINDS)[number];

  @ApiPropertyOptional({ example: 'ou-ha-noi' })
  @IsOptional()
  @IsString()
  parentId?: string;
}
