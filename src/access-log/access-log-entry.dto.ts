import { ApiProperty } from '@nestjs/swagger';

export class AccessLogEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() actorId!: string;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty() orgUnit!: string;
  @ApiProperty({ example: 'GET' }) method!: string;
  @ApiProperty({ example: '/cadres/:id' }) route!: string;
  @ApiProperty({ example: 'person record p-nguyen-van-an' }) resource!: string;
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
