import { BadRequestException } from '@nestjs/common';
import { isIsoInstant } from '../common/input/calendar-date';
import { EXPORT_FORMATS, ExportFormat } from './audit-formats';

export interface ExportRequest {
  from?: Date;
  to?: Date;
  format: ExportFormat;
}

// HttpExceptions, not domain refusals: the audit module also runs on its own, without the app's error filter.
function parseInstant(name: string, value: string | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  if (!isIsoInstant(value)) {
    throw new BadRequestException(
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
    throw new BadRequestException(`from (${query.from}) is after to (${query.to})`);
  const format = (query.format ?? 'ndjson') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) {
    throw new BadRequestException(
      `format must be one of ${EXPORT_FORMATS.join(', ')}; got "${query.format}"`,
    );
  }
  return { from, to, format };
}
