import createClient, { Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { getSession, setSession } from '../session';

/** The service's own API, typed from its OpenAPI document (schema.d.ts, generated: `npm run web:api`). */
export const api = createClient<paths>({ baseUrl: location.origin });

const auth: Middleware = {
  onRequest({ request }) {
    const session = getSession();
    if (session) request.headers.set('Authorization', `Bearer ${session.token}`);
    if (!request.headers.has('Accept')) request.headers.set('Accept', 'application/json');
    // Refusals come back in the reader's language where the server writes it (titles, and the
    // validation messages it has in Vietnamese); the page's language is set by i18n.
    request.headers.set('Accept-Language', document.documentElement.lang === 'en' ? 'en' : 'vi');
    return request;
  },
  onResponse({ response }) {
    // An expired or rejected token: back to the sign-in.
    if (response.status === 401 && getSession()) setSession(null);
    return response;
  },
};
api.use(auth);

/** A refusal from the server: its status, rule (e.g. ballot.no_quorum), message and the field it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly rule: string | undefined,
    message: string,
    readonly field: string | undefined,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface Answer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** An answer the server refused, as an ApiError: its problem document's rule, message and field. */
function refusalOf(response: Response, error: unknown): ApiError {
  const body = (error && typeof error === 'object' ? error : {}) as Record<string, unknown>;
  return new ApiError(
    response.status,
    typeof body.rule === 'string' ? body.rule : undefined,
    typeof body.message === 'string' ? body.message : `${response.status} ${response.statusText}`,
    typeof body.field === 'string' ? body.field : undefined,
    body,
  );
}

/** The data of an answer, or an ApiError; with the revision its ETag names when there is one. */
export async function unwrap<T>(call: Promise<Answer>): Promise<T> {
  return (await unwrapWithEtag<T>(call)).data;
}

export async function unwrapWithEtag<T>(
  call: Promise<Answer>,
): Promise<{ data: T; etag: number | null }> {
  const { data, error, response } = await call;
  if (!response.ok) throw refusalOf(response, error);
  return { data: data as T, etag: revisionOfEtag(response.headers.get('ETag')) };
}

/**
 * The revision an ETag starts with: `"7.<digest>"` is revision 7 (the digest names this reader's
 * body of it). Before, every digit of the tag was read as one number.
 */
export function revisionOfEtag(etag: string | null): number | null {
  const match = etag ? /^(?:W\/)?"?(\d+)/.exec(etag) : null;
  return match ? Number(match[1]) : null;
}

/** Downloads a file the API makes (CSV, NDJSON) with the bearer token; a BOM for Excel when asked. */
export async function download(
  path: string,
  fileName: string,
  options: { excelBom?: boolean } = {},
): Promise<void> {
  const session = getSession();
  const response = await fetch(path, {
    headers: {
      ...(session ? { Authorization: `Bearer ${session.token}` } : {}),
      'Accept-Language': document.documentElement.lang === 'en' ? 'en' : 'vi',
    },
  });
  if (!response.ok) {
    // A refused download is a problem document like any answer: its rule, message and field.
    const text = await response.text();
    let problem: unknown = null;
    try {
      problem = JSON.parse(text);
    } catch {
      problem = null;
    }
    throw refusalOf(response, problem ?? { message: text || undefined });
  }
  // Excel opens a CSV as UTF-8 only when it starts with a byte-order mark; other files as they come.
  const content = options.excelBom ? ['\uFEFF', await response.text()] : [await response.blob()];
  const blob = new Blob(content, {
    type: response.headers.get('Content-Type') ?? 'text/plain',
  });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * One Idempotency-Key per submission: the same body sent again (a double click, a retry after a
 * lost answer) carries the same key and records once; a changed body gets a new key.
 */
export function idempotencyKeys(): (body: unknown) => string {
  let last: { body: string; key: string } | null = null;
  return (body) => {
    const text = JSON.stringify(body);
    if (!last || last.body !== text) last = { body: text, key: crypto.randomUUID() };
    return last.key;
  };
}
