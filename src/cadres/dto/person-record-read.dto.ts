import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ReaderMayNotActDto } from '../../procedures/case/dto/case-view.dto';
import { OpenCaseOnRecordDto, PersonRecordDto } from './registry-views.dto';

/** A case the record names: what it is when the reader's grant reaches it, nothing else when not. */
export class CaseTitleDto {
  @ApiProperty() caseId!: string;
  @ApiProperty({
    description:
      "the case was opened in a unit the reader's grant reaches; false: nothing more is said of it (its page answers 403)",
  })
  withinGrant!: boolean;
  @ApiPropertyOptional({ description: 'within the grant: the procedure, as the case list has it' })
  procedure?: string;
  @ApiPropertyOptional({ example: 'appointment.internal@1' }) definition?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'whom the case is about' })
  personId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) personName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) positionId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) positionTitle?: string | null;
}

/** A person's record as `GET /cadres/:id` answers it: the record, and what the reader may not do. */
export class PersonRecordReadDto extends PersonRecordDto {
  @ApiProperty({
    type: [OpenCaseOnRecordDto],
    description:
      "the open cases for a post that name the person a standing nominee (chosen at the final ballot too), within the reader's grant, `since` the day the case opened; `openCases` are those opened for the person. Read from the case list, a moment behind the cases",
  })
  nominatedIn!: OpenCaseOnRecordDto[];
  @ApiPropertyOptional({
    type: ReaderMayNotActDto,
    description:
      "when the reader is the person (the token's person_id): they write nothing on their own record (403 separation.subject), so a client offers no write form",
  })
  readerMayNotWrite?: ReaderMayNotActDto;
  @ApiProperty({
    type: [CaseTitleDto],
    description:
      "what each case the record names is — the past posts, the entries taken off the pool and their restorations (by `caseId` or in a reason), the discipline and the case it shares a violation with, `openCases` and `nominatedIn` as sent — from the case list, a moment behind the cases: a case outside the reader's grant is `withinGrant: false` and unnamed; one the list does not hold yet is absent; one listed only in `nominatedIn` names no person (whom it appoints is its ballot's). Beside the record: not in its ETag",
  })
  caseTitles!: CaseTitleDto[];
}
