import { ApiProperty } from '@nestjs/swagger';
import { SENSITIVE_READ_KINDS, SensitiveReadKind } from './sensitive-read-kind';

export class AccessLogEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() actorId!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Cán bộ Ban Tổ chức Thành ủy',
    description:
      "the reader's name from their token; null when it gave none (or logged before Dec 2026)",
  })
  actorName!: string | null;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty() orgUnit!: string;
  @ApiProperty({ example: 'GET' }) method!: string;
  @ApiProperty({ example: '/cadres/:id' }) route!: string;
  @ApiProperty({ example: 'person record p-nguyen-van-an' }) resource!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: SENSITIVE_READ_KINDS,
    description:
      'what was read (the start of `resource`), for the reader to name in their language',
  })
  kind!: SensitiveReadKind | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'p-nguyen-van-an',
    description: 'the id read (the rest of `resource`): a person, a case',
  })
  subject!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Nguyễn Văn An',
    description:
      "the person's name when the subject is a person; for a case, the name of whom it is about (its summary when about nobody), in the caller's grant only",
  })
  subjectName!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) query!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, description: '?purpose= or X-Purpose' })
  purpose!: string | null;
  @ApiProperty({ description: 'the status of the answer' }) status!: number;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
}

export class AccessLogPageDto {
  @ApiProperty({ type: [AccessLogEntryDto] }) items!: AccessLogEntryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
