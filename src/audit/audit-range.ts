import { BadRequestException } from '@nestjs/common';
import { isIsoInstant } from '../common/input/calendar-date';
import { EXPORT_FORMATS, ExportFormat } from './audit-formats';

export interface ExportRequest {
  from?: Date;
  to?: Date;
  format: ExportFormat;
}

// HttpExceptions, not domain refusals: the audit module also runs on its own, without the app's error filter.
/** A 400 that names the query parameter and the rule, as the API's other refusals do. */
const refused = (field: string, message: string, rule = 'query.invalid') =>
  new BadRequestException({ message, rule, field, error: 'Bad Request' });

function parseInstant(name: string, value: string | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  if (!isIsoInstant(value)) {
    throw refused(
      name,
      `${name} must be an ISO 8601 date or time, e.g. 2026-01-31 or 2026-01-31T00:00:00Z; got "${value}"`,
    );
  }
  return new Date(value);
}

/** Validates `GET /audit/export` query parameters with messages an auditor can act on. */
export function parseExportRequest(query: {
  from?: string;
  to?: string;
  format?: string;
}): ExportRequest {
  const from = parseInstant('from', query.from);
  const to = parseInstant('to', query.to);
  if (from && to && from > to)
    throw refused('to', `from (${query.from}) is after to (${query.to})`, 'query.period_reversed');
  const format = (query.format ?? 'ndjson') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) {
    throw refused(
      'format',
      `format must be one of ${EXPORT_FORMATS.join(', ')}; got "${query.format}"`,
    );
  }
  return { from, to, format };
}
