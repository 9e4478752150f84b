import { isCalendarDate } from '../common/input/calendar-date';
import { unsafeTextProblem } from '../common/input/unsafe-text';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';

/** An opaque keyset cursor: the sort key of the last row of a page, base64url-encoded JSON. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What each position of a cursor's key holds; anything else is refused before it reaches SQL. */
export type CursorPart = 'day' | 'sequence' | 'text';

const PART_IS_VALID: Record<CursorPart, (value: unknown) => boolean> = {
  day: isCalendarDate,
  // A bigint column (opened_sequence, access_log.id): PostgreSQL returns it as a string of digits.
  sequence: (value) =>
    (typeof value === 'string' && /^\d{1,18}$/.test(value)) ||
    (Number.isSafeInteger(value) && (value as number) >= 0),
  text: (value) =>
    typeof value === 'string' && value.length <= 200 && unsafeTextProblem(value, 'token') === null,
};

/**
 * The sort key a cursor carries, checked part by part: a cursor is opaque to clients, so one that
 * was not produced by this list (or was edited) is a 400, never a type error in PostgreSQL.
 * It must also be the very text `encodeCursor` writes for that key: Node's base64 decoding skips
 * characters it cannot read and takes padding, so an edited cursor could otherwise decode to a key.
 */
export function decodeCursor(cursor: string | undefined, parts: CursorPart[]): unknown[] | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(key) &&
      encodeCursor(key) === cursor &&
      key.length === parts.length &&
      parts.every((part, index) => PART_IS_VALID[part](key[index]))
    )
      return key;
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
  // Digits only: Number() also reads `1e2`, `0x10`, ` 5` and `5.0` as whole numbers.
  const value = /^\d{1,6}$/.test(limit) ? Number(limit) : NaN;
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new DomainRuleViolation(
      'query.limit',
      `limit: a whole number from 1 to ${max}`,
      'invalid',
      'limit',
    );
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

/** A yes/no filter (`?barred=true`): true, false or absent; anything else is a 400 naming it. */
export function parseFlag(name: string, value: string | undefined): boolean | undefined {
  const choice = parseChoice(name, value, ['true', 'false'] as const);
  return choice === undefined ? undefined : choice === 'true';
}
