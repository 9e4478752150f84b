import { DomainRuleViolation } from '../workflow/case/domain-rule-violation';

/** An opaque keyset cursor: the sort key of the last row of a page, base64url-encoded JSON. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, length: number): unknown[] | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === length) return key;
  } catch {
    // falls through to the refusal
  }
  throw new DomainRuleViolation(
    'query.cursor',
    'cursor: not a cursor this list returned (use nextCursor as given)',
    'invalid',
    'cursor',
  );
}

export function parseLimit(limit: string | undefined, fallback = 50, max = 500): number {
  if (limit === undefined) return fallback;
  const value = Number(limit);
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new DomainRuleViolation(
      'query.limit',
      `limit: a whole number from 1 to ${max}`,
      'invalid',
      'limit',
    );
  return value;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function parseDay(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!DAY.test(value) || Number.isNaN(Date.parse(value)))
    throw new DomainRuleViolation(`query.${name}`, `${name}: a day YYYY-MM-DD`, 'invalid', name);
  return value;
}

export function parseChoice<T extends string>(
  name: string,
  value: string | undefined,
  choices: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!choices.includes(value as T))
    throw new DomainRuleViolation(
      `query.${name}`,
      `${name}: one of ${choices.join(', ')}`,
      'invalid',
      name,
    );
  return value as T;
}

/** A page of rows and the cursor of the next one (null at the end). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
