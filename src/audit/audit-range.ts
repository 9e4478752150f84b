import { BadRequestException } from '@nestjs/common';
import { AsOf, parseAsOf } from '../common/as-of';
import { EXPORT_FORMATS, ExportFormat } from './audit-formats';

export interface ExportRequest extends AuditPeriod {
  format: ExportFormat;
}

// HttpExceptions, not domain refusals: the audit module also runs on its own, without the app's error filter.
/** A 400 that names the query parameter and the rule, as the API's other refusals do. */
const refused = (field: string, message: string, rule = 'query.invalid') =>
  new BadRequestException({ message, rule, field, error: 'Bad Request' });

/**
 * A bound read as every `asOf` is (parseAsOf): a day alone is the whole day in Vietnam, a
 * date-time the whole minute, second or millisecond written, Vietnam time without an offset.
 * Before, a day was midnight UTC and a time without offset UTC, so `from=2026-12-07&to=2026-12-07`
 * gave nothing and `…T20:18:00` (Vietnam) missed the events of that minute.
 */
function parseBound(name: 'from' | 'to', value: string | undefined): AsOf | undefined {
  if (value === undefined || value === '') return undefined;
  try {
    return parseAsOf(value);
  } catch {
    throw refused(
      name,
      `${name} must be a day YYYY-MM-DD (the whole day in Vietnam) or an ISO 8601 date-time (Vietnam time without an offset), e.g. 2026-01-31 or 2026-01-31T08:00:00+07:00; got "${value.slice(0, 40)}"`,
    );
  }
}

/** A period both of whose ends are taken: from its first millisecond through its last. */
export interface AuditPeriod {
  /** The first millisecond taken (inclusive). */
  from?: Date;
  /** The last millisecond taken (inclusive): `to` is taken whole, a day to its end in Vietnam. */
  to?: Date;
}

/**
 * The `from`/`to` of an audit read (`GET /audit/export`, `GET /audit/access-log`), each bound
 * read as `asOf` is, both inclusive; `to` before `from` is a 400 `query.period_reversed`.
 */
export function parseAuditPeriod(query: { from?: string; to?: string }): AuditPeriod {
  const from = parseBound('from', query.from)?.firstMillisecond;
  const to = parseBound('to', query.to)?.lastMillisecond;
  if (from && to && from > to)
    throw refused('to', `from (${query.from}) is after to (${query.to})`, 'query.period_reversed');
  return { from, to };
}

/** Validates `GET /audit/export` query parameters with messages an auditor can act on. */
export function parseExportRequest(query: {
  from?: string;
  to?: string;
  format?: string;
}): ExportRequest {
  const { from, to } = parseAuditPeriod(query);
  const format = (query.format ?? 'ndjson') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) {
    throw refused(
      'format',
      `format must be one of ${EXPORT_FORMATS.join(', ')}; got "${query.format}"`,
    );
  }
  return { from, to, format };
}
