import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NOT_ANNOUNCED, WITHHELD_FROM_SUBJECT } from '../../identity/ballot-disclosure';
import { HistoryDisagreementDto, StreamCheckpointCheckDto } from './checkpoint.dto';

const TEXT_OR_NULL = { type: String, nullable: true } as const;

/** One event of a history, with who, when, why, under which rule, and names beside the ids. */
export class HistoryEntryDto {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ description: 'rank in the store’s global order' }) sequence!: number;
  @ApiProperty() globalPosition!: string;
  @ApiProperty({ example: 'appointment-c-2026-0042' }) streamId!: string;
  @ApiProperty({ example: 'appointment' }) streamKind!: string;
  @ApiProperty({ example: 'c-2026-0042' }) streamKey!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ example: 'BallotTallied' }) type!: string;
  @ApiProperty() schemaVersion!: number;
  @ApiProperty(TEXT_OR_NULL) actorId!: string | null;
  @ApiProperty({
    ...TEXT_OR_NULL,
    description:
      'the actor’s name from their sign-in token; null when it gave none, and on older events',
    example: 'Chuyên viên Ban Tổ chức',
  })
  actorName!: string | null;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty({ ...TEXT_OR_NULL, description: 'the unit of the grant the actor acted under' })
  orgUnit!: string | null;
  @ApiProperty({ ...TEXT_OR_NULL, example: 'Thành ủy Hà Nội' }) orgUnitName!: string | null;
  @ApiProperty({ ...TEXT_OR_NULL, example: 'appointment.internal@1' })
  definitionVersion!: string | null;
  @ApiProperty({ ...TEXT_OR_NULL, example: 'vn-2025' }) ruleSet!: string | null;
  @ApiProperty({ ...TEXT_OR_NULL, format: 'date-time' }) occurredAt!: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty(TEXT_OR_NULL) correlationId!: string | null;
  @ApiProperty(TEXT_OR_NULL) causationId!: string | null;
  @ApiProperty({ description: 'SHA-256 of the event chained to the previous one' }) hash!: string;
  @ApiProperty({ ...TEXT_OR_NULL, description: 'the person the event is about' })
  personId!: string | null;
  @ApiProperty({ ...TEXT_OR_NULL, example: 'Nguyễn Văn An' }) personName!: string | null;
  @ApiProperty({ ...TEXT_OR_NULL, description: 'the post the event is about' })
  positionId!: string | null;
  @ApiProperty({ ...TEXT_OR_NULL, example: 'Trưởng ban Tổ chức' }) positionTitle!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiPropertyOptional({
    type: [String],
    example: ['tally'],
    description:
      'fields of data left out for this reader (secret ballot); the stored event is unchanged',
  })
  withheld?: string[];
  @ApiPropertyOptional({ enum: [WITHHELD_FROM_SUBJECT, NOT_ANNOUNCED] })
  withheldBecause?: string;
}

export class HistoryDto {
  @ApiProperty({ description: 'the case or person id' }) id!: string;
  @ApiProperty({ type: [HistoryEntryDto] }) events!: HistoryEntryDto[];
}

export class StreamCheckDto {
  @ApiProperty({ example: 'appointment-c-2026-0042' }) streamId!: string;
  @ApiProperty({
    description:
      'the chain against itself only, not the verdict (read `intact`): true when every stored hash matches its chain, also for a stream with no events left (eventsChecked 0) and for a chain recomputed after a rewrite',
  })
  ok!: boolean;
  @ApiProperty() eventsChecked!: number;
  @ApiProperty({ required: false, description: 'when not ok: the first revision that fails' })
  brokenAtRevision?: number;
  @ApiProperty({ required: false, description: 'when not ok: that event' }) eventId?: string;
  @ApiProperty({ required: false, description: 'when not ok: why' }) reason?: string;
  @ApiProperty({ required: false, enum: ['revision_missing', 'content_mismatch'] })
  reasonCode?: string;
  @ApiProperty({
    type: StreamCheckpointCheckDto,
    required: false,
    description: 'the stream against the latest signed checkpoint (when checkpoints are set up)',
  })
  checkpoint?: StreamCheckpointCheckDto;
  @ApiProperty({ type: [HistoryDisagreementDto] })
  historyDisagreements!: HistoryDisagreementDto[];
  @ApiProperty({
    description:
      'the chain holds, the checkpoint is accepted and does not part from it, and the audit history agrees: false is tampering, or a refused checkpoint that vouches for nothing (checkpoint.status refused)',
  })
  intact!: boolean;
}
