import { SetMetadata } from '@nestjs/common';

export const SESSION_COOKIE = 'cadreflow:session-cookie';

/**
 * The route also takes its bearer token from this cookie when the request has no
 * `Authorization` header: for pages a browser loads itself (the queue dashboard), which cannot
 * attach a header and must not put the token in the URL. The token is verified exactly as a
 * bearer token is; only read-only routes should accept one (a cookie travels by itself).
 */
export const AcceptsSessionCookie = (name: string) => SetMetadata(SESSION_COOKIE, name);

/** The value of one cookie in a `Cookie` header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}
