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

function write(value: unknown, ancestors: object[]): string {
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
  let text: string;
  if (Array.isArray(value)) {
    const parts: string[] = [];
    // forEach, as the library: the gaps of a sparse list are skipped, not written.
    value.forEach((element: unknown) =>
      parts.push(write(element === undefined ? null : element, ancestors)),
    );
    text = `[${parts.join(',')}]`;
  } else {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    let body = '';
    for (const key of keys)
      body += `${body ? ',' : ''}${JSON.stringify(key)}:${write(record[key], ancestors)}`;
    text = `{${body}}`;
  }
  ancestors.pop();
  return text;
}
