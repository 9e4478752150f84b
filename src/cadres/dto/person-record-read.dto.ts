import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ReaderMayNotActDto } from '../../procedures/case/dto/case-view.dto';
import { OpenCaseOnRecordDto, PersonRecordDto } from './registry-views.dto';

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
}
