import { ApiProperty } from '@nestjs/swagger';

const REFUSAL_CODES = [
  'unreadable_file',
  'not_signed',
  'out_of_sequence',
  'unknown_key',
  'key_rotated_out',
  'bad_signature',
  'does_not_follow',
  'events_unreadable',
  'events_skip',
  'events_count',
  'root_not_rebuilt',
  'recorded_checkpoint_missing',
  'keys_unreadable',
];

const KINDS = [
  'rewritten',
  'hash-rewritten',
  'deleted-stream',
  'deleted-tail',
  'deleted-event',
  'inserted',
  'moved',
  'chain-broken',
];

export class CheckpointSummaryDto {
  @ApiProperty({ example: 12 }) sequence!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '1042/88214',
    description: 'last event covered, in global order',
  })
  position!: string | null;
  @ApiProperty({ description: 'events covered in all' }) events!: number;
  @ApiProperty() streams!: number;
  @ApiProperty({ description: 'Merkle root over every stream head, hex' }) root!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'id of the Ed25519 key that signed it' }) keyId!: string;
}

export class CheckpointFindingDto {
  @ApiProperty({ enum: KINDS }) kind!: string;
  @ApiProperty({ example: 'appointment-c-2026-0042' }) streamId!: string;
  @ApiProperty({ description: 'first revision where the store and the checkpoint part' })
  revision!: number;
  @ApiProperty({ type: String, nullable: true }) position!: string | null;
  @ApiProperty() detail!: string;
  @ApiProperty({ description: 'further differing events of the same stream' }) further!: number;
}

/** An audit history line that is not the store's event now, or an event whose line is gone. */
export class HistoryDisagreementDto {
  @ApiProperty({
    enum: ['history_disagrees', 'history_line_missing'],
    description:
      'history_disagrees: the line differs from the store, or the store holds no such event; history_line_missing: the history was projected past the event and its line is gone',
  })
  code!: string;
  @ApiProperty({ example: 'appointment-c-2026-0042' }) streamId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() eventId!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'the hash the audit history copied when the event was appended; null: the line is gone',
  })
  historyHash!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "the store's hash of the event now; null: the store does not hold it",
  })
  storeHash!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    required: false,
    description:
      "the hash the store's content gives now, chained to the stored link before it (storeHash is the stored column: after data edited in place it still equals historyHash); null: the store does not hold it",
  })
  storeContentHash?: string | null;
  @ApiProperty({
    type: [String],
    example: ['actor_id', 'data'],
    description: "the line's columns that differ from the store's event (audit_history names)",
  })
  columns!: string[];
}

export class CheckpointVerificationDto {
  @ApiProperty({ enum: ['no-checkpoint', 'intact', 'tampered', 'refused'] }) status!: string;
  @ApiProperty({ type: CheckpointSummaryDto, nullable: true })
  checkpoint!: CheckpointSummaryDto | null;
  @ApiProperty({ description: 'covered events found as signed' }) covered!: number;
  @ApiProperty({ description: 'events after the checkpoint: not yet covered' })
  notYetCovered!: number;
  @ApiProperty({
    type: [CheckpointFindingDto],
    description:
      'one per stream: where it parts from the checkpoint, or (chain-broken) where an event after it breaks the chain',
  })
  findings!: CheckpointFindingDto[];
  @ApiProperty({ required: false, description: 'why the outside copy cannot be relied on' })
  refusedBecause?: string;
  @ApiProperty({
    required: false,
    enum: REFUSAL_CODES,
    description: 'why it is refused, as a code',
  })
  refusedCode?: string;
  @ApiProperty({
    type: [HistoryDisagreementDto],
    description:
      'audit history lines that differ from the store, lines without an event, events whose line is gone (tampered when any)',
  })
  historyDisagreements!: HistoryDisagreementDto[];
}

export class StreamCheckpointCheckDto {
  @ApiProperty({ enum: ['no-checkpoint', 'covered', 'not-yet-covered', 'parted', 'refused'] })
  status!: string;
  @ApiProperty({ type: CheckpointSummaryDto, nullable: true })
  checkpoint!: CheckpointSummaryDto | null;
  @ApiProperty({ type: Number, nullable: true }) coveredRevision!: number | null;
  @ApiProperty() notYetCovered!: number;
  @ApiProperty({ type: CheckpointFindingDto, required: false }) finding?: CheckpointFindingDto;
  @ApiProperty({ required: false }) refusedBecause?: string;
  @ApiProperty({
    required: false,
    enum: REFUSAL_CODES,
    description: 'why it is refused, as a code',
  })
  refusedCode?: string;
}

export class CheckpointPayloadDto extends CheckpointSummaryDto {
  @ApiProperty({ enum: ['cadreflow-checkpoint/1'] }) format!: string;
  @ApiProperty({ type: String, nullable: true, description: 'sha256 of the previous checkpoint' })
  previous!: string | null;
}

export class SignedCheckpointDto {
  @ApiProperty({ type: CheckpointPayloadDto }) checkpoint!: CheckpointPayloadDto;
  @ApiProperty({ description: 'Ed25519 over the RFC 8785 JSON of checkpoint, base64' })
  signature!: string;
  @ApiProperty({ required: false, description: 'RFC 3161 time-stamp response, base64' })
  timestampToken?: string;
}

export class CreatedCheckpointDto {
  @ApiProperty({ description: 'false: nothing new since the last checkpoint, which stands' })
  created!: boolean;
  @ApiProperty({ type: SignedCheckpointDto }) signed!: SignedCheckpointDto;
}

export class StoredEventDto {
  @ApiProperty() streamId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() position!: string;
  @ApiProperty() id!: string;
  @ApiProperty() type!: string;
  @ApiProperty() storedType!: string;
  @ApiProperty() schemaVersion!: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true })
  metadata!: Record<string, unknown>;
  @ApiProperty() hash!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class StreamHeadDto {
  @ApiProperty() streamId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() hash!: string;
}

export class ProofStepDto {
  @ApiProperty({ enum: ['left', 'right'] }) side!: string;
  @ApiProperty() hash!: string;
}

export class CaseProofDto {
  @ApiProperty({ enum: ['cadreflow-case-proof/1'] }) format!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty({ type: [StoredEventDto], description: 'the events exactly as stored' })
  events!: StoredEventDto[];
  @ApiProperty({ type: SignedCheckpointDto }) checkpoint!: SignedCheckpointDto;
  @ApiProperty({ type: StreamHeadDto }) leaf!: StreamHeadDto;
  @ApiProperty() leafIndex!: number;
  @ApiProperty() treeSize!: number;
  @ApiProperty({ type: [ProofStepDto] }) path!: ProofStepDto[];
  @ApiProperty({ description: 'events after the checkpoint, exported but not covered' })
  notYetCovered!: number;
}
