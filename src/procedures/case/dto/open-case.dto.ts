import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { IsCalendarDate } from '../../../common/input/calendar-date';
import { HasText } from '../../../common/input/has-text.decorator';
import { VisibleText } from '../../../common/input/visible-text.decorator';

export class OpenCaseDto {
  @ApiPropertyOptional({ example: 'c-2026-0042', description: 'case id; generated when omitted' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, {
    message: 'id: lower-case letters, digits and dashes, 2-64 characters',
  })
  id?: string;

  @ApiProperty({
    example: 'appointment',
    enum: [
      'appointment',
      'reappointment',
      'rotation',
      'transfer',
      'removal',
      'extension',
      'approval_in_principle',
      'consultation',
      'competitive_exam',
      'election',
    ],
    description:
      'a transfer (điều động) runs as a rotation case with definition transfer.standard; competitive_exam (thi tuyển, definition exam.leadership-post) runs as an appointment that fills the post and is listed with appointments; removal: dismissal, resignation, relief from post, suspension (removal.*); extension: the term to retirement; election: introducing a person for the council to elect to an elected post (election.nomination); discipline cases open at POST /discipline-cases',
  })
  @IsString()
  procedure!: string;

  @ApiProperty({
    example: 'appointment.internal',
    description: 'definition id (newest version) or id@version',
  })
  @IsString()
  @Length(3, 100)
  definition!: string;

  @ApiPropertyOptional({
    example: 'p-nguyen-van-an',
    description:
      'the person the case is about; optional for a definition that fills a post (appointment.internal@3: the nominations name the nominees), required otherwise',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @HasText()
  personId?: string;

  @ApiProperty({ example: 'pos-ha-noi-head-organization' })
  @IsString()
  @Length(1, 100)
  @HasText()
  positionId!: string;

  @ApiProperty({ example: 'ou-ha-noi-party-committee', description: 'the unit running the case' })
  @IsString()
  @Length(1, 100)
  @HasText()
  orgUnitId!: string;

  @ApiProperty({ example: 'Fill the post of head of the organization committee.' })
  @IsString()
  @Length(1, 4000)
  @HasText()
  @VisibleText('lines')
  summary!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2025-06-15',
    description:
      'a case kept on paper until now: the day it began (not after today). It pins the definition and rule set in force that day. Needs the records_clerk role and paperRecordRef',
  })
  @IsOptional()
  @IsCalendarDate()
  openedOn?: string;

  @ApiPropertyOptional({
    example: 'HS-2025/017',
    description: "the paper file's reference (required with openedOn)",
  })
  @ValidateIf((dto: OpenCaseDto) => dto.openedOn !== undefined || dto.paperRecordRef !== undefined)
  @IsString({ message: "paperRecordRef: the paper file's reference is required with openedOn" })
  @Length(1, 200)
  @HasText()
  @VisibleText()
  paperRecordRef?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { kind: 'low_confidence', lowConfidenceVotes: 31, totalVotes: 45 },
    description:
      'removal cases: the ground the case rests on, checked by the procedure when it opens (dismissal: low_confidence with lowConfidenceVotes and totalVotes, not_completed_duties, discipline, repeated_discipline (reprimanded twice in one term of the post, removal.dismissal.repeatedDisciplineInTerm), or conclusion with reference; resignation: letterReceivedOn and reason, optionally lowConfidenceVotes and totalVotes; relief: kind (head_targets_not_met, assigned_targets_not_met, own_request or other: the groundKinds of the definition) and reference); ignored by the other procedures',
  })
  @IsOptional()
  @IsObject({ message: 'grounds: must be an object' })
  grounds?: Record<string, unknown>;

  @ApiPropertyOptional({
    example: 'c-2026-0041',
    description:
      'appointment only: the approval-in-principle case (procedure approval_in_principle) for the post; required where appointment.approvalInPrincipleWhen says the post needs one. The first step and the decision wait until it is approved and its completion period runs',
  })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, {
    message: 'approvalInPrincipleCaseId: lower-case letters, digits and dashes, 2-64 characters',
  })
  approvalInPrincipleCaseId?: string;

  @ApiPropertyOptional({
    example: 'c-2026-0040',
    description:
      'appointment only: the inter-level consultation case (procedure consultation, hiệp y) for the post; required where appointment.consultationWhen says the post needs one. The first step and the decision wait until the other body agreed',
  })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, {
    message: 'consultationCaseId: lower-case letters, digits and dashes, 2-64 characters',
  })
  consultationCaseId?: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'The post was abolished by the reorganisation.' })
  @IsString()
  @Length(1, 4000)
  @HasText()
  @VisibleText('lines')
  reason!: string;
}

export class ResolveVettingItemDto {
  @ApiProperty({ example: 'Declaration submitted on 3 Nov 2026 and verified.' })
  @IsString()
  @Length(1, 4000)
  @HasText()
  @VisibleText('lines')
  note!: string;
}
