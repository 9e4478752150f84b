import { ApiProperty } from '@nestjs/swagger';

export class RowProblemDto {
  @ApiProperty({
    example: 'Cán bộ',
    description: 'the sheet (a CSV file: the template sheet its headers match)',
  })
  sheet!: string;
  @ApiProperty({ example: 5, description: 'line in the file; the header is line 1' })
  line!: number;
  @ApiProperty({
    example: 'Ngày sinh',
    nullable: true,
    type: String,
    description: 'the column header',
  })
  column!: string | null;
  @ApiProperty({ example: 'C5', required: false }) cell?: string;
  @ApiProperty({ example: 'import.day' }) rule!: string;
  @ApiProperty({
    example:
      'ngày theo dạng dd/mm/yyyy hoặc yyyy-mm-dd (a day as dd/mm/yyyy or yyyy-mm-dd), không có ngày "31/02/1980"',
  })
  message!: string;
}

export class SheetCountDto {
  @ApiProperty({ description: 'data rows in the file' }) rows!: number;
  @ApiProperty({ description: 'records written (a dry run: that would be written)' })
  written!: number;
  @ApiProperty({ description: 'rows the registry already holds (nothing appended)' })
  unchanged!: number;
}

export class SheetCountsDto {
  @ApiProperty() people!: SheetCountDto;
  @ApiProperty() posts!: SheetCountDto;
  @ApiProperty() planning!: SheetCountDto;
  @ApiProperty() discipline!: SheetCountDto;
  @ApiProperty({ description: 'cases under way on paper (Hồ sơ đang giải quyết): cases opened' })
  cases!: SheetCountDto;
  @ApiProperty({ description: 'steps already taken (Bước đã thực hiện): steps performed' })
  caseSteps!: SheetCountDto;
}

export class ImportFileDto {
  @ApiProperty() name!: string;
  @ApiProperty() sha256!: string;
  @ApiProperty({ enum: ['xlsx', 'csv'] }) format!: 'xlsx' | 'csv';
}

export class ImportReportDto {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({
    description:
      'import-<hash>: the stream of ImportRecorded and the correlation id of what it wrote',
  })
  importId!: string;
  @ApiProperty() file!: ImportFileDto;
  @ApiProperty({ description: 'no bad row: the import can run (or ran)' }) valid!: boolean;
  @ApiProperty() counts!: SheetCountsDto;
  @ApiProperty({
    type: [RowProblemDto],
    description:
      "every problem of every row, by sheet, line and column, in the file's order: the first 1,000 (a refusal's body, 422 import.invalid_rows or 403 scope.out_of_scope, carries the same three fields)",
  })
  errors!: RowProblemDto[];
  @ApiProperty({ description: 'how many problems the file has in all' }) errorCount!: number;
  @ApiProperty({ description: 'how many of them errors does not list ("and N more")' })
  errorsNotListed!: number;
}
