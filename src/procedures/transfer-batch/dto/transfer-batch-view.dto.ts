import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A case a batch opened, with whom and which post it is about. */
export class TransferBatchCaseDto {
  @ApiProperty({ example: 'tb-2026-sap-xep-01-1' }) caseId!: string;
  @ApiProperty({ example: 'p-nguyen-van-an' }) personId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Nguyễn Văn An' })
  personName!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the post the person moves to' })
  positionId!: string | null;
  @ApiProperty({ type: String, nullable: true }) positionTitle!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "the post the person leaves (the entry's currentPositionId); null for batches opened before Dec 2026",
  })
  leavesPositionId!: string | null;
  @ApiProperty({ type: String, nullable: true }) leavesPositionTitle!: string | null;
}

export class TransferBatchProblemDto {
  @ApiProperty({ example: 3, description: 'the entry (0-based) the problem is about' })
  index!: number;

  @ApiProperty({ example: 'entries[3].currentPositionId' })
  field!: string;

  @ApiProperty({ example: 'transfer_batch.post_not_held' })
  rule!: string;

  @ApiProperty()
  message!: string;
}

export class TransferBatchCheckDto {
  @ApiProperty({ example: 'tb-2026-sap-xep-01' })
  batchId!: string;

  @ApiProperty({ description: 'true: nothing is wrong and the batch can be opened' })
  valid!: boolean;

  @ApiProperty({ example: 250 })
  total!: number;

  @ApiProperty({ description: 'entries already opened by an earlier run of this batch' })
  alreadyOpened!: number;

  @ApiProperty({ type: [TransferBatchProblemDto] })
  errors!: TransferBatchProblemDto[];
}

export class TransferBatchStopDto {
  @ApiProperty({ example: 'transfer_batch.conflict' })
  rule!: string;

  @ApiProperty()
  message!: string;
}

export class TransferBatchViewDto {
  @ApiProperty({ example: 'tb-2026-sap-xep-01' })
  batchId!: string;

  @ApiProperty({
    enum: ['opening', 'opened', 'stopped'],
    description:
      'stopped: a request for it was refused part-way (transfer_batch.conflict) and it has not moved since; see stoppedBecause',
  })
  status!: 'opening' | 'opened' | 'stopped';

  @ApiProperty({ example: 250 })
  total!: number;

  @ApiProperty({ example: 120, description: 'cases opened so far' })
  opened!: number;

  @ApiProperty({ example: 'ou-ha-noi' })
  orgUnitId!: string;

  @ApiProperty({ example: 'transfer.standard@2' })
  definition!: string;

  @ApiProperty({ description: 'who opened it (the first request)' })
  openedBy!: string;

  @ApiProperty({ description: 'when it was opened (ISO 8601)' })
  openedAt!: string;

  @ApiProperty({ type: [String], description: 'the cases opened, in the order of the entries' })
  caseIds!: string[];

  @ApiPropertyOptional({
    type: [TransferBatchCaseDto],
    description:
      'the first 50 cases opened, each with the person and the post they move to, by name',
  })
  cases?: TransferBatchCaseDto[];

  @ApiProperty({
    type: TransferBatchStopDto,
    nullable: true,
    description: 'why it stopped, while it is stopped; null otherwise',
  })
  stoppedBecause!: TransferBatchStopDto | null;

  @ApiPropertyOptional({
    description: 'the cases this request opened (0 when it repeated a batch)',
  })
  openedNow?: number;
}
