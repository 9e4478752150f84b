import { childPath } from './field-path';
import { textProblemInEnglish, visibleTextProblem } from './text-characters';
import { unsafeTextProblem } from './unsafe-text';

/**
 * Keys that reach an object's prototype machinery: `__proto__`, `prototype` and every name
 * `Object.prototype` carries (`constructor`, `toString`, `hasOwnProperty`, …). `JSON.parse` keeps
 * them as plain keys, but class-transformer drops the inherited names from a free-form map
 * (`votesByForm: {"toString": 3}` reached the ballot as if never sent, its votes uncounted) and
 * a lookup in such a map reads the prototype's function. No field of this API has such a name:
 * they are refused.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'prototype',
  ...Object.getOwnPropertyNames(Object.prototype),
]);

/** Deeper than any body of this API; also keeps the walk (and class-transformer after it) off the stack limit. */
export const MAX_BODY_DEPTH = 32;

export interface BodyProblem {
  rule: 'body.forbidden_key' | 'body.invalid_text' | 'body.too_deep';
  field: string;
  message: string;
}

/** The keys from the body down to a value; turned into a path only for the value refused. */
type KeyTrail = (string | number)[];

const pathOf = (trail: KeyTrail): string => trail.reduce<string>(childPath, '');

/**
 * The first key or string of a parsed JSON body that must not be stored, with its path; null when
 * clean. Document order: an object's keys are checked before what they hold, then each value in
 * turn. A body of 10,000 transfer entries is walked in every request that sends one, so a clean
 * value costs no path and no copy of its object's entries.
 */
export function findBodyProblem(body: unknown): BodyProblem | null {
  return scan(body, [], 0);
}

function scan(value: unknown, trail: KeyTrail, depth: number): BodyProblem | null {
  if (typeof value === 'string') {
    const problem = unsafeTextProblem(value, 'text');
    if (!problem) return null;
    const field = pathOf(trail) || 'body';
    return { rule: 'body.invalid_text', field, message: `${field}: ${problem}` };
  }
  if (typeof value !== 'object' || value === null) return null;
  if (depth >= MAX_BODY_DEPTH) {
    const field = pathOf(trail) || 'body';
    return {
      rule: 'body.too_deep',
      field,
      message: `${field}: nested more than ${MAX_BODY_DEPTH} levels deep`,
    };
  }
  if (Array.isArray(value)) return scanItems(value, trail, depth);
  const keys = Object.keys(value);
  for (const key of keys) {
    const keyProblem = keyProblemOf(key, trail);
    if (keyProblem) return keyProblem;
  }
  for (const key of keys) {
    trail.push(key);
    const problem = scan((value as Record<string, unknown>)[key], trail, depth + 1);
    trail.pop();
    if (problem) return problem;
  }
  return null;
}

function scanItems(items: unknown[], trail: KeyTrail, depth: number): BodyProblem | null {
  for (let index = 0; index < items.length; index++) {
    trail.push(index);
    const problem = scan(items[index], trail, depth + 1);
    trail.pop();
    if (problem) return problem;
  }
  return null;
}

/** A key refused where it stands: `trail` leads to the object that holds it. */
function keyProblemOf(key: string, trail: KeyTrail): BodyProblem | null {
  if (FORBIDDEN_KEYS.has(key)) {
    const field = childPath(pathOf(trail), key);
    return {
      rule: 'body.forbidden_key',
      field,
      message: `${field}: the key "${key}" is not accepted anywhere in a body`,
    };
  }
  // No field is named with a character that shows nothing: `{"\u202e":1}` was refused as
  // "\u202e: unknown field", the override echoed. The path names it by code point.
  const unseen = visibleTextProblem(key);
  const problem =
    unsafeTextProblem(key, 'token') ?? (unseen && `holds ${textProblemInEnglish(unseen)}`);
  if (!problem) return null;
  const field = childPath(pathOf(trail), key);
  return { rule: 'body.invalid_text', field, message: `${field}: the key ${problem}` };
}
