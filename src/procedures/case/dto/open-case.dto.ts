import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class OpenCaseDto {
  @ApiPropertyOptional({ example: 'c-2026-0042', description: 'case id; generated when omitted' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, {
    message: 'id: lower-case letters, digits and dashes, 2-64 characters',
  })
  id?: string;

  @ApiProperty({
    example: 'appointment',
    enum: ['appointment', 'reappointment', 'rotation', 'transfer'],
    description:
      'a transfer (điều động) runs as a rotation case with definition transfer.standard; discipline cases open at POST /discipline-cases',
  })
  @IsString()
  procedure!: string;

  @ApiProperty({
    example: 'appointment.internal',
    description: 'definition id (newest version) or id@version',
  })
  @IsString()
  @Length(3, 100)
  definition!: string;

  @ApiProperty({ example: 'p-nguyen-van-an' })
  @IsString()
  @Length(1, 100)
  personId!: string;

  @ApiProperty({ example: 'pos-ha-noi-head-organization' })
  @IsString()
  @Length(1, 100)
  positionId!: string;

  @ApiProperty({ example: 'ou-ha-noi-party-committee', description: 'the unit running the case' })
  @IsString()
  @Length(1, 100)
  orgUnitId!: string;

  @ApiProperty({ example: 'Fill the post of head of the organization committee.' })
  @IsString()
  @Length(1, 4000)
  summary!: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'The post was abolished by the reorganisation.' })
  @IsString()
  @Length(1, 4000)
  reason!: string;
}

export class ResolveVettingItemDto {
  @ApiProperty({ example: 'Declaration submitted on 3 Nov 2026 and verified.' })
  @IsString()
  @Length(1, 4000)
  note!: string;
}
