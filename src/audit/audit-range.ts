import { BadRequestException } from '@nestjs/common';
import { parseInstantParam } from '../common/input/calendar-date';
import { EXPORT_FORMATS, ExportFormat } from './audit-formats';

export interface ExportRequest {
  from?: Date;
  to?: Date;
  format: ExportFormat;
}

/** An empty `from=` or `to=` means no bound, as before. */
const parseInstant = (name: string, value: string | undefined): Date | undefined =>
  value === '' ? undefined : parseInstantParam(name, value);

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
