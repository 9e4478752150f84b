import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { ELIGIBILITY_PROCEDURES } from './person-eligibility';

/** The query of GET /cadres/:id/eligibility: the post, the day and the procedure asked about. */
export function ApiEligibilityQuery() {
  return applyDecorators(
    ApiQuery({ name: 'for', required: true, description: 'the position id' }),
    ApiQuery({
      name: 'asOf',
      required: false,
      description:
        'a day YYYY-MM-DD (default today in Vietnam), or an ISO date-time meaning its day in Vietnam: the record at the end of that day and the rule set of that day',
    }),
    ApiQuery({
      name: 'procedure',
      required: false,
      enum: ELIGIBILITY_PROCEDURES,
      description:
        'appointment (default): may the person be appointed to the post; rotation: what opening a rotation (luân chuyển) to the post would judge — the retirement age reached (age.retirement_reached) first, then whether the post may be moved into (elected, already held, seats full, another post still to come: the first of these), then a post in the unit of a post held (rotation.same_unit), and the checks its definition names (`openingChecks`: the retirement age reached, planning pool, years to retirement, as for the groups of Quy định 65-QĐ/TW art. 4(2)), every refusal',
    }),
  );
}
