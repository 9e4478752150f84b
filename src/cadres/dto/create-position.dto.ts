import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { POST_FILLED_BY, PostFilledBy } from '../post-filled-by';
import { HasText } from '../../common/input/has-text.decorator';
import { OneLine } from '../../common/input/one-line.decorator';

export class CreatePositionDto {
  @ApiPropertyOptional({ example: 'pos-ha-noi-deputy-head-organization' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, {
    message: 'id: lower-case letters, digits and dashes, 2-64 characters',
  })
  id?: string;

  @ApiProperty({ example: 'Phó Trưởng ban Tổ chức Thành ủy Hà Nội' })
  @IsString()
  @Length(2, 200)
  @HasText()
  @OneLine()
  title!: string;

  @ApiProperty({ example: 'ou-ha-noi-organization-committee' })
  @IsString()
  orgUnitId!: string;

  @ApiProperty({
    example: 'ou-ha-noi-party-committee',
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

  @ApiPropertyOptional({
    enum: POST_FILLED_BY,
    default: 'appointment',
    description:
      'how the post is filled: appointment (bổ nhiệm) or election (bầu cử, e.g. a commune chair); appointment and re-appointment cases are refused for an elected post',
  })
  @IsOptional()
  @IsIn(POST_FILLED_BY, { message: 'filledBy: appointment or election' })
  filledBy?: PostFilledBy;
}
