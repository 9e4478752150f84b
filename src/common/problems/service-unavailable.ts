import { isConnectionLost, isConnectionRefused } from '../../database/connection-loss';
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

/** The dependency a request lost, and whether it refused the connection (nothing ran on it). */
export interface LostDependency {
  dependency: string;
  refused: boolean;
}

/** Which dependency a request lost on the way (PostgreSQL, Redis), or null for any other error. */
export function lostDependency(error: unknown): LostDependency | null {
  for (const cause of causes(error)) {
    if (redisLost(cause)) return { dependency: 'Redis', refused: false };
    if (isConnectionLost(cause))
      return {
        dependency:
          typeof cause.code === 'string' && SOCKET_CODE.test(cause.code)
            ? 'A backing service'
            : 'PostgreSQL',
        refused: isConnectionRefused(cause),
      };
  }
  return null;
}

/**
 * What a client does to retry a write safely. A JSON write sent with an Idempotency-Key: send it
 * again with the same key. A file upload (`POST /imports`, the one multipart route) keeps no key —
 * its file is read after the key would be checked — but an import is idempotent by its rows'
 * content (src/imports): the same file again writes what the first attempt did not and counts the
 * rest `unchanged`. A write sent without a key has no safe retry: its client checks first.
 */
export type RetryKind = 'idempotency_key' | 'same_file' | 'no_key';

const HOW_TO_RETRY: Record<RetryKind, string> = {
  idempotency_key: `retry it after ${RETRY_AFTER_SECONDS} s with the same Idempotency-Key, which stores a write once`,
  same_file: `send the same file again after ${RETRY_AFTER_SECONDS} s: an import is idempotent by its rows' content, so the rows already stored are counted unchanged and only the rest are written (Idempotency-Key is not used for a file upload)`,
  no_key: `it was sent without an Idempotency-Key, so sent again it may be stored twice: after ${RETRY_AFTER_SECONDS} s check the record's state or history before sending it again, and send an Idempotency-Key with a write next time so that a retry stores it once`,
};

/** A request as the 503 reads it: whether it writes, and how it can be retried. */
export interface LostRequest {
  method?: string;
  headers?: Record<string, string | string[] | undefined>;
}

/** Methods that store nothing: retrying them is always safe. */
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** How a write with these headers is retried: a multipart upload by its file, any other by its key if it sent one. */
export function retryKindOf(
  headers: Record<string, string | string[] | undefined> = {},
): RetryKind {
  if (String(headers['content-type'] ?? '').startsWith('multipart/')) return 'same_file';
  const key = headers['idempotency-key'];
  return (Array.isArray(key) ? key[0] : key) ? 'idempotency_key' : 'no_key';
}

/** "the database is unavailable", "Redis is unavailable", … */
function unavailable(dependency: string): string {
  if (dependency === 'PostgreSQL') return 'the database is unavailable';
  if (dependency === 'A backing service') return 'a backing service is unavailable';
  return `${dependency} is unavailable`;
}

/**
 * A dependency lost during a request: 503 with Retry-After, never "unexpected". A read stores
 * nothing, so it is simply retried. A write whose connection dropped is not retried here: its
 * append may have committed before the connection went, and only the client's retry (a key's event
 * ids, or an import's row ids, append nothing twice) or its own check can tell. A write refused at
 * connect is not said to be maybe stored, but it is given the same advice: an earlier statement of
 * the same request (its append, before the answer is kept under its key) may have run on a
 * connection made before the refusal, so only a key's retry is safe, and without one the client
 * checks before sending it again.
 */
export function serviceUnavailableBody(
  lost: LostDependency,
  request: LostRequest = {},
): HttpErrorBody {
  const retry = retryKindOf(request.headers);
  const read = READ_METHODS.has(String(request.method ?? '').toUpperCase());
  return {
    statusCode: 503,
    error: 'Service Unavailable',
    rule: SERVICE_UNAVAILABLE,
    dependency: lost.dependency,
    retryAfterSeconds: RETRY_AFTER_SECONDS,
    message: read
      ? `${unavailable(lost.dependency)}; retry after ${RETRY_AFTER_SECONDS} s`
      : lost.refused
        ? `${unavailable(lost.dependency)}: it refused a new connection; ${HOW_TO_RETRY[retry]}`
        : `${lost.dependency} dropped the connection while the request ran; it may or may not have been stored: ${HOW_TO_RETRY[retry]}`,
  };
}
