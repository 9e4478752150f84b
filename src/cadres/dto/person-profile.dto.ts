import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsCalendarDate } from '../../common/input/calendar-date';
import {
  MANAGEMENT_TIERS,
  ManagementTier,
  QUALITY_RATINGS,
  QualityRating,
} from '../person/person-profile.events';
import { HasText } from '../../common/input/has-text.decorator';
import { VisibleText } from '../../common/input/visible-text.decorator';

const DATE = { type: String, format: 'date' } as const;

export class RecordPlaceOfOriginDto {
  @ApiProperty({
    example: 'Hà Nội',
    description:
      'the province (tỉnh, thành phố) of origin, as the org unit of that province is named without "Tỉnh"/"Thành phố"',
  })
  @IsString()
  @Length(2, 80)
  @HasText()
  @VisibleText()
  province!: string;

  @ApiProperty({ example: 'xã Đường Lâm', description: 'the commune or district, as written' })
  @IsString()
  @Length(0, 200)
  @VisibleText()
  locality!: string;
}

export class RecordManagementTierDto {
  @ApiProperty({
    enum: MANAGEMENT_TIERS,
    description: 'diện quản lý: the body that manages the person',
  })
  @IsIn(MANAGEMENT_TIERS)
  tier!: ManagementTier;

  @ApiProperty({ ...DATE, example: '2025-10-15' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '12-QĐ/TU' })
  @IsString()
  @Length(1, 120)
  @HasText()
  @VisibleText()
  decisionRef!: string;
}

export class RecordCivilServiceRankDto {
  @ApiProperty({ example: '01.003', description: 'the rank code (mã ngạch)' })
  @Matches(/^\d{2}\.\d{3}[a-zA-Z]?$/, { message: 'code: a rank code such as 01.003' })
  code!: string;

  @ApiProperty({ example: 'Chuyên viên' })
  @IsString()
  @Length(1, 120)
  @HasText()
  @VisibleText()
  title!: string;

  @ApiProperty({ ...DATE, example: '2020-01-01' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '45-QĐ/UBND' })
  @IsString()
  @Length(1, 120)
  @HasText()
  @VisibleText()
  decisionRef!: string;
}

export class RecordAnnualRatingDto {
  @ApiProperty({ example: 2025, description: 'the year rated' })
  @IsInt({ message: 'year must be a whole number' })
  @Min(1945)
  @Max(2200)
  year!: number;

  @ApiProperty({
    enum: QUALITY_RATINGS,
    description:
      'xếp loại chất lượng: hoàn thành xuất sắc / tốt / hoàn thành / không hoàn thành nhiệm vụ',
  })
  @IsIn(QUALITY_RATINGS)
  rating!: QualityRating;

  @ApiProperty({ ...DATE, example: '2025-12-20' })
  @IsCalendarDate()
  evaluatedOn!: string;

  @ApiProperty({ example: '310-QĐ/TU' })
  @IsString()
  @Length(1, 120)
  @HasText()
  @VisibleText()
  decisionRef!: string;

  @ApiPropertyOptional({ example: '', description: 'optional; empty when left out' })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  @VisibleText('lines')
  note?: string;
}

export class PlaceOfOriginDto {
  @ApiProperty() province!: string;
  @ApiProperty() locality!: string;
}

export class ManagementTierDto {
  @ApiProperty({ enum: MANAGEMENT_TIERS }) tier!: string;
  @ApiProperty(DATE) from!: string;
  @ApiProperty() decisionRef!: string;
}

export class CivilServiceRankDto {
  @ApiProperty() code!: string;
  @ApiProperty() title!: string;
  @ApiProperty(DATE) from!: string;
  @ApiProperty() decisionRef!: string;
}

export class AnnualRatingDto {
  @ApiProperty() year!: number;
  @ApiProperty({ enum: QUALITY_RATINGS }) rating!: string;
  @ApiProperty(DATE) evaluatedOn!: string;
  @ApiProperty() decisionRef!: string;
  @ApiProperty() note!: string;
}
