import { MAX_BODY_DEPTH } from './body-scan';
import { childPath } from './field-path';

/** A key given twice in one object of a JSON body, with its path. */
export interface RepeatedKey {
  rule: 'body.repeated_key';
  field: string;
  message: string;
}

/**
 * An object's keys so far, and the key whose value is being read; or an array and the index of
 * the item being read. Keys are a list while few (most objects of a body have a handful, and a
 * short list is looked through faster than a set is built), a set past LISTED_KEYS: an object of
 * 100,000 keys must not cost 100,000² comparisons.
 */
type Frame =
  { kind: 'object'; keys: string[] | Set<string>; at?: string } | { kind: 'array'; at: number };

const LISTED_KEYS = 16;

/** Adds the key to the object's keys; false when it was there already. */
function addKey(frame: { keys: string[] | Set<string> }, key: string): boolean {
  const keys = frame.keys;
  if (Array.isArray(keys)) {
    if (keys.includes(key)) return false;
    keys.push(key);
    if (keys.length > LISTED_KEYS) frame.keys = new Set(keys);
    return true;
  }
  if (keys.has(key)) return false;
  keys.add(key);
  return true;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

const isJsonSpace = (code: number): boolean =>
  code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;

/** Where the string opened at `open` ends (its closing quote), or -1 when it does not. */
function stringEnd(json: string, open: number): number {
  for (let from = open + 1; ;) {
    const quote = json.indexOf('"', from);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (json.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
    from = quote + 1;
  }
}

/** A key as JSON.parse reads it: escapes (`"full\u004eame"`) decoded, so a spelt-out repeat is one too. */
function keyText(json: string, open: number, close: number): string | null {
  const raw = json.slice(open + 1, close);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(json.slice(open, close + 1)) as string;
  } catch {
    return null;
  }
}

const pathTo = (stack: Frame[], key: string): string => {
  let path = '';
  for (let depth = 0; depth < stack.length - 1; depth++) {
    const at = stack[depth].at;
    if (at !== undefined) path = childPath(path, at);
  }
  return childPath(path, key);
};

/**
 * The first key a JSON text gives twice in one object, at any depth, or null. JSON.parse keeps
 * the last value and says nothing (`{"fullName":"Dup",…,"fullName":"Nguyễn Văn Thử"}` registered
 * the second name), so what the sender meant cannot be known: such a body is refused. One pass
 * over the raw text, run by the parser's `verify` hook: strings are skipped with `indexOf` (a
 * brace, a comma or a colon in one is text), only brackets, commas and keys are looked at. A
 * 10,000-entry transfer batch costs less than its JSON.parse. For text that is not JSON the
 * answer means nothing: the parser's own refusal comes first.
 */
export function findRepeatedKey(json: string): RepeatedKey | null {
  const stack: Frame[] = [];
  let top: Frame | undefined;
  for (let index = 0; index < json.length; index++) {
    const code = json.charCodeAt(index);
    if (code === QUOTE) {
      const close = stringEnd(json, index);
      if (close < 0) return null;
      let next = close + 1;
      while (isJsonSpace(json.charCodeAt(next))) next++;
      if (top?.kind === 'object' && json.charCodeAt(next) === COLON) {
        const key = keyText(json, index, close);
        if (key !== null) {
          if (!addKey(top, key)) {
            const field = pathTo(stack, key);
            return {
              rule: 'body.repeated_key',
              field,
              message: `${field}: the key is given more than once in its object; send each key once`,
            };
          }
          top.at = key;
        }
      }
      index = close;
    } else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      // Deeper than any body may be: refused as body.too_deep, no need to look further.
      if (stack.length > MAX_BODY_DEPTH) return null;
      top = code === 0x7b ? { kind: 'object', keys: [] } : { kind: 'array', at: 0 };
      stack.push(top);
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      stack.pop();
      top = stack[stack.length - 1];
    } else if (code === 0x2c /* , */ && top?.kind === 'array') {
      top.at++;
    }
  }
  return null;
}

const FOUND = Symbol('cadreflow:repeated-key');

/**
 * Run by the JSON parser's `verify` hook on the raw text: keeps what `findRepeatedKey` found on
 * the request, for `RequestInputGuard` to refuse once the body has parsed (malformed JSON is
 * refused as such first).
 */
export function noteRepeatedKey(request: object, json: string): void {
  const found = findRepeatedKey(json);
  if (found) (request as { [FOUND]?: RepeatedKey })[FOUND] = found;
}

/** The repeated key `noteRepeatedKey` kept for this request, if any. */
export const repeatedKeyIn = (request: object): RepeatedKey | undefined =>
  (request as { [FOUND]?: RepeatedKey })[FOUND];
