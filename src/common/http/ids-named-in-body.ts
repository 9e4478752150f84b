import { idFieldRule } from './id-field-rule';

/**
 * The ids a request body names, read before the body is checked against its DTO: the caller's
 * scope is asked of these first, so a caller outside the grant learns nothing from how the rest
 * of the body is judged (its 400 naming a field). Only an id its DTO field would take is read:
 * one it would refuse names nobody, and is left to the DTO's check, so a caller within the grant
 * is answered the same 400 as before. No DTO transforms an id, so the text read here is the id
 * the checked body carries. Each field's rule is derived once per DTO class (`idFieldRule`):
 * the body's own check (`parseBody`) is then the only class-validator run of the request.
 */
export function idsNamed<T extends object, K extends keyof T & string>(
  dtoClass: new () => T,
  raw: unknown,
  fields: readonly K[],
): Partial<Record<K, string>> {
  const named: Partial<Record<K, string>> = {};
  const body = fieldsOf(raw);
  for (const field of fields) {
    const value = body?.[field];
    if (typeof value === 'string' && idFieldRule(dtoClass, field)(value)) named[field] = value;
  }
  return named;
}

/**
 * The entries of a list field, each at its index (`idsNamed` reads an entry's ids). A list longer
 * than its DTO takes is not read: it is refused whole, and its length would cost a read each.
 */
export function entriesNamed(raw: unknown, field: string, maxEntries: number): unknown[] {
  const value = fieldsOf(raw)?.[field];
  return Array.isArray(value) && value.length <= maxEntries ? value : [];
}

function fieldsOf(raw: unknown): Record<string, unknown> | undefined {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw)
    ? (raw as Record<string, unknown>)
    : undefined;
}
