import { createHash } from 'node:crypto';

/**
 * A UUID-shaped id derived from a seed. Used for event ids of retried requests and saga commands,
 * so the same input always yields the same ids and the store's idempotency absorbs the repeat.
 */
export function deterministicId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u001f')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
