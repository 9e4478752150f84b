import { refusalRevision } from './refusal-revision';
import { parseStreamName, PERSON_STREAM_KIND } from '../audit/stream-name';
import { EventIdConflict, WrongExpectedRevision } from '../event-store/event-store.errors';

export interface HttpErrorBody {
  statusCode: number;
  error: string;
  /** Stable name of the rule that refused the request, e.g. `ballot.failed`. */
  rule?: string;
  message: string;
  field?: string;
  currentRevision?: number | null;
  [detail: string]: unknown;
}

const STATUS_BY_CATEGORY: Record<string, [number, string]> = {
  conflict: [409, 'Conflict'],
  unprocessable: [422, 'Unprocessable Entity'],
  invalid: [400, 'Bad Request'],
  not_found: [404, 'Not Found'],
  forbidden: [403, 'Forbidden'],
  unavailable: [503, 'Service Unavailable'],
};

/** A refusal from the domain: a rule name, a reason, and how it should be answered. */
interface RuleRefusal {
  rule: string;
  message: string;
  category: string;
  field?: string;
  details?: Record<string, unknown>;
}

function isRuleRefusal(error: unknown): error is RuleRefusal {
  return (
    error instanceof Error &&
    typeof (error as Partial<RuleRefusal>).rule === 'string' &&
    typeof (error as Partial<RuleRefusal>).category === 'string'
  );
}

/**
 * What the writer reads again after a stale If-Match: a person's own stream is their record (hồ sơ
 * cán bộ), every other stream a case. Before, a write to a person's ratings or planning pool was
 * told to reload "the case".
 */
function whatToReload(streamId: string): string {
  return parseStreamName(streamId).kind === PERSON_STREAM_KIND ? "the person's record" : 'the case';
}

/** Maps the errors the write side throws on purpose to an HTTP answer; null for anything else. */
export function toHttpError(error: unknown): HttpErrorBody | null {
  if (error instanceof WrongExpectedRevision) {
    return {
      statusCode: 409,
      error: 'Conflict',
      rule: 'concurrency.stale_revision',
      message: `${error.message}: reload ${whatToReload(error.streamId)} and retry with If-Match: ${error.actual ?? 'none'}`,
      currentRevision: error.actual,
    };
  }
  if (error instanceof EventIdConflict) {
    return {
      statusCode: 409,
      error: 'Conflict',
      rule: 'idempotency.id_reused',
      message: error.message,
    };
  }
  if (isRuleRefusal(error)) {
    const [statusCode, label] = STATUS_BY_CATEGORY[error.category] ?? [422, 'Unprocessable Entity'];
    const revision = refusalRevision(error);
    return {
      ...(error.details ?? {}),
      // A conflict names the revision it was decided on, so the caller knows what to reload.
      ...(statusCode === 409 && revision !== undefined ? { currentRevision: revision } : {}),
      statusCode,
      error: label,
      rule: error.rule,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
    };
  }
  return null;
}
