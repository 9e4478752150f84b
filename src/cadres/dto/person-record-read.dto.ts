import { ApiPropertyOptional } from '@nestjs/swagger';
import { ReaderMayNotActDto } from '../../procedures/case/dto/case-view.dto';
import { PersonRecordDto } from './registry-views.dto';

/** A person's record as `GET /cadres/:id` answers it: the record, and what the reader may not do. */
export class PersonRecordReadDto extends PersonRecordDto {
  @ApiPropertyOptional({
    type: ReaderMayNotActDto,
    description:
      "when the reader is the person (the token's person_id): they write nothing on their own record (403 separation.subject), so a client offers no write form",
  })
  readerMayNotWrite?: ReaderMayNotActDto;
}
