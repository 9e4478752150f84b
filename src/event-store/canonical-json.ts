/**
 * RFC 8785 canonical JSON, the same text as `canonicalize` of json-canonicalize (its defaults:
 * object keys sorted by UTF-16 code units, keys whose value is undefined left out, undefined in
 * a list written as null, `toJSON` values and leaves as `JSON.stringify` writes them, a
 * non-finite number or a cycle refused). Written for speed: the library builds a path string for
 * every value it visits, which was most of an event's content digest in bulk appends
 * (bench/README.md, bench:bulk); `canonical-json.unit.spec.ts` holds the two texts together.
 * One difference: the library also refuses some values met twice that are not a cycle (an
 * object shared by keys `a` and `ab`); here only a cycle is refused.
 */
export function canonicalJson(value: unknown): string {
  return write(value, []);
}

/**
 * The quoted form of the keys met so far: an event's keys are a few dozen field names, otherwise
 * quoted anew for every event. With this and no filtered copy of each object's keys, the canonical
 * text of a batch's event data takes a third less time (`npm run bench:digests`, bench/README.md).
 * Bounded, for data whose keys are values (a map by id).
 */
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_KEPT = 10_000;

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < QUOTED_KEYS_KEPT) quotedKeys.set(key, quoted);
  }
  return quoted;
}

function write(value: unknown, ancestors: object[]): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (
    value === null ||
    typeof value !== 'object' ||
    (value as { toJSON?: unknown }).toJSON != null
  ) {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new Error(`Non-finite number (${value}) is not permitted in JSON (RFC 8785 §3.2.2.3)`);
    // As the library does: a function or symbol writes `undefined`.
    return `${JSON.stringify(value)}`;
  }
  if (ancestors.includes(value)) throw new Error('Circular reference detected');
  ancestors.push(value);
  const text = Array.isArray(value)
    ? writeList(value, ancestors)
    : writeObject(value as Record<string, unknown>, ancestors);
  ancestors.pop();
  return text;
}

function writeList(list: unknown[], ancestors: object[]): string {
  const parts: string[] = [];
  // forEach, as the library: the gaps of a sparse list are skipped, not written.
  list.forEach((element: unknown) =>
    parts.push(write(element === undefined ? null : element, ancestors)),
  );
  return `[${parts.join(',')}]`;
}

function writeObject(record: Record<string, unknown>, ancestors: object[]): string {
  const keys = Object.keys(record).sort();
  let body = '';
  for (const key of keys) {
    const field = record[key];
    if (field === undefined) continue;
    body += `${body ? ',' : ''}${quotedKey(key)}:${write(field, ancestors)}`;
  }
  return `{${body}}`;
}
