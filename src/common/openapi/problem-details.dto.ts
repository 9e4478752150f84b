import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** An error answer: RFC 9457 problem details plus the fields the API always had. */
export class ProblemDetailsDto {
  @ApiProperty({
    example: '/problems/ballot.no_quorum',
    description: 'the kind of problem: /problems/<rule>, relative to the API',
  })
  type!: string;

  @ApiProperty({
    example: 'The conference had no quorum',
    description: 'short summary of the kind; Vietnamese with Accept-Language: vi',
  })
  title!: string;

  @ApiProperty({ example: 422 }) status!: number;

  @ApiProperty({
    example: 'no quorum: 8 of 13 summoned present, needs at least 9 (2/3 of 13)',
    description: 'this occurrence, with its numbers (validation messages in Vietnamese when asked)',
  })
  detail!: string;

  @ApiProperty({ example: '/cases/c-2026-0042/steps/leadership-round-3' }) instance!: string;

  @ApiProperty({ example: 422, description: 'same as status' }) statusCode!: number;

  @ApiProperty({ example: 'Unprocessable Entity' }) error!: string;

  @ApiProperty({
    example: 'ballot.no_quorum',
    description:
      'stable name of the rule that refused the request (body.invalid, body.malformed_json, step.out_of_order, concurrency.stale_revision, …)',
  })
  rule!: string;

  @ApiProperty({ description: 'same as detail' }) message!: string;

  @ApiPropertyOptional({
    example: 'tally.present',
    description: 'the field at fault, by path (violation.committedOn, items[2].note)',
  })
  field?: string;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'on 409 concurrency.stale_revision: the revision to send in If-Match',
  })
  currentRevision?: number | null;
}
