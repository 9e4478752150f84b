import { childPath } from './field-path';
import { unsafeTextProblem } from './unsafe-text';

/**
 * Keys that reach an object's prototype machinery. `JSON.parse` keeps them as plain keys, but
 * class-transformer and spread drop or misread them, and a free-form map (`votesByForm`) turns
 * `constructor` into a function lookup. No field of this API has such a name: they are refused.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** Deeper than any body of this API; also keeps the walk (and class-transformer after it) off the stack limit. */
export const MAX_BODY_DEPTH = 32;

export interface BodyProblem {
  rule: 'body.forbidden_key' | 'body.invalid_text' | 'body.too_deep';
  field: string;
  message: string;
}

/** The first key or string of a parsed JSON body that must not be stored, with its path; null when clean. */
export function findBodyProblem(body: unknown): BodyProblem | null {
  const pending: { value: unknown; path: string; depth: number }[] = [
    { value: body, path: '', depth: 0 },
  ];
  while (pending.length) {
    const { value, path, depth } = pending.pop()!;
    const field = path || 'body';
    if (typeof value === 'string') {
      const problem = unsafeTextProblem(value, 'text');
      if (problem) return { rule: 'body.invalid_text', field, message: `${field}: ${problem}` };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_BODY_DEPTH)
      return {
        rule: 'body.too_deep',
        field,
        message: `${field}: nested more than ${MAX_BODY_DEPTH} levels deep`,
      };
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]);
    for (const [key] of entries) {
      if (typeof key !== 'string') continue;
      const keyPath = childPath(path, key);
      if (FORBIDDEN_KEYS.has(key))
        return {
          rule: 'body.forbidden_key',
          field: keyPath,
          message: `${keyPath}: the key "${key}" is not accepted anywhere in a body`,
        };
      const problem = unsafeTextProblem(key, 'token');
      if (problem)
        return {
          rule: 'body.invalid_text',
          field: keyPath,
          message: `${keyPath}: the key ${problem}`,
        };
    }
    // Reversed onto the stack, so the first problem in document order is the one reported.
    for (const [key, item] of entries.reverse())
      pending.push({ value: item, path: childPath(path, key), depth: depth + 1 });
  }
  return null;
}
