import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CouncilResolutionDto } from '../../procedures/discipline/dto/discipline-parts.dto';

const DATE = { type: String, format: 'date' } as const;

/** The extension of a post's term to retirement (kéo dài thời hạn giữ chức vụ). */
export class PostExtensionDto {
  @ApiProperty() decisionRef!: string;
  @ApiProperty({ ...DATE, description: 'the day the extension takes effect' }) on!: string;
}

/** A post on the person's record: held, to begin, or ended (with what ended it). */
export class PostHeldDto {
  @ApiProperty() positionId!: string;
  @ApiProperty(DATE) from!: string;
  @ApiProperty({ ...DATE, nullable: true, description: 'end of the term, null without a term' })
  termEnd!: string | null;
  @ApiProperty() decisionRef!: string;
  @ApiPropertyOptional({
    ...DATE,
    description: 'the day the council elected the person, for an elected post recorded by hand',
  })
  electedOn?: string;
  @ApiPropertyOptional({
    type: PostExtensionDto,
    description: 'the decision that extended the term to retirement, beside the appointing one',
  })
  extendedBy?: PostExtensionDto;
  @ApiPropertyOptional({
    ...DATE,
    description:
      "the day the decision set for the term's re-appointment notice (absent: none, or assigned before Dec 2026)",
  })
  reappointmentNoticeOn?: string;
}

/** The new term of a post held, from the day the term held ends (a re-appointment, a re-election). */
export class TermRenewalDto {
  @ApiProperty(DATE) from!: string;
  @ApiProperty({ ...DATE, nullable: true }) termEnd!: string | null;
  @ApiProperty() decisionRef!: string;
}

/** A post held on the day asked, with the day a decision ends it (a decision effective later). */
export class PostHeldOnDayDto extends PostHeldDto {
  @ApiProperty({
    ...DATE,
    nullable: true,
    description:
      'the day a decision ends the post (no longer held from that day), null when none does',
  })
  endsOn!: string | null;
  @ApiPropertyOptional({
    type: TermRenewalDto,
    description:
      'a new term of this post decided to follow this one from its end: the post is held on (endsOn is then null)',
  })
  renewedBy?: TermRenewalDto;
}

/** A post to begin on a later day; `endsOn` when a decision already ends it on a day after that. */
export class UpcomingPostDto extends PostHeldDto {
  @ApiPropertyOptional({
    ...DATE,
    description:
      'the day a decision already ends it (a term a new one renews, both decided ahead), absent when none does',
  })
  endsOn?: string;
}

export class PastPostDto extends PostHeldDto {
  @ApiProperty(DATE) endedOn!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'the decision that ended it' }) endedBy!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'the case whose decision ended it (a discipline or removal case), null otherwise and on ends recorded before they named it',
  })
  caseId!: string | null;
  @ApiPropertyOptional({
    type: CouncilResolutionDto,
    description: "a recall: the council's resolution",
  })
  councilResolution?: CouncilResolutionDto;
}
