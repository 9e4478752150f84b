import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { DISCIPLINE_FORMS } from '../procedures/discipline/discipline-forms';
import { VIOLATION_CATEGORIES } from '../procedures/discipline/violation-category-names';
import { RegisterPageDto } from './dto/read-model-views.dto';

/** The register's filters that take one of a fixed set of values. */
export const REGISTER_TRACKS = ['party', 'civil_service'] as const;
export const RECORD_STATUSES = ['in_effect', 'expired', 'annulled'] as const;

/** The violation category filter: the closed list a case is filed under, nothing else. */
const CATEGORY_FILTER = ApiQuery({
  name: 'category',
  required: false,
  enum: VIOLATION_CATEGORIES,
  description:
    'violation category, one of the closed list cases are filed under (`land` is the older code for land cases, kept for the cases recorded with it); any other is a 400 naming `category`',
});

/** The OpenAPI description of GET /discipline-records: its filters and its two formats. */
export const DisciplineRegisterDocs = () =>
  applyDecorators(
    ApiOperation({
      summary:
        'The discipline register: filtered, newest decision first, each with its status on asOf; JSON pages or CSV',
    }),
    ApiQuery({ name: 'person', required: false }),
    ApiQuery({
      name: 'orgUnit',
      required: false,
      description:
        'a unit and its subtree: decisions taken there, and decisions by any unit on people whose record it manages',
    }),
    ApiQuery({ name: 'track', required: false, enum: REGISTER_TRACKS }),
    ApiQuery({ name: 'form', required: false, enum: DISCIPLINE_FORMS }),
    CATEGORY_FILTER,
    ApiQuery({ name: 'from', required: false, description: 'decided on or after' }),
    ApiQuery({ name: 'to', required: false, description: 'decided on or before' }),
    ApiQuery({
      name: 'status',
      required: false,
      enum: RECORD_STATUSES,
      description:
        "by the discipline's own validity (hiệu lực) on asOf: in_effect, expired (validity over), annulled",
    }),
    ApiQuery({
      name: 'inEffect',
      required: false,
      enum: ['true', 'false'],
      description: "the discipline's own validity (hiệu lực) still runs on asOf (or no longer)",
    }),
    ApiQuery({
      name: 'barred',
      required: false,
      enum: ['true', 'false'],
      description: 'the bar on appointment to a higher post still runs on asOf (or no longer)',
    }),
    ApiQuery({
      name: 'asOf',
      required: false,
      description:
        'the day statuses are judged on (default today in Vietnam): a day YYYY-MM-DD, or an ISO date-time (Vietnam time without an offset), which judges its day in Vietnam and counts only what was recorded within the minute, second or millisecond written (a decision recorded later is not listed, a review recorded later not applied)',
    }),
    ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] }),
    ApiQuery({ name: 'limit', required: false }),
    ApiQuery({ name: 'cursor', required: false }),
    ApiProduces('application/json', 'text/csv'),
    ApiOkResponse({
      description:
        'a JSON page, or with format=csv every matching row as CSV (UTF-8 with BOM, names beside ids; with Accept-Language: vi headed and labelled in Vietnamese, otherwise field names and codes)',
      content: {
        'application/json': { schema: { $ref: getSchemaPath(RegisterPageDto) } },
        'text/csv': { schema: { type: 'string' } },
      },
    }),
    ApiExtraModels(RegisterPageDto),
    ApiProblems(400),
  );
