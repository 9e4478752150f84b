import { isConnectionLost } from '../../database/connection-loss';
import { HttpErrorBody } from '../domain-error-mapping';

/**
 * How long a client waits before retrying when a dependency dropped (Retry-After, seconds). Not a
 * domain number: about the time the pool and ioredis take to reconnect after a terminated
 * backend or a Redis restart (test/faults).
 */
export const RETRY_AFTER_SECONDS = 3;

export const SERVICE_UNAVAILABLE = 'service.unavailable';

/** ioredis' own words for a connection that is gone (its errors carry no SQLSTATE). */
const REDIS_LOST = [
  /^Connection is closed\.?$/,
  /Stream isn't writeable/,
  /MaxRetriesPerRequestError|Reached the max retries per request limit/,
];

function redisLost(error: { name?: unknown; message?: unknown }): boolean {
  const text = `${String(error.name ?? '')}: ${String(error.message ?? '')}`;
  return REDIS_LOST.some((pattern) => pattern.test(text) || pattern.test(String(error.message)));
}

/** The errors an error was raised for, itself first (Nest and libraries wrap them in `cause`). */
function* causes(error: unknown): Generator<{ name?: unknown; message?: unknown; code?: unknown }> {
  for (let at = error, depth = 0; at && typeof at === 'object' && depth < 5; depth += 1) {
    yield at as { name?: unknown; message?: unknown; code?: unknown };
    at = (at as { cause?: unknown }).cause;
  }
}

/** A socket error (ECONNRESET, …) names no dependency; a SQLSTATE or pg's own words do. */
const SOCKET_CODE = /^E[A-Z]+$/;

/** Which dependency a request lost on the way (PostgreSQL, Redis), or null for any other error. */
export function lostDependency(error: unknown): string | null {
  for (const cause of causes(error)) {
    if (redisLost(cause)) return 'Redis';
    if (isConnectionLost(cause))
      return typeof cause.code === 'string' && SOCKET_CODE.test(cause.code)
        ? 'A backing service'
        : 'PostgreSQL';
  }
  return null;
}

/**
 * What a client does to retry safely. A JSON write: send it again with the same Idempotency-Key.
 * A file upload (`POST /imports`, the one multipart route) keeps no key — its file is read after
 * the key would be checked — but an import is idempotent by its rows' content (src/imports): the
 * same file again writes what the first attempt did not and counts the rest `unchanged`.
 */
export type RetryKind = 'idempotency_key' | 'same_file';

const HOW_TO_RETRY: Record<RetryKind, string> = {
  idempotency_key: `retry it after ${RETRY_AFTER_SECONDS} s with the same Idempotency-Key, which stores a write once`,
  same_file: `send the same file again after ${RETRY_AFTER_SECONDS} s: an import is idempotent by its rows' content, so the rows already stored are counted unchanged and only the rest are written (Idempotency-Key is not used for a file upload)`,
};

/** How a request with these headers is retried: a multipart upload by its file, any other by its key. */
export function retryKindOf(
  headers: Record<string, string | string[] | undefined> = {},
): RetryKind {
  return String(headers['content-type'] ?? '').startsWith('multipart/')
    ? 'same_file'
    : 'idempotency_key';
}

/**
 * A connection lost in the middle of a request: 503 with Retry-After, never "unexpected". A write
 * is not retried here: its append may have committed before the connection went, and only the
 * client's retry can tell (a key's event ids, or an import's row ids, append nothing twice).
 */
export function serviceUnavailableBody(
  dependency: string,
  retry: RetryKind = 'idempotency_key',
): HttpErrorBody {
  return {
    statusCode: 503,
    error: 'Service Unavailable',
    rule: SERVICE_UNAVAILABLE,
    dependency,
    retryAfterSeconds: RETRY_AFTER_SECONDS,
    message: `${dependency} dropped the connection while the request ran; it may or may not have been stored: ${HOW_TO_RETRY[retry]}`,
  };
}
