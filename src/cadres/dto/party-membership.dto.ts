import { ApiProperty } from '@nestjs/swagger';

const DATE = { type: String, format: 'date' } as const;

/** The expulsion (khai trừ) that ended the person's Party membership. */
export class PartyMembershipEndedDto {
  @ApiProperty({ ...DATE, description: 'the day the expulsion took effect' }) on!: string;
  @ApiProperty({ description: 'the discipline case (or imported record) of the expulsion' })
  caseId!: string;
  @ApiProperty() decisionRef!: string;
}

/** The complaint review that annulled or lightened an expulsion, giving the membership back. */
export class PartyMembershipRestoredDto {
  @ApiProperty({ ...DATE, description: 'the day of the complaint review' }) on!: string;
  @ApiProperty({ description: 'the discipline case whose expulsion the review undid' })
  caseId!: string;
  @ApiProperty({ description: 'the complaint review decision' }) decisionRef!: string;
  @ApiProperty({ description: 'the expulsion decision it undid' }) endedBy!: string;
}
