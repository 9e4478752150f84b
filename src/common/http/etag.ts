/** The one thing a route does to its response besides returning a body: set a header. */
export interface HeaderSink {
  setHeader(name: string, value: string): void;
}

/** Answers a view with its stream revision in `ETag`, the value a client sends back in `If-Match`. */
export function withEtag<T>(response: HeaderSink, view: T): T {
  const revision = (view as { revision?: number | null } | null)?.revision;
  if (revision !== null && revision !== undefined) response.setHeader('ETag', `"${revision}"`);
  return view;
}
