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
import { POST_SEATS_MAX, POST_SEATS_MIN } from '../post-seats';
import { HasText } from '../../common/input/has-text.decorator';
import { VisibleText } from '../../common/input/visible-text.decorator';

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
  @VisibleText()
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

  @ApiPropertyOptional({
    example: 1,
    minimum: POST_SEATS_MIN,
    maximum: POST_SEATS_MAX,
    description:
      'how many people may hold the post at once (a head post: 1); a post recorded, imported or opened for a case while that many others hold it is refused (post.held_by_another). Absent: an elected post has one seat, an appointed post no limit',
  })
  @IsOptional()
  @IsInt({ message: `seats: a whole number from ${POST_SEATS_MIN} to ${POST_SEATS_MAX}` })
  @Min(POST_SEATS_MIN, {
    message: `seats: a whole number from ${POST_SEATS_MIN} to ${POST_SEATS_MAX}`,
  })
  @Max(POST_SEATS_MAX, {
    message: `seats: a whole number from ${POST_SEATS_MIN} to ${POST_SEATS_MAX}`,
  })
  seats?: number;
}
