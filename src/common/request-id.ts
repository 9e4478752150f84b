import { randomUUID } from 'node:crypto';

/**
 * Client-supplied request and correlation ids are written into hash-chained event metadata, which
 * is kept for decades and shown in auditors' tools: only short, plain ids are taken as they are
 * (no markup, no 8,000-character headers). Anything else is replaced by an id the server makes.
 */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function isSafeRequestId(value: unknown): value is string {
  return typeof value === 'string' && SAFE_ID.test(value);
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The header's value if it is a safe id, else undefined. */
export function safeIdFromHeader(value: string | string[] | undefined): string | undefined {
  const first = firstValue(value);
  return isSafeRequestId(first) ? first : undefined;
}

/** The id of this request: the client's `X-Request-Id` if safe, else a new one. */
export function requestIdFor(headers: Record<string, string | string[] | undefined>): string {
  return safeIdFromHeader(headers['x-request-id']) ?? randomUUID();
}
