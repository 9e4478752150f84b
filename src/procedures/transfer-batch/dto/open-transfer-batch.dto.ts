import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { HasText } from '../../../common/input/has-text.decorator';
import { VisibleText } from '../../../common/input/visible-text.decorator';

/** An entry's JSON is at most this long (four ids of 100 characters and a reason of 2,000). */
export const TRANSFER_BATCH_BYTES_PER_ENTRY = 3072;

/** A batch id the caller chooses. */
export const TRANSFER_BATCH_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,40}$/;

export class TransferBatchEntryDto {
  @ApiProperty({ example: 'p-tran-thi-binh', description: 'the person transferred' })
  @IsString()
  @Length(1, 100)
  @HasText()
  personId!: string;

  @ApiProperty({
    example: 'pos-son-tay-deputy-culture',
    description: 'the post the person holds now (checked against their record)',
  })
  @IsString()
  @Length(1, 100)
  @HasText()
  currentPositionId!: string;

  @ApiProperty({ example: 'pos-ha-noi-deputy-home-affairs', description: 'the receiving post' })
  @IsString()
  @Length(1, 100)
  @HasText()
  positionId!: string;

  @ApiProperty({
    example: 'ou-ha-noi-peoples-committee',
    description: 'the receiving unit, which runs the case',
  })
  @IsString()
  @Length(1, 100)
  @HasText()
  orgUnitId!: string;

  @ApiProperty({
    example: 'Sắp xếp tổ chức bộ máy theo Đề án 05-ĐA/TU',
    description:
      'the reason or the reference of the decision on the reorganisation (the case summary)',
  })
  @IsString()
  @Length(1, 2000)
  @HasText()
  @VisibleText('lines')
  reason!: string;
}

export class OpenTransferBatchDto {
  @ApiPropertyOptional({
    example: 'tb-2026-sap-xep-01',
    description:
      'batch id; its cases are <id>-1 … <id>-n. When omitted, derived from the entries and your unit, so the same list sent again is the same batch',
  })
  @IsOptional()
  @Matches(TRANSFER_BATCH_ID_PATTERN, {
    message: 'id: lower-case letters, digits and dashes, 2-41 characters',
  })
  id?: string;

  @ApiPropertyOptional({
    example: 'transfer.standard',
    description: 'transfer definition (newest version in force) or id@version',
  })
  @IsOptional()
  @IsString()
  @Length(3, 100)
  definition?: string;

  @ApiProperty({
    type: [TransferBatchEntryDto],
    description: 'the people moved; at most TRANSFER_BATCH_MAX_ENTRIES (10,000 by default)',
  })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TransferBatchEntryDto)
  entries!: TransferBatchEntryDto[];
}
