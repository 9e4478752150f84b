import { createHash } from 'node:crypto';

/** The one thing a route does to its response besides returning a body: set a header. */
export interface HeaderSink {
  setHeader(name: string, value: string): void;
}

/**
 * The entity tag of one reader's view of a stream: `"<revision>.<digest>"`. The revision is what a
 * client sends back in `If-Match`; the digest names the body itself, because two readers of the
 * same revision may be answered differently (an unannounced tally withheld from one of them). A
 * bare revision let a browser revalidate a body read under another sign-in and get 304 for it.
 */
export function viewEntityTag(revision: number, body: unknown): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(body) ?? '')
    .digest('base64url')
    .slice(0, 16);
  return `"${revision}.${digest}"`;
}

/** Answers a view with its entity tag in `ETag` (its revision first, the value `If-Match` takes). */
export function withEtag<T>(response: HeaderSink, view: T): T {
  const revision = (view as { revision?: number | null } | null)?.revision;
  if (revision !== null && revision !== undefined)
    response.setHeader('ETag', viewEntityTag(revision, view));
  return view;
}
